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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DHCPv6 lease files written by a real dhcpd -6 and a real dnsmasq for dhclient -6 clients in test
 * namespaces (fixtures/capture-v6.sh): the committed captures, and, where this run may create
 * namespaces, fresh ones, so the fixtures stay honest.
 */
class CapturedV6FixtureTest {

    /** Every client got an address of the pool, and is named by its link-layer DUID's MAC. */
    static void assertRealV6Leases(String server, Path file) throws Exception {
        List<Lease> leases = new ArrayList<>();
        if (server.equals("dhcpd")) {
            IscLeaseParser.parse(file, block -> leases.add(block.toLease()));
        } else {
            DnsmasqLeaseParser.parse(file, leases::add);
        }
        assertThat(leases).hasSizeGreaterThanOrEqualTo(3).allSatisfy(lease -> {
            byte[] address = Ipv6.bytes(lease.address());
            assertThat(lease.address()).startsWith("2001:db8:7::");
            assertThat(address[14] & 0xff).as("pool 2001:db8:7::100 - ::1ff").isEqualTo(1);
            assertThat(lease.clientId()).as("a DUID-LLT").startsWith("00010001").hasSize(28);
            assertThat(lease.mac()).isEqualTo(Duid.linkLayerAddress(lease.clientId())).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            if (server.equals("dnsmasq")) {
                assertThat(lease.hostname()).as("the name dhclient sent").startsWith("v6-client-");
            }
        });
        assertThat(leases).extracting(Lease::mac).doesNotHaveDuplicates();
        LeaseSelector selector = new LeaseSelector(leases.get(0).ends().minusSeconds(60));
        leases.forEach(selector::add);
        assertThat(selector.select(List.of()).inForce()).hasSameSizeAs(leases);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dhcpd", "dnsmasq"})
    void theCommittedCaptureReads(String server) throws Exception {
        String name = server.equals("dhcpd") ? "/fixtures/dhcpd6.leases" : "/fixtures/dnsmasq6.leases";
        assertRealV6Leases(server, Path.of(CapturedV6FixtureTest.class.getResource(name).toURI()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dhcpd", "dnsmasq"})
    void aFreshCaptureReadsTheSame(String server, @TempDir Path dir) throws Exception {
        assumeTrue(Captures.possible("/sbin/dhclient", server.equals("dhcpd") ? "/usr/sbin/dhcpd" : "/usr/sbin/dnsmasq"),
                "needs root, dhclient and the server (installed by bin/run-tests)");
        Path out = dir.resolve(server + "6.leases");
        Captures.run(dir, "capture-v6.sh", server, out.toString(), "3");
        assertRealV6Leases(server, out);
    }
}
