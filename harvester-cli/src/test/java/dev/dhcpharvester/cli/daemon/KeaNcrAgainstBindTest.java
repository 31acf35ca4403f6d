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
                Process daemon = DaemonProcessTest.daemon("--ncr-listen", KeaDhcpNetwork.NCR_ADDRESS + ":" + port,
                        "--ncr-allow-remote", "-z", "ddns.test", "--reverse-zone", "18.198.in-addr.arpa",
                        "--dns-server", "127.0.0.1:" + named.dnsPort(), "--tsig-key", named.tsigKeyFile().toString(),
                        "--ncr-journal", dir.resolve("journal").toString(), "--ddns-state", dir.resolve("state.json").toString(),
                        "-e", "0").start();
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

    private static boolean resolves(NamedServer named, Lease lease) {
        try {
            String fqdn = lease.hostname().endsWith(".") ? lease.hostname() : lease.hostname() + ".";
            return named.addresses(fqdn).contains(lease.address());
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
