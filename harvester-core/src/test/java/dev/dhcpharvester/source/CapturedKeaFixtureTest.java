package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.selection.LeaseSelector;
import dev.dhcpharvester.testing.Captures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease files written by a real kea-dhcp4 serving perfdhcp clients in test namespaces
 * (fixtures/capture-kea4.sh): the committed capture, and, where this run may create namespaces,
 * a fresh one, so the fixture stays honest.
 */
class CapturedKeaFixtureTest {

    static void assertRealKeaLeases(Path file) throws Exception {
        List<Lease> rows = new ArrayList<>();
        int count = KeaCsvLeaseParser.parse(file, rows::add);
        assertThat(count).isGreaterThanOrEqualTo(10);
        assertThat(rows).allSatisfy(lease -> {
            assertThat(Ipv4.parse(lease.address())).isBetween(Ipv4.parse("198.18.3.100"), Ipv4.parse("198.18.3.199"));
            assertThat(lease.mac()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            assertThat(lease.clientId()).isEqualTo("01" + lease.mac().replace(":", ""));
            assertThat(lease.hostname()).isEqualTo("kea-client");
            assertThat(lease.state()).isEqualTo(BindingState.ACTIVE);
        });
        Instant during = rows.stream().map(Lease::starts).max(Instant::compareTo).orElseThrow().plusSeconds(1);
        LeaseSelector selector = new LeaseSelector(during);
        rows.forEach(selector::add);
        assertThat(selector.select(List.of()).inForce()).hasSize(count);
    }

    @Test
    void theCommittedCaptureOfARealKeaReads() throws Exception {
        Path fixture = Path.of(CapturedKeaFixtureTest.class.getResource("/fixtures/kea-leases4.csv").toURI());
        assertRealKeaLeases(fixture);
    }

    @Test
    void aFreshCaptureOfARealKeaReadsTheSame(@TempDir Path dir) throws Exception {
        assumeTrue(Captures.possible("/usr/sbin/kea-dhcp4", "/usr/sbin/perfdhcp"),
                "needs root, kea-dhcp4 and perfdhcp (installed by bin/run-tests)");
        Path out = dir.resolve("kea-leases4.csv");
        Captures.run(dir, "capture-kea4.sh", out.toString(), "20");
        assertRealKeaLeases(out);
    }

    @Test
    void aFreshCaptureOfARealKeaDhcp6ReadsAsTheCommittedOne(@TempDir Path dir) throws Exception {
        assumeTrue(Captures.possible("/usr/sbin/kea-dhcp6", "/usr/sbin/perfdhcp"),
                "needs root, kea-dhcp6 and perfdhcp (installed by bin/run-tests)");
        Path out = dir.resolve("kea-leases6.csv");
        Captures.run(dir, "capture-kea6.sh", out.toString(), "20");
        List<Lease> rows = new ArrayList<>();
        assertThat(KeaCsvLeaseParser.parse(out, rows::add)).isGreaterThanOrEqualTo(10);
        assertThat(rows).allSatisfy(lease -> {
            assertThat(lease.address()).startsWith("2001:db8:6::");
            assertThat(lease.mac()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            assertThat(lease.hostname()).isEqualTo("client.cord.lab.");
        });
    }
}
