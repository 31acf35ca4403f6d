package dev.dhcpharvester.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dhcpharvester.report.ReportJson;
import dev.dhcpharvester.source.Ipv6;
import dev.dhcpharvester.testing.NamedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 in include mode end to end: the lease file a real kea-dhcp6 wrote (fixtures/capture-kea6.sh)
 * and a dual-stack reservation, harvested by the CLI into a real named's forward zone (A and AAAA)
 * and two reverse zones (in-addr.arpa and ip6.arpa), each pulled in with $INCLUDE and reloaded.
 */
class DualStackAgainstBindTest {

    static final Path KEA6 = Path.of("../harvester-core/src/test/resources/fixtures/kea-leases6.csv");
    static final String REVERSE6 = "6.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa";
    static final String REVERSE4 = "7.10.in-addr.arpa";

    @TempDir
    Path dir;
    NamedServer named;
    Path dest;
    Path rev6;
    Path rev4;
    Path reservations;
    Path report;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        dest = dir.resolve("dhcp_harvest.inc");
        rev6 = dir.resolve("rev6.inc");
        rev4 = dir.resolve("rev4.inc");
        for (Path fragment : List.of(dest, rev6, rev4)) {
            Files.writeString(fragment, "");
        }
        Path zone = zoneFile("cord.lab", dest);
        named = NamedServer.start(dir, "cord.lab", zone,
                Map.of(REVERSE6, zoneFile(REVERSE6, rev6), REVERSE4, zoneFile(REVERSE4, rev4)));
        reservations = dir.resolve("dhcpd.conf");
        Files.writeString(reservations, "host dual { hardware ethernet 52:54:00:00:07:02; fixed-address 10.7.0.2, 2001:db8:6::6; }\n");
        report = dir.resolve("report.json");
    }

    Path zoneFile(String zone, Path include) throws Exception {
        Path file = dir.resolve(zone + ".zone");
        Files.writeString(file, """
                $TTL 300
                @ IN SOA ns.cord.lab. hostmaster.cord.lab. ( 1 3600 900 604800 300 )
                  IN NS ns.cord.lab.
                $INCLUDE "%s"
                """.formatted(include) + (zone.equals("cord.lab") ? "ns IN A 127.0.0.1\n" : ""));
        return file;
    }

    @AfterEach
    void stop() {
        if (named != null) {
            named.close();
        }
    }

    /** The fixture's rows: address and MAC. */
    static List<String[]> keaRows() throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(KEA6).subList(1, Files.readAllLines(KEA6).size())) {
            String[] f = line.split(",", -1);
            rows.add(new String[] {f[0], f[12], f[3], f[2]});
        }
        return rows;
    }

    Cli harvest() throws Exception {
        String[] first = keaRows().get(0);
        Instant during = Instant.ofEpochSecond(Long.parseLong(first[2]) - Long.parseLong(first[3]) + 60);
        return Cli.run("-l", KEA6.toString(), "-x", reservations.toString(), "-d", dest.toString(), "-u", "-z", "cord.lab",
                "--reverse-dest", REVERSE6 + "=" + rev6, "--reverse-dest", REVERSE4 + "=" + rev4,
                "--bump-serial", dir.resolve("cord.lab.zone").toString(),
                "--bump-serial", REVERSE6 + "=" + dir.resolve(REVERSE6 + ".zone"),
                "-s", "127.0.0.1", "-p", Integer.toString(named.controlPort()), "-k", named.keyFile().toString(),
                "--as-of", during.toString(), "--report", report.toString());
    }

    @Test
    void ipv6LeasesResolveAsAaaaWithIp6ArpaPointersAndADualStackHostHasBoth() throws Exception {
        assertThat(named.soaSerial(REVERSE6)).isEqualTo(1);
        Cli cli = harvest();

        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out).contains("zones cord.lab, " + REVERSE6 + ", " + REVERSE4 + " reloaded");
        for (String[] row : keaRows()) {
            // every client sent "client": each is named by its MAC, as the CORD harvester names shared names
            String fqdn = "client-" + row[1].replace(":", "").toUpperCase(Locale.ROOT) + ".cord.lab.";
            assertThat(named.addresses6(fqdn)).as(fqdn).containsExactly(row[0]);
            assertThat(named.pointers(Ipv6.reverseName(row[0]))).as(row[0]).containsExactly(fqdn);
        }
        assertThat(named.addresses("dual.cord.lab.")).containsExactly("10.7.0.2");
        assertThat(named.addresses6("dual.cord.lab.")).as("one name, an A and an AAAA").containsExactly("2001:db8:6::6");
        assertThat(named.pointers("2.0.7.10.in-addr.arpa.")).containsExactly("dual.cord.lab.");
        assertThat(named.pointers(Ipv6.reverseName("2001:db8:6::6"))).containsExactly("dual.cord.lab.");
        JsonNode dns = ReportJson.mapper().readTree(report.toFile()).at("/dns");
        assertThat(dns.at("/reverse/0/zone").asText()).isEqualTo(REVERSE6);
        assertThat(dns.at("/reverse/0/records").asInt()).isEqualTo(keaRows().size() + 1);
        assertThat(dns.at("/reverse/1/records").asInt()).isEqualTo(1);
        assertThat(named.soaSerial(REVERSE6)).as("the reverse zone's serial raised, so its secondaries hear of it").isEqualTo(2);
        assertThat(dns.at("/reverse/0/serial/to").asLong()).isEqualTo(2);
        assertThat(named.soaSerial("cord.lab")).isEqualTo(2);
        assertThat(named.soaSerial(REVERSE4)).as("no --bump-serial for it").isEqualTo(1);

        Cli again = harvest();

        assertThat(again.exitCode).as(again.toString()).isZero();
        assertThat(again.out).contains(rev6 + " unchanged", rev4 + " unchanged").doesNotContain("reloaded");
    }

    @Test
    void aV6SourceThatBreaksKeepsItsNamesResolvingWhileTheV4SourceGoesOn() throws Exception {
        // the real kea-dhcp6 capture, its leases moved to end at 19:30 so that they overlap the dhcpd lease (08:00-20:00)
        Path kea6 = dir.resolve("kea-leases6.csv");
        long expire = Instant.parse("2026-11-25T19:30:00Z").getEpochSecond();
        StringBuilder moved = new StringBuilder(Files.readAllLines(KEA6).get(0)).append('\n');
        for (String line : Files.readAllLines(KEA6).subList(1, Files.readAllLines(KEA6).size())) {
            String[] f = line.split(",", -1);
            f[3] = Long.toString(expire);
            moved.append(String.join(",", f)).append('\n');
        }
        Files.writeString(kea6, moved);
        Path dhcpd = new dev.dhcpharvester.testing.LeaseFileWriter().active("10.7.0.10", "52:54:00:00:07:10", "four-a")
                .writeTo(dir.resolve("dhcpd.leases"));
        java.util.function.Supplier<Cli> harvest = () -> Cli.run("-l", dhcpd.toString(), "-l", kea6.toString(),
                "-x", dir.resolve("none").toString(), "-d", dest.toString(), "-u", "-z", "cord.lab",
                "--reverse-dest", REVERSE6 + "=" + rev6, "-s", "127.0.0.1", "-p", Integer.toString(named.controlPort()),
                "-k", named.keyFile().toString(), "--as-of", "2026-11-25T19:00:00Z", "--report", report.toString());
        Cli both = harvest.get();
        assertThat(both.exitCode).as(both.toString()).isZero();
        assertThat(named.addresses("four-a.cord.lab.")).containsExactly("10.7.0.10");
        String[] row = keaRows().get(0);
        String fqdn = "client-" + row[1].replace(":", "").toUpperCase(Locale.ROOT) + ".cord.lab.";
        assertThat(named.addresses6(fqdn)).containsExactly(row[0]);

        Files.writeString(kea6, Files.readString(kea6).replace("address,duid,", "address,client_id,")); // a changed header
        new dev.dhcpharvester.testing.LeaseFileWriter().active("10.7.0.10", "52:54:00:00:07:10", "four-a")
                .active("10.7.0.11", "52:54:00:00:07:11", "four-b").writeTo(dhcpd);
        Cli broken = harvest.get();

        assertThat(broken.exitCode).as(broken.toString()).isEqualTo(2);
        assertThat(broken.err.strip().lines()).last().asString()
                .startsWith("harvest failed: 1 of 2 lease sources could not be read, first " + kea6
                        + ":2: expected an IPv4 address in column 'address'");
        assertThat(named.addresses("four-b.cord.lab.")).as("the v4 source's new host is published").containsExactly("10.7.0.11");
        assertThat(named.addresses6(fqdn)).as("the broken v6 source's hosts still resolve").containsExactly(row[0]);
        assertThat(named.pointers(Ipv6.reverseName(row[0]))).containsExactly(fqdn);
        JsonNode json = ReportJson.mapper().readTree(report.toFile());
        assertThat(json.at("/sources/1/error").asText()).contains(kea6 + ":2:");
        assertThat(json.at("/counts/kept").asInt()).isEqualTo(keaRows().size());
    }
}
