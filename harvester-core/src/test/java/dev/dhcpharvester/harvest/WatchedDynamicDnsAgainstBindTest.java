package dev.dhcpharvester.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.naming.NamePolicy;
import dev.dhcpharvester.publication.IncludeOptions;
import dev.dhcpharvester.publication.RndcOptions;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.publication.ddns.DdnsSettings;
import dev.dhcpharvester.publication.ddns.DnsServer;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.selection.LeaseFileFollower;
import dev.dhcpharvester.testing.LeaseFileWriter;
import dev.dhcpharvester.testing.NamedServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch mode in dynamic DNS mode against a real named: a cycle sends only the changed names and
 * appends them to the state's journal; names DNS did not take (a wrong key) are sent again by the
 * next cycle even when the lease file has not changed since, and a cycle that stopped part way
 * (no key at all) is followed by a whole convergence.
 */
class WatchedDynamicDnsAgainstBindTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    NamedServer named;
    Path leases;
    Path key;
    Harvester harvester;
    HarvestConfig config;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        named = NamedServer.start(dir);
        leases = new LeaseFileWriter().active("192.0.2.10", "52:54:00:00:00:0a", "compute-1")
                .active("192.0.2.11", "52:54:00:00:00:0b", "compute-2").writeTo(dir.resolve("dhcpd.leases"));
        key = Files.copy(named.tsigKeyFile(), dir.resolve("harvester.key"));
        DdnsSettings ddns = new DdnsSettings(List.of("ddns.test"), List.of("2.0.192.in-addr.arpa"),
                List.of(new DnsServer("127.0.0.1", named.dnsPort())), Map.of(), key, null, dir.resolve("state.json"),
                Duration.ofSeconds(3), DdnsPublisher.ConflictMode.CHECK_WITH_DHCID, false, null);
        IncludeOptions unused = new IncludeOptions(null, null, null, false,
                new RndcOptions("rndc", null, "127.0.0.1", 953, null, Duration.ofSeconds(1)), null, 0.5, true);
        config = new HarvestConfig(leases, dir.resolve("none"), NamePolicy.ALL, null, unused, null, ddns);
        harvester = new Harvester(CLOCK, OutputStream.nullOutputStream(), HarvestListener.NONE,
                new LeaseFileFollower(leases, 1));
    }

    @AfterEach
    void stop() {
        if (named != null) {
            named.close();
        }
    }

    void append(String address, String mac, String name) throws Exception {
        String block = Files.readString(new LeaseFileWriter().active(address, mac, name).writeTo(dir.resolve("block")),
                StandardCharsets.ISO_8859_1);
        Files.writeString(leases, block.substring(block.indexOf("\nlease ") + 1), StandardCharsets.ISO_8859_1,
                StandardOpenOption.APPEND);
    }

    @Test
    void aCycleSendsOnlyTheChangedNamesAndOneDnsDidNotTakeIsMadeGoodByTheNext() throws Exception {
        HarvestReport first = harvester.run(config);
        assertThat(first.summary()).endsWith("dynamic DNS: 2 added, 0 replaced, 0 removed, 0 unchanged, 0 in conflict,"
                + " 2 updates sent"); // one message of A records, one of PTR records
        byte[] stateWritten = Files.readAllBytes(dir.resolve("state.json"));

        append("192.0.2.12", "52:54:00:00:00:0c", "compute-3");
        HarvestReport second = harvester.run(config);
        assertThat(second.summary()).as("only the new name is looked at")
                .endsWith("dynamic DNS: 1 added, 0 replaced, 0 removed, 0 unchanged, 0 in conflict, 2 updates sent");
        assertThat(second.ddns().outcomes()).extracting(DdnsPublisher.HostOutcome::fqdn).containsExactly("compute-3.ddns.test");
        assertThat(named.addresses("compute-3.ddns.test.")).containsExactly("192.0.2.12");
        assertThat(Files.readAllBytes(dir.resolve("state.json"))).as("appended to the journal, not rewritten")
                .isEqualTo(stateWritten);
        assertThat(Files.readAllLines(dir.resolve("state.json.journal"))).hasSize(2);

        Files.writeString(key, Files.readString(key).replaceFirst("secret \"[^\"]+\"",
                "secret \"" + java.util.Base64.getEncoder().encodeToString(new byte[64]) + "\""));
        append("192.0.2.13", "52:54:00:00:00:0d", "compute-4");
        HarvestReport refused = harvester.run(config);
        assertThat(refused.status()).isEqualTo(HarvestReport.Status.FAILED);
        assertThat(refused.summary()).startsWith("harvest failed: 1 names not updated, first compute-4.ddns.test: ");
        assertThat(named.addresses("compute-4.ddns.test.")).isEmpty();

        Files.copy(named.tsigKeyFile(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        HarvestReport mended = harvester.run(config); // no change to the lease file since
        assertThat(mended.status()).as(mended.summary()).isEqualTo(HarvestReport.Status.OK);
        assertThat(mended.summary()).as("the name that failed sent again, and only it")
                .endsWith("dynamic DNS: 1 added, 0 replaced, 0 removed, 0 unchanged, 0 in conflict, 2 updates sent");
        assertThat(named.addresses("compute-4.ddns.test.")).containsExactly("192.0.2.13");

        HarvestReport quiet = harvester.run(config);
        assertThat(quiet.summary()).endsWith("dynamic DNS: 0 added, 0 replaced, 0 removed, 0 unchanged, 0 in conflict,"
                + " 0 updates sent");
        assertThat(quiet.hosts()).hasSize(4);

        Files.delete(key);
        append("192.0.2.14", "52:54:00:00:00:0e", "compute-5");
        HarvestReport stopped = harvester.run(config);
        assertThat(stopped.status()).isEqualTo(HarvestReport.Status.FAILED);
        assertThat(stopped.summary()).contains(key.toString());
        Files.copy(named.tsigKeyFile(), key);
        HarvestReport whole = harvester.run(config);
        assertThat(whole.summary()).as("after a publication that stopped part way, every host looked at again")
                .endsWith("dynamic DNS: 1 added, 0 replaced, 0 removed, 4 unchanged, 0 in conflict, 2 updates sent");
        assertThat(named.addresses("compute-5.ddns.test.")).containsExactly("192.0.2.14");
    }
}
