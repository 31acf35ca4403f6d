package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.selection.LeaseSelector;
import dev.dhcpharvester.testing.Captures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lease files written by a real ISC dhcpd (-4 and -6) and a real dnsmasq (DHCPv4 and DHCPv6) for
 * dhclient clients in test namespaces (fixtures/capture-dhcp.sh): the committed captures, and,
 * where this run may create namespaces, fresh ones, so the fixtures stay honest.
 */
class CapturedDhcpFixtureTest {

    /** Every client got an address of the pool, under the name it sent, with a MAC of its own. */
    static void assertRealLeases(String server, int family, Path file) throws Exception {
        List<Lease> leases = new ArrayList<>();
        if (server.equals("dhcpd")) {
            IscLeaseParser.parse(file, block -> leases.add(block.toLease()));
        } else {
            DnsmasqLeaseParser.parse(file, leases::add);
        }
        assertThat(leases).hasSizeGreaterThanOrEqualTo(3).allSatisfy(lease -> {
            if (family == 6) {
                byte[] address = Ipv6.bytes(lease.address());
                assertThat(lease.address()).startsWith("2001:db8:7::");
                assertThat(address[14] & 0xff).as("pool 2001:db8:7::100 - ::1ff").isEqualTo(1);
                assertThat(lease.clientId()).as("a DUID-LLT").startsWith("00010001").hasSize(28);
                assertThat(lease.mac()).isEqualTo(Duid.linkLayerAddress(lease.clientId()));
            } else {
                assertThat(Ipv4.parse(lease.address())).isBetween(Ipv4.parse("198.18.5.100"), Ipv4.parse("198.18.5.150"));
            }
            assertThat(lease.mac()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            if (!(server.equals("dhcpd") && family == 6)) { // dhcpd -6 records no client name
                assertThat(lease.hostname()).as("the name dhclient sent").startsWith("client-");
            }
        });
        assertThat(leases).extracting(Lease::mac).doesNotHaveDuplicates();
        LeaseSelector selector = new LeaseSelector(leases.get(0).ends().minusSeconds(60));
        leases.forEach(selector::add);
        assertThat(selector.select(List.of()).inForce()).hasSameSizeAs(leases);
    }

    @ParameterizedTest
    @CsvSource({"dhcpd, 4, dhcpd4.leases", "dhcpd, 6, dhcpd6.leases", "dnsmasq, 6, dnsmasq6.leases"})
    void theCommittedCaptureReads(String server, int family, String fixture) throws Exception {
        assertRealLeases(server, family, Path.of(CapturedDhcpFixtureTest.class.getResource("/fixtures/" + fixture).toURI()));
    }

    @ParameterizedTest
    @CsvSource({"dhcpd, 4", "dhcpd, 6", "dnsmasq, 4", "dnsmasq, 6"})
    void aFreshCaptureReadsTheSame(String server, int family, @TempDir Path dir) throws Exception {
        assumeTrue(Captures.possible("/sbin/dhclient", server.equals("dhcpd") ? "/usr/sbin/dhcpd" : "/usr/sbin/dnsmasq"),
                "needs root, dhclient and the server (installed by bin/run-tests)");
        Path out = dir.resolve(server + family + ".leases");
        Captures.run(dir, "capture-dhcp.sh", server, Integer.toString(family), out.toString(), "3");
        assertRealLeases(server, family, out);
    }
}
