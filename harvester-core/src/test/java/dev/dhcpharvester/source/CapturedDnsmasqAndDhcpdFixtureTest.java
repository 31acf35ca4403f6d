package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.testing.DhcpdNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease files written by a real dnsmasq and a real ISC dhcpd serving dhclient clients in test
 * namespaces ({@link DhcpdNetwork}): the committed dnsmasq capture, and fresh captures from both
 * servers where this run may create namespaces. The fresh dnsmasq capture is left in
 * {@code target/captures} (copy it over the fixture to refresh it).
 */
class CapturedDnsmasqAndDhcpdFixtureTest {

    static final List<String> CLIENTS = List.of("dnsmasq-a", "dnsmasq-b", "dnsmasq-c");

    static void assertRealLeases(Path file, LeaseFormat format, List<String> names, Instant capturedBefore) throws Exception {
        assertThat(LeaseFormat.detect(file)).isEqualTo(format);
        java.util.Map<String, Lease> newest = new java.util.LinkedHashMap<>(); // dhcpd may append more than one entry per lease
        if (format == LeaseFormat.DNSMASQ) {
            DnsmasqLeaseParser.parse(file, lease -> newest.put(lease.address(), lease));
        } else {
            IscLeaseParser.parse(file, block -> newest.put(Ipv4.format(block.address() & 0xffff_ffffL), block.toLease()));
        }
        List<Lease> leases = new ArrayList<>(newest.values());
        assertThat(leases).extracting(Lease::hostname).containsExactlyInAnyOrderElementsOf(names);
        assertThat(leases).extracting(Lease::mac).doesNotHaveDuplicates()
                .allSatisfy(mac -> assertThat(mac).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"));
        assertThat(leases).allSatisfy(lease -> {
            assertThat(Ipv4.parse(lease.address())).isBetween(Ipv4.parse("198.18.5.100"), Ipv4.parse("198.18.5.150"));
            assertThat(lease.ends()).isBetween(capturedBefore.minus(Duration.ofDays(3650)), capturedBefore.plus(Duration.ofHours(3)));
        });
    }

    @Test
    void theCommittedCaptureOfARealDnsmasqReads() throws Exception {
        Path fixture = Path.of(getClass().getResource("/fixtures/dnsmasq.leases").toURI());
        assertRealLeases(fixture, LeaseFormat.DNSMASQ, CLIENTS, Instant.now());
    }

    @Test
    void aFreshCaptureOfARealDnsmasqReadsTheSame(@TempDir Path dir) throws Exception {
        assumeTrue(DhcpdNetwork.available(DhcpdNetwork.Server.DNSMASQ), "needs root, dnsmasq and dhclient (bin/run-tests)");
        try (DhcpdNetwork network = DhcpdNetwork.start(dir, DhcpdNetwork.Server.DNSMASQ)) {
            for (String name : CLIENTS) {
                network.join(name);
            }
            awaitLines(network.leases(), CLIENTS.size());
            assertRealLeases(network.leases(), LeaseFormat.DNSMASQ, CLIENTS, Instant.now());
            Path keep = Path.of("target/captures/dnsmasq.leases");
            Files.createDirectories(keep.getParent());
            Files.copy(network.leases(), keep, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void aFreshCaptureOfARealDhcpdReads(@TempDir Path dir) throws Exception {
        assumeTrue(DhcpdNetwork.available(DhcpdNetwork.Server.DHCPD), "needs root, dhcpd and dhclient (bin/run-tests)");
        try (DhcpdNetwork network = DhcpdNetwork.start(dir, DhcpdNetwork.Server.DHCPD)) {
            network.join("dhcpd-a");
            network.join("dhcpd-b");
            assertRealLeases(network.leases(), LeaseFormat.ISC, List.of("dhcpd-a", "dhcpd-b"), Instant.now());
        }
    }

    /** dnsmasq rewrites its lease file shortly after each lease. */
    static void awaitLines(Path file, int lines) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file) || Files.readAllLines(file).size() < lines) {
            assertThat(System.nanoTime()).as("waiting for %d leases in %s", lines, file).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
