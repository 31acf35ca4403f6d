package dev.dhcpharvester.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dhcpharvester.report.ReportJson;
import dev.dhcpharvester.testing.LeaseFileWriter;
import dev.dhcpharvester.testing.NamedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The include mode end to end: the CLI writes the fragment, bumps the serial and reloads a real named. */
class IncludeModeAgainstBindTest {

    static final String AS_OF = "2026-11-25T12:00:00Z";

    @TempDir
    Path dir;
    Path zoneFile;
    Path dest;
    Path leases;
    Path report;
    NamedServer named;

    @BeforeEach
    void startNamed() throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        dest = dir.resolve("dhcp_harvest.inc");
        Files.writeString(dest, "");
        zoneFile = dir.resolve("cord.lab.zone");
        Files.writeString(zoneFile, """
                $TTL 300
                @ IN SOA ns.cord.lab. hostmaster.cord.lab. (
                        2026010101 ; serial
                        3600 900 604800 300 )
                  IN NS ns
                ns IN A 127.0.0.1
                $INCLUDE "%s"
                """.formatted(dest));
        leases = dir.resolve("dhcpd.leases");
        report = dir.resolve("report.json");
        named = NamedServer.start(dir, "cord.lab", zoneFile);
    }

    @AfterEach
    void stopNamed() {
        if (named != null) {
            named.close();
        }
    }

    Cli harvest(Path key, String... extra) {
        List<String> args = new ArrayList<>(List.of("-l", leases.toString(), "-x", dir.resolve("none").toString(),
                "-d", dest.toString(), "-u", "-z", "cord.lab", "-s", "127.0.0.1",
                "-p", Integer.toString(named.controlPort()), "-k", key.toString(),
                "--bump-serial", zoneFile.toString(), "--as-of", AS_OF, "--report", report.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }


    int zoneLoads() throws Exception {
        Matcher m = Pattern.compile("zone cord.lab/IN: loaded serial").matcher(named.log());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void harvestedNamesResolveAndTheSerialIsBumped() throws Exception {
        new LeaseFileWriter()
                .active("10.6.0.10", "52:54:00:12:34:10", "compute-1")
                .active("10.6.0.11", "52:54:00:12:34:11", "compute-2")
                .active("10.6.0.12", "52:54:00:12:34:12", (String) null)
                .writeTo(leases);
        long before = named.soaSerial();

        Cli cli = harvest(named.keyFile());

        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out).contains("harvest ok: 3 hosts in force, 3 published", "zone cord.lab reloaded");
        assertThat(named.addresses("compute-1.cord.lab.")).containsExactly("10.6.0.10");
        assertThat(named.addresses("compute-2.cord.lab.")).containsExactly("10.6.0.11");
        assertThat(named.addresses("UNK-525400123412.cord.lab.")).containsExactly("10.6.0.12");
        assertThat(before).isEqualTo(2026010101L);
        assertThat(named.soaSerial()).isGreaterThan(before);
        JsonNode json = ReportJson.mapper().readTree(report.toFile());
        assertThat(json.at("/dns/serial/from").asLong()).isEqualTo(before);
        assertThat(json.at("/dns/reload/succeeded").asBoolean()).isTrue();
    }

    @Test
    void aSecondHarvestWithNoChangeWritesNothingAndDoesNotReload() throws Exception {
        new LeaseFileWriter().active("10.6.0.10", "52:54:00:12:34:10", "compute-1").writeTo(leases);
        assertThat(harvest(named.keyFile()).exitCode).isZero();
        long serial = named.soaSerial();
        int loads = zoneLoads();
        String zoneText = Files.readString(zoneFile);
        var destModified = Files.getLastModifiedTime(dest);

        Cli second = harvest(named.keyFile());

        assertThat(second.exitCode).as(second.toString()).isZero();
        assertThat(second.out).contains(dest + " unchanged").doesNotContain("reloaded");
        assertThat(Files.getLastModifiedTime(dest)).isEqualTo(destModified);
        assertThat(Files.readString(zoneFile)).isEqualTo(zoneText);
        assertThat(named.soaSerial()).isEqualTo(serial);
        assertThat(zoneLoads()).isEqualTo(loads);
        JsonNode json = ReportJson.mapper().readTree(report.toFile());
        assertThat(json.at("/dns/written").asBoolean()).isFalse();
        assertThat(json.at("/dns/reload").isMissingNode()).isTrue();
    }

    @Test
    void anRndcConfWithAnOptionsBlockIsPassedAsConfig() throws Exception {
        new LeaseFileWriter().active("10.6.0.20", "52:54:00:12:34:20", "storage-1").writeTo(leases);

        Cli cli = harvest(named.rndcConf());

        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(named.addresses("storage-1.cord.lab.")).containsExactly("10.6.0.20");
        assertThat(ReportJson.mapper().readTree(report.toFile()).at("/dns/reload/command").asText())
                .contains("-c " + named.rndcConf());
    }

    @Test
    void aWrongKeyFailsWithRndcsMessageAndTheNextGoodRunReloadsTheUnchangedFile() throws Exception {
        new LeaseFileWriter().active("10.6.0.30", "52:54:00:12:34:30", "late-1").writeTo(leases);
        Path wrongKey = dir.resolve("wrong.key");
        Files.writeString(wrongKey, "key \"" + NamedServer.KEY_NAME
                + "\" {\n\talgorithm hmac-sha256;\n\tsecret \"c2VjcmV0LXRoYXQtaXMtd3Jvbmctc2VjcmV0LXRoYXQtaXMtd3Jvbmc=\";\n};\n");

        Cli failed = harvest(wrongKey, "--rndc-timeout", "20s");

        assertThat(failed.exitCode).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err.strip().lines()).hasSize(1);
        assertThat(failed.err).startsWith("harvest failed: rndc reload failed");
        assertThat(named.addresses("late-1.cord.lab.")).as("not reloaded yet").isEmpty();

        Cli retried = harvest(named.keyFile());

        assertThat(retried.exitCode).as(retried.toString()).isZero();
        assertThat(retried.out).contains(dest + " unchanged", "reloaded");
        assertThat(named.addresses("late-1.cord.lab.")).containsExactly("10.6.0.30");
    }

    @Test
    void aMalformedLeaseFilePublishesNothingAndKeepsTheLastGoodState() throws Exception {
        new LeaseFileWriter().active("10.6.0.40", "52:54:00:12:34:40", "keeper").writeTo(leases);
        assertThat(harvest(named.keyFile()).exitCode).isZero();
        byte[] good = Files.readAllBytes(dest);
        Files.writeString(leases, Files.readString(leases).replace("binding state active;", "binding state active"));

        Cli cli = harvest(named.keyFile());

        assertThat(cli.exitCode).isEqualTo(2);
        assertThat(cli.err.strip()).matches("harvest failed: " + Pattern.quote(leases.toString())
                + ":\\d+: expected ';' after 'binding state active' but found 'next'; nothing published");
        assertThat(Files.readAllBytes(dest)).isEqualTo(good);
        assertThat(named.addresses("keeper.cord.lab.")).containsExactly("10.6.0.40");
    }
}
