package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dhcpharvester.selection.LeaseSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DHCPv6 leases from each source: dhcpd -6's IA blocks, Kea's lease6 CSV, dnsmasq's v6 lines. */
class Dhcpv6SourcesTest {

    static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    static Path resource(String name) throws Exception {
        return Path.of(Dhcpv6SourcesTest.class.getResource(name).toURI());
    }

    static List<Lease> inForce(Path file, Instant at) throws Exception {
        LeaseSelector selector = new LeaseSelector(at);
        IscLeaseParser.parse(file, selector);
        return selector.select(List.of()).inForce();
    }

    @Test
    void dhcpd6AddressesAreLeasesOfTheirOwnWithTheDuidAndTheMacInsideIt() throws Exception {
        List<Lease> all = new ArrayList<>();
        IscLeaseParser.Summary summary = IscLeaseParser.parse(resource("/leases/dhcpd6-corpus.leases"), b -> all.add(b.toLease()));

        assertThat(summary.leases()).as("every iaaddr, no iaprefix").isEqualTo(5);
        assertThat(summary.warnings()).isEmpty();
        Lease first = all.get(0);
        assertThat(first.address()).isEqualTo("2001:db8:7::1d0");
        assertThat(first.clientId()).as("the DUID after the 4-octet IAID").isEqualTo("00010001329a31806e20aed9db69");
        assertThat(first.mac()).as("the DUID-LLT's link-layer address").isEqualTo("6e:20:ae:d9:db:69");
        assertThat(first.hostname()).as("the name dhcpd sent in its DNS update").isEqualTo("node6.cord.lab");
        assertThat(first.ends()).isEqualTo(Instant.parse("2026-11-25T13:00:00Z"));
        assertThat(first.origin().line()).isEqualTo(11);
        assertThat(all.get(1).address()).as("RFC 5952 text").isEqualTo("2001:db8:7::1d1");
        assertThat(all.get(1).hostname()).isEmpty();

        assertThat(inForce(resource("/leases/dhcpd6-corpus.leases"), NOON)).extracting(Lease::address, Lease::mac)
                .as("expired and later-released addresses and delegated prefixes are not hosts in force")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2001:db8:7::1d0", "6e:20:ae:d9:db:69"),
                        org.assertj.core.groups.Tuple.tuple("2001:db8:7::2a0", "52:54:00:00:00:09"));
    }

    @Test
    void aMalformedIaNamesTheLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dhcpd6.leases");
        Files.writeString(file, "ia-na \"\\001\\000\\000\\000\\000\\003\\000\\001RT\\000\\000\\000\\011\" {\n"
                + "  iaaddr 10.0.0.1 {\n    binding state active;\n  }\n}\n");
        assertThatThrownBy(() -> IscLeaseParser.parse(file, b -> { }))
                .hasMessage(file + ":2: expected an IPv6 address after 'iaaddr' but found '10.0.0.1'");
        Files.writeString(file, "ia-na \"\\001\\000\" {\n}\n");
        assertThatThrownBy(() -> IscLeaseParser.parse(file, b -> { }))
                .hasMessageContaining(":1: expected the IAID and the client's DUID in 'ia-na' but found 2 octets");
    }

    @Test
    void theCommittedCaptureOfARealKeaDhcp6Reads() throws Exception {
        // fixtures/capture-kea6.sh: kea-dhcp6 2.2.0 serving perfdhcp -6 clients that sent the name "client"
        List<Lease> rows = new ArrayList<>();
        int count = KeaCsvLeaseParser.parse(resource("/fixtures/kea-leases6.csv"), rows::add);

        assertThat(count).isGreaterThanOrEqualTo(10);
        assertThat(rows).allSatisfy(lease -> {
            assertThat(lease.address()).startsWith("2001:db8:6::");
            assertThat(Ipv6.canonical(lease.address())).isEqualTo(lease.address());
            assertThat(lease.mac()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            assertThat(lease.clientId()).as("perfdhcp's DUID-LLT ends in the MAC").endsWith(lease.mac().replace(":", ""));
            assertThat(lease.hostname()).isEqualTo("client.cord.lab.");
            assertThat(lease.state()).isEqualTo(BindingState.ACTIVE);
        });
        Instant during = rows.get(0).starts().plusSeconds(1);
        LeaseSelector selector = new LeaseSelector(during);
        KeaCsvLeaseParser.parse(resource("/fixtures/kea-leases6.csv"), selector::add);
        assertThat(selector.select(List.of()).inForce()).hasSize(count);
    }

    @Test
    void keaLease6RowsSkipPrefixesTakeTheMacFromTheDuidAndNameBadRows(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kea-leases6.csv");
        Files.writeString(file, """
                address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,state
                2001:db8:6::10,00:03:00:01:52:54:00:00:06:10,4000,1795610000,1,3000,0,1,128,0,0,six-a,0
                2001:db8:6:100::,00:03:00:01:52:54:00:00:06:11,4000,1795610000,1,3000,2,1,56,0,0,,0
                2001:DB8:6:0::11,00:02:00:00:09:bf:01:02,4000,1795610000,1,3000,1,1,128,0,0,six-b,0
                2001:db8:6::12,00:03:00:01:52:54:00:00:06:12,0,1795610000,1,3000,0,1,128,0,0,deleted,0
                """);
        List<Lease> rows = new ArrayList<>();
        KeaCsvLeaseParser.parse(file, rows::add);

        assertThat(rows).extracting(Lease::address).as("the delegated prefix is skipped")
                .containsExactly("2001:db8:6::10", "2001:db8:6::11", "2001:db8:6::12");
        assertThat(rows.get(0).mac()).isEqualTo("52:54:00:00:06:10");
        assertThat(rows.get(1).mac()).as("a DUID-EN has no MAC").isEmpty();
        assertThat(rows.get(1).clientId()).isEqualTo("0002000009bf0102");
        LeaseSelector selector = new LeaseSelector(NOON);
        KeaCsvLeaseParser.parse(file, selector::add);
        assertThat(selector.select(List.of()).inForce()).extracting(Lease::address)
                .containsExactly("2001:db8:6::10", "2001:db8:6::11");

        Files.writeString(file, "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,"
                + "fqdn_fwd,fqdn_rev,hostname,state\n2001:db8:6::zz,00:03:00:01:52:54:00:00:06:10,4000,1795610000,1,3000,0,1,128,0,0,x,0\n");
        assertThatThrownBy(() -> KeaCsvLeaseParser.parse(file, l -> { }))
                .hasMessage(file + ":2: expected an IPv6 address in column 'address' but found '2001:db8:6::zz'");
    }

    @Test
    void dhcpd6HostsWithFixedAddress6AreReservations(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("dhcpd6.conf");
        Files.writeString(conf, """
                subnet6 2001:db8:7::/64 {
                  range6 2001:db8:7::100 2001:db8:7::1ff;
                  host printer6 {
                    host-identifier option dhcp6.client-id 00:03:00:01:52:54:00:00:07:01;
                    fixed-address6 2001:DB8:7::0:5;
                  }
                }
                host dual { hardware ethernet 52:54:00:00:07:02; fixed-address 10.7.0.2, 2001:db8:7::6; }
                """);
        ReservationParser.Result result = ReservationParser.parse(conf);

        assertThat(result.warnings()).isEmpty();
        assertThat(result.reservations()).extracting(Lease::hostname, Lease::address, Lease::mac, Lease::clientId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("printer6", "2001:db8:7::5", "52:54:00:00:07:01",
                                "0003000152540000" + "0701"),
                        org.assertj.core.groups.Tuple.tuple("dual", "10.7.0.2", "52:54:00:00:07:02", ""),
                        org.assertj.core.groups.Tuple.tuple("dual", "2001:db8:7::6", "52:54:00:00:07:02", ""));
    }

    @Test
    void addressesAreCanonicalAndOrderedIpv4ThenIpv6() {
        // RFC 5952 section 4
        assertThat(Ipv6.canonical("2001:DB8:0:0:0:0:2:1")).isEqualTo("2001:db8::2:1");
        assertThat(Ipv6.canonical("2001:db8:0:1:1:1:1:1")).as("one zero group stays").isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Ipv6.canonical("2001:0:0:1:0:0:0:1")).as("the longest run").isEqualTo("2001:0:0:1::1");
        assertThat(Ipv6.canonical("2001:db8:0:0:1:0:0:1")).as("the first of equal runs").isEqualTo("2001:db8::1:0:0:1");
        assertThat(Ipv6.canonical("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(Ipv6.canonical("::")).isEqualTo("::");
        assertThat(Ipv6.canonical("::ffff:192.0.2.1")).isEqualTo("::ffff:c000:201");
        for (String bad : List.of("fe80::1%eth0", "2001:db8::1::2", "1:2:3:4:5:6:7:8:9", "host.example", "2001:db8::g", "")) {
            assertThat(Ipv6.canonical(bad)).as(bad).isNull();
        }
        // RFC 3596 section 2.5
        assertThat(Ipv6.reverseName("4321:0:1:2:3:4:567:89ab"))
                .isEqualTo("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa.");
        assertThat(Addresses.sortedByAddress(List.of("2001:db8::10", "10.0.0.10", "2001:db8::9", "10.0.0.9", "::1"), a -> a))
                .containsExactly("10.0.0.9", "10.0.0.10", "::1", "2001:db8::9", "2001:db8::10");
    }

    @Test
    void onlyLinkLayerDuidsOfEthernetGiveAMac() {
        assertThat(Duid.linkLayerAddress("00:01:00:01:32:9a:31:16:00:0c:01:02:03:04")).isEqualTo("00:0c:01:02:03:04");
        assertThat(Duid.linkLayerAddress("000300015254000000aa")).isEqualTo("52:54:00:00:00:aa");
        assertThat(Duid.linkLayerAddress("00:02:00:00:09:bf:01:02:03:04")).as("DUID-EN").isEmpty();
        assertThat(Duid.linkLayerAddress("00:04:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10")).as("DUID-UUID").isEmpty();
        assertThat(Duid.linkLayerAddress("00:03:00:06:52:54:00:00:00:aa")).as("not Ethernet").isEmpty();
        assertThat(Duid.linkLayerAddress("00:03:00:01:52")).as("too short").isEmpty();
        assertThat(Duid.linkLayerAddress("zz")).isEmpty();
    }
}
