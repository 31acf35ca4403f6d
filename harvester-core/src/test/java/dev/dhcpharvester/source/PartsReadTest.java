package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dhcpharvester.selection.LeaseSelector;
import dev.dhcpharvester.selection.Selection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large file read in parts on several threads gives exactly what one sequential read gives. */
class PartsReadTest {

    static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    static Path dir;
    static Path file;

    /** About 12 MB: large enough to be split. Addresses repeat, so later parts supersede earlier ones. */
    @BeforeAll
    static void writeLargeFile() throws Exception {
        StringBuilder text = new StringBuilder("# comment line\nauthoring-byte-order little-endian;\n");
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            int host = random.nextInt(20_000);
            String state = random.nextInt(4) == 0 ? "free" : "active";
            text.append("lease 10.1.").append(host >> 8).append('.').append(host & 255).append(" {\n")
                    .append("  starts 3 2026/11/25 0").append(random.nextInt(10)).append(":00:00;\n")
                    .append("  ends 3 2026/11/25 2").append(random.nextInt(4)).append(":00:00;\n")
                    .append("  tstp 3 2026/11/25 23:00:00;\n  cltt 3 2026/11/25 08:00:00;\n")
                    .append("  binding state ").append(state).append(";\n")
                    .append("  next binding state free;\n")
                    .append("  hardware ethernet 52:54:00:01:").append(String.format("%02x:%02x", host >> 8, host & 255))
                    .append(";\n  set vendor-class-identifier = \"PXEClient;Arch:00000\";\n")
                    .append("  client-hostname \"h-").append(i).append("\";\n}\n");
        }
        file = dir.resolve("large.leases");
        Files.writeString(file, text);
    }

    static Selection read(int threads) throws Exception {
        IscLeaseParser.Parts<LeaseSelector> parts = IscLeaseParser.parseInParts(file, threads, () -> new LeaseSelector(NOON));
        return LeaseSelector.combine(parts.sinks(), parts.firstLines()).select(List.of());
    }

    @Test
    void readingInPartsEqualsReadingInOne() throws Exception {
        Selection whole = read(1);
        for (int threads : new int[] {2, 3, 4}) {
            IscLeaseParser.Parts<LeaseSelector> parts = IscLeaseParser.parseInParts(file, threads,
                    () -> new LeaseSelector(NOON));
            assertThat(parts.sinks()).as("split into parts").hasSize(threads);
            assertThat(read(threads)).isEqualTo(whole);
        }
        assertThat(whole.leasesRead()).isEqualTo(50_000);
        List<String> lines = Files.readAllLines(file);
        for (Lease lease : whole.inForce()) {
            assertThat(lines.get(lease.origin().line() - 1)).startsWith("lease " + lease.address() + " {");
        }
    }

    /**
     * The file is split just before a line that starts with "lease "; here the first such line
     * after the middle is inside a client's name (a quoted string may hold a line break).
     */
    @Test
    void aSplitThatFallsInsideAQuotedStringStillReadsTheFileAsWritten(@TempDir Path other) throws Exception {
        String lease = "lease 10.2.%d.%d {\n  starts 3 2026/11/25 08:00:00;\n  ends 3 2026/11/25 20:00:00;\n"
                + "  binding state active;\n  hardware ethernet 52:54:00:02:%02x:%02x;\n  client-hostname \"%s\";\n}\n";
        StringBuilder text = new StringBuilder();
        int host = 0;
        while (text.length() < 4_600_000) {
            text.append(String.format(lease, host >> 8 & 255, host & 255, host >> 8 & 255, host & 255, "h" + host));
            host++;
        }
        int hostileStart = text.length();
        String hostile = "x".repeat(4000) + "\nlease 10.9.9.9 {\n  binding state active;\n}\n" + "y";
        text.append(String.format(lease, 250, 1, 250, 1, hostile));
        int hostileLength = text.length() - hostileStart;
        while (text.length() < 2L * hostileStart + hostileLength) {
            text.append(String.format(lease, host >> 8 & 255, host & 255, host >> 8 & 255, host & 255, "h" + host));
            host++;
        }
        assertThat(text.indexOf("\nlease ", text.length() / 2)).as("the split falls inside the name")
                .isGreaterThan(hostileStart).isLessThan(hostileStart + hostileLength - 10);
        Path awkward = other.resolve("awkward.leases");
        Files.writeString(awkward, text);

        IscLeaseParser.Parts<LeaseSelector> inOne = IscLeaseParser.parseInParts(awkward, 1, () -> new LeaseSelector(NOON));
        IscLeaseParser.Parts<LeaseSelector> inTwo = IscLeaseParser.parseInParts(awkward, 2, () -> new LeaseSelector(NOON));
        Selection one = LeaseSelector.combine(inOne.sinks(), inOne.firstLines()).select(List.of());
        Selection two = LeaseSelector.combine(inTwo.sinks(), inTwo.firstLines()).select(List.of());
        assertThat(two).isEqualTo(one);
        assertThat(inTwo.summary()).isEqualTo(inOne.summary());
        assertThat(one.leasesRead()).isEqualTo(host + 1);
        assertThat(one.inForce()).extracting(Lease::address).contains("10.2.250.1").doesNotContain("10.9.9.9");
    }

    @Test
    void anErrorInALaterPartNamesItsLineInTheWholeFile(@TempDir Path other) throws Exception {
        List<String> lines = Files.readAllLines(file);
        int broken = lines.size() - 5;
        lines.set(broken - 1, "  binding state dancing;");
        Path bad = other.resolve("bad.leases");
        Files.write(bad, lines);

        assertThatThrownBy(() -> IscLeaseParser.parseInParts(bad, 3, () -> new LeaseSelector(NOON)))
                .isInstanceOf(LeaseFileException.class)
                .hasMessageStartingWith(bad + ":" + broken + ": expected a binding state");
    }
}
