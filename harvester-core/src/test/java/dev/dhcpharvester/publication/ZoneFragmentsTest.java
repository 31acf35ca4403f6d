package dev.dhcpharvester.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneFragmentsTest {

    static final List<PublishedHost> HOSTS = List.of(
            new PublishedHost("compute-10", "10.6.0.100", "52:54:00:00:00:0a"),
            new PublishedHost("head", "10.6.0.2", "52:54:00:00:00:01"),
            new PublishedHost("nomac", "10.6.0.20", ""));

    @Test
    void forwardRecordsAreSortedByAddressAlignedAndCarryTheMac() {
        String text = new String(ZoneFragments.forward(HOSTS), StandardCharsets.US_ASCII);

        assertThat(text).isEqualTo(ZoneFragments.HEADER
                + "head       IN A 10.6.0.2        ; 52:54:00:00:00:01\n"
                + "nomac      IN A 10.6.0.20\n"
                + "compute-10 IN A 10.6.0.100      ; 52:54:00:00:00:0a\n");
        assertThat(text.lines().filter(l -> l.matches("^\\S+\\s+IN A\\s.*"))).hasSize(3);
    }

    @Test
    void reverseRecordsHaveAbsoluteOwnersAndTargets() {
        String text = new String(ZoneFragments.reverse(HOSTS, "cord.lab", null), StandardCharsets.US_ASCII);

        assertThat(text).isEqualTo(ZoneFragments.HEADER
                + "2.0.6.10.in-addr.arpa.   IN PTR head.cord.lab.\n"
                + "20.0.6.10.in-addr.arpa.  IN PTR nomac.cord.lab.\n"
                + "100.0.6.10.in-addr.arpa. IN PTR compute-10.cord.lab.\n");
    }

    @Test
    void renderingDependsOnlyOnTheHosts() {
        assertThat(ZoneFragments.forward(HOSTS)).isEqualTo(ZoneFragments.forward(List.of(HOSTS.get(2), HOSTS.get(0),
                HOSTS.get(1))));
    }

    @Test
    void aLargeFragmentWrittenOnEveryCoreIsTheOneWrittenLineByLine() {
        java.util.Random random = new java.util.Random(11);
        List<PublishedHost> hosts = new java.util.ArrayList<>();
        for (int i = 0; i < 60_000; i++) { // above the size handed to several threads
            String name = "h" + "abcdefghijklmnopqrstuvwxyz0123456789-".repeat(2).substring(i % 20, i % 20 + 1 + random.nextInt(14));
            String address = random.nextInt(10) == 0 ? "2001:db8::" + Integer.toHexString(i)
                    : "10." + (i >> 16) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
            String mac = random.nextInt(5) == 0 ? "" : String.format("52:54:00:%02x:%02x:%02x", i >> 16, i >> 8 & 0xff, i & 0xff);
            hosts.add(new PublishedHost(name, address, mac));
        }
        List<ZoneFragments.Line> lines = dev.dhcpharvester.source.Addresses.sortedByAddress(hosts, PublishedHost::address).stream().map(ZoneFragments.Line::new).toList();
        int width = lines.stream().mapToInt(line -> line.name().length).max().orElse(0);

        byte[] header = ZoneFragments.header();
        byte[] body = ZoneFragments.renderLines(lines, width);
        byte[] lineByLine = java.util.Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, lineByLine, header.length, body.length);

        assertThat(ZoneFragments.forward(hosts)).isEqualTo(lineByLine);
    }

    @Test
    void hostsMadeOfLeasesRenderAsTheSameHostsGivenAsText(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.util.Random random = new java.util.Random(5);
        for (boolean inOrder : new boolean[] {true, false}) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 3000; i++) { // IPv4 leases (their addresses read as numbers), every octet width
                int a = inOrder ? i : random.nextInt();
                String address = inOrder ? "10." + (i >> 8) + "." + (i & 0xff) + "." + i % 97
                        : (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
                text.append(1795600000L + i).append(String.format(" 52:54:00:%02x:%02x:%02x ", i >> 16, i >> 8 & 255, i & 255))
                        .append(address).append(" h").append(i).append(" *\n");
            }
            if (!inOrder) { // IPv6 leases, with a MAC (DUID-LLT) and without (DUID-EN)
                text.append("duid 00:01:00:01:2c:5e:11:22:52:54:00:00:00:01\n");
                for (int i = 0; i < 300; i++) {
                    text.append(1795700000L + i).append(' ').append(1000 + i).append(" 2001:db8:9::").append(Integer.toHexString(i + 1))
                            .append(" v").append(i).append(i % 2 == 0 ? " 00:01:00:01:2c:5e:11:22:52:54:00:00:00:02\n"
                                    : " 00:02:00:00:ab:11:01:02:03:04\n");
                }
            }
            java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("dnsmasq-" + inOrder + ".leases"), text);
            List<dev.dhcpharvester.source.Lease> leases = new java.util.ArrayList<>();
            dev.dhcpharvester.source.DnsmasqLeaseParser.parse(file, leases::add);

            List<PublishedHost> ofLeases = leases.stream().map(l -> PublishedHost.ofLease(l.hostname(), l)).toList();
            byte[] fromLeases = ZoneFragments.forward(ofLeases); // before any lease is asked for its address as text
            List<PublishedHost> ofText = leases.stream().map(l -> new PublishedHost(l.hostname(), l.address(), l.mac())).toList();

            assertThat(fromLeases).isEqualTo(ZoneFragments.forward(ofText));
            assertThat(ofLeases).isEqualTo(ofText);
            assertThat(ofLeases).extracting(PublishedHost::hashCode).isEqualTo(ofText.stream().map(PublishedHost::hashCode).toList());
            if (!inOrder) {
                assertThat(leases.stream().filter(l -> !l.hasMac())).as("hosts without a MAC").isNotEmpty();
            }
        }
    }
}
