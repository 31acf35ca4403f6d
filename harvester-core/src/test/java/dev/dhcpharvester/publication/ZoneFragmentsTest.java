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
}
