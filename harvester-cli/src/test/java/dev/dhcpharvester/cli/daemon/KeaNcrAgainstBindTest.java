package dev.dhcpharvester.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.publication.ddns.Dhcid;
import dev.dhcpharvester.source.KeaCsvLeaseParser;
import dev.dhcpharvester.source.Lease;
import dev.dhcpharvester.testing.KeaDhcpNetwork;
import dev.dhcpharvester.testing.NamedServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * A real kea-dhcp4 with DDNS enabled, in a network namespace, sends its NameChangeRequests to our
 * daemon instead of Kea D2; perfdhcp clients that send an FQDN option get addresses, and their
 * names resolve in the real named with the DHCIDs D2 would write (RFC 4701, computed by us from
 * Kea's own lease file) and PTR records.
 */
class KeaNcrAgainstBindTest {

    @Test
    void keasClientsResolveThroughOurDaemon(@TempDir Path dir) throws Exception {
        assumeTrue(NamedServer.available() && KeaDhcpNetwork.available(),
                "named, kea-dhcp4 and perfdhcp are installed by bin/run-tests; namespaces need root");
        int clients = 40;
        try (NamedServer named = NamedServer.start(dir)) {
            int port = NcrDaemonAgainstBindTest.freeUdpPort();
            try (KeaDhcpNetwork kea = KeaDhcpNetwork.start(dir, port, "ddns.test.", 1000)) {
                Process daemon = daemon(port, "18.198.in-addr.arpa", named, dir);
                try {
                    List<String> said = new ArrayList<>();
                    BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
                    said.add(out.readLine());
                    assertThat(said.get(0)).contains("NCRs on udp " + KeaDhcpNetwork.NCR_ADDRESS + ":" + port);
                    Thread reader = new Thread(() -> out.lines().forEach(l -> {
                        synchronized (said) {
                            said.add(l);
                        }
                    }));
                    reader.setDaemon(true);
                    reader.start();
                    String report = kea.perfdhcp(clients, 20);
                    List<Lease> leases = new ArrayList<>();
                    KeaCsvLeaseParser.parse(kea.leases(), leases::add);
                    List<Lease> named4 = leases.stream().filter(l -> l.hostname() != null && !l.hostname().isEmpty())
                            .collect(java.util.stream.Collectors.toMap(Lease::address, l -> l, (a, b) -> b)).values().stream().toList();
                    assertThat(named4).as(report + kea.log()).hasSizeGreaterThan(clients / 2); // perfdhcp may leave an exchange unfinished
                    NcrDaemonAgainstBindTest.await(() -> named4.stream().allMatch(l -> resolves(named, l)),
                            "every client's name resolves; daemon said " + said);
                    for (Lease lease : named4) {
                        String fqdn = lease.hostname().endsWith(".") ? lease.hostname() : lease.hostname() + ".";
                        assertThat(fqdn).startsWith("kea-198-18-").endsWith(".ddns.test.");
                        assertThat(named.addresses(fqdn)).containsExactly(lease.address());
                        assertThat(named.query(fqdn, Type.DHCID)).singleElement()
                                .satisfies(r -> assertThat(((DHCIDRecord) r).getData()).isEqualTo(Dhcid.forLease(lease, fqdn)));
                        String reverse = ReverseMap.fromAddress(lease.address()).toString();
                        assertThat(named.query(reverse, Type.PTR)).singleElement()
                                .satisfies(r -> assertThat(((PTRRecord) r).getTarget().toString()).isEqualTo(fqdn));
                    }
                } finally {
                    daemon.toHandle().destroy();
                    daemon.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void keasDhcpv6ClientsGetAaaaRecordsThroughOurDaemon(@TempDir Path dir) throws Exception {
        assumeTrue(NamedServer.available() && KeaDhcpNetwork.available6(),
                "named, kea-dhcp6 and perfdhcp are installed by bin/run-tests; namespaces need root");
        int clients = 20;
        try (NamedServer named = NamedServer.start(dir)) {
            int port = NcrDaemonAgainstBindTest.freeUdpPort();
            try (KeaDhcpNetwork kea = KeaDhcpNetwork.start6(dir, port, "ddns.test.")) {
                Process daemon = daemon(port, "8.b.d.0.1.0.0.2.ip6.arpa", named, dir);
                try {
                    BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
                    assertThat(out.readLine()).contains("NCRs on udp " + KeaDhcpNetwork.NCR_ADDRESS + ":" + port);
                    Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                    drain.setDaemon(true);
                    drain.start();
                    String report = kea.perfdhcp6(clients, 20);
                    // kea-leases6.csv: the columns by the header's names
                    List<String> lines = java.nio.file.Files.readAllLines(kea.leases6());
                    List<String> header = List.of(lines.get(0).split(",", -1));
                    List<String[]> named6 = lines.stream().skip(1).map(l -> l.split(",", -1))
                            .filter(row -> row.length == header.size() && !row[header.indexOf("hostname")].isEmpty()).toList();
                    assertThat(named6).as(report + kea.log()).hasSizeGreaterThan(clients / 2);
                    NcrDaemonAgainstBindTest.await(() -> named6.stream().allMatch(row -> !aaaa(named, row[header.indexOf("hostname")]).isEmpty()),
                            "every DHCPv6 client's name resolves");
                    for (String[] row : named6) {
                        String fqdn = row[header.indexOf("hostname")];
                        java.net.InetAddress address = java.net.InetAddress.getByName(row[header.indexOf("address")]);
                        assertThat(fqdn).startsWith("kea6-2001-db8-1-").endsWith(".ddns.test.");
                        assertThat(aaaa(named, fqdn)).containsExactly(address);
                        byte[] duid = java.util.HexFormat.ofDelimiter(":").parseHex(row[header.indexOf("duid")]);
                        assertThat(named.query(fqdn, Type.DHCID)).singleElement().satisfies(r ->
                                assertThat(((DHCIDRecord) r).getData()).isEqualTo(Dhcid.rdata(Dhcid.DUID, duid, fqdn)));
                        assertThat(named.query(ReverseMap.fromAddress(address).toString(), Type.PTR)).singleElement()
                                .satisfies(r -> assertThat(((PTRRecord) r).getTarget().toString()).isEqualTo(fqdn));
                    }
                } finally {
                    daemon.toHandle().destroy();
                    daemon.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static List<java.net.InetAddress> aaaa(NamedServer named, String fqdn) {
        try {
            return named.query(fqdn, Type.AAAA).stream().map(r -> ((org.xbill.DNS.AAAARecord) r).getAddress()).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** Our daemon in D2's place, listening where Kea sends its NCRs (a non-loopback address, so allowed explicitly). */
    private static Process daemon(int port, String reverseZone, NamedServer named, Path dir) throws java.io.IOException {
        return DaemonProcessTest.daemon("--ncr-listen", KeaDhcpNetwork.NCR_ADDRESS + ":" + port, "--ncr-allow-remote",
                "-z", "ddns.test", "--reverse-zone", reverseZone, "--dns-server", "127.0.0.1:" + named.dnsPort(),
                "--tsig-key", named.tsigKeyFile().toString(), "--ncr-journal", dir.resolve("journal").toString(),
                "--ddns-state", dir.resolve("state.json").toString(), "-e", "0").start();
    }

    private static boolean resolves(NamedServer named, Lease lease) {
        try {
            String fqdn = lease.hostname().endsWith(".") ? lease.hostname() : lease.hostname() + ".";
            return named.addresses(fqdn).contains(lease.address());
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
