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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole read that passes over superseded blocks ({@link IscLeaseParser#parseNewestInParts})
 * selects exactly what the read of every block selects: the same leases with the same lines, the
 * same counts, and the same error for a malformed statement it reads; it warns of the unknown
 * statements in the blocks it reads.
 */
class NewestBlocksReadTest {

    static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    static Path dir;

    record Read(Selection selection, List<String> warnings) {
    }

    static Read forward(Path file, int threads) throws Exception {
        IscLeaseParser.Parts<LeaseSelector> parts = IscLeaseParser.parseInParts(file, threads, () -> new LeaseSelector(NOON));
        return new Read(LeaseSelector.combine(parts.sinks(), parts.firstLines()).select(List.of()), parts.summary().warnings());
    }

    /** Through {@link IscLeaseParser#parseNewestInParts}, which reads in order what the quick read cannot. */
    static Read newest(Path file, int threads) throws Exception {
        return read(IscLeaseParser.parseNewestInParts(file, threads, () -> new LeaseSelector(NOON)));
    }

    /** Through the quick read alone. */
    static Read quick(Path file, int threads) throws Exception {
        IscLeaseParser.Parts<LeaseSelector> parts = IscLeaseParser.readNewest(file, threads, () -> new LeaseSelector(NOON));
        assertThat(parts).as("read quickly").isNotNull();
        return read(parts);
    }

    static Read read(IscLeaseParser.Parts<LeaseSelector> parts) {
        LeaseSelector selector = LeaseSelector.combine(parts.sinks(), parts.firstLines());
        selector.countSuperseded(parts.summary().leases() - selector.leasesRead());
        return new Read(selector.select(List.of()), parts.summary().warnings());
    }

    /** A block as dhcpd writes it, or (when {@code odd}) in one of the other layouts the grammar allows. */
    static String block(Random random, int host, boolean odd) {
        String address = "10.3." + (host >> 8) + "." + (host & 255);
        String state = random.nextInt(4) == 0 ? "free" : "active";
        String mac = String.format("52:54:00:03:%02x:%02x", host >> 8, host & 255);
        String starts = "3 2026/11/25 0" + random.nextInt(10) + ":00:00";
        String ends = random.nextInt(8) == 0 ? "never" : "3 2026/11/25 " + (10 + random.nextInt(14)) + ":00:00";
        StringBuilder b = new StringBuilder();
        if (random.nextInt(10) == 0) {
            b.append(random.nextBoolean() ? "# renewed\n" : "\n");
        }
        if (!odd) {
            b.append("lease ").append(address).append(" {\n  starts ").append(starts).append(";\n  ends ").append(ends)
                    .append(";\n  tstp 3 2026/11/25 23:00:00;\n  cltt 3 2026/11/25 08:00:00;\n  binding state ")
                    .append(state).append(";\n  next binding state free;\n  hardware ethernet ").append(mac)
                    .append(";\n  uid \"\\001RT\\000\\003\\001\\002\";\n");
            if (random.nextInt(5) == 0) {
                b.append("  set vendor-class-identifier = \"PXEClient;Arch:00000\";\n");
            }
            if (random.nextInt(6) != 0) {
                b.append("  client-hostname \"h-").append(random.nextInt(50)).append("\";\n");
            }
            if (random.nextInt(7) == 0) {
                b.append("  on expiry {\n    set ddns-fwd-name = \"h.cord.lab\";\n  }\n");
            }
            if (random.nextInt(40) == 0) {
                b.append("  zzz-unknown ").append(random.nextInt(3)).append(";\n");
            }
            return b.append("}\n").toString();
        }
        return switch (random.nextInt(4)) {
            case 0 -> b.append("lease ").append(address).append(" { starts ").append(starts).append("; ends ").append(ends)
                    .append("; binding state ").append(state).append("; hardware ethernet ").append(mac).append("; }\n")
                    .toString();
            case 1 -> b.append("lease ").append(address).append("\n{\n\tstarts ").append(starts).append(";\n\tends ")
                    .append(ends).append(";\n\tbinding state ").append(state).append(";\n\thardware ethernet ").append(mac)
                    .append(";\n}\n").toString();
            case 2 -> b.append("lease ").append(address).append(" {\n  starts ").append(starts).append(";\n  ends ")
                    .append(ends).append(";\n  binding state ").append(state).append(";\n  hardware ethernet ")
                    .append(mac).append(";\n  client-hostname \"x\"; }\n").toString();
            default -> b.append("lease ").append(address).append(" {\n  starts ").append(starts).append(";\n  ends ")
                    .append(ends).append(";\n  binding state ").append(state).append(";\n  hardware ethernet ")
                    .append(mac).append(";\n  on expiry {\n\tset x = \"y\";\n}\n}\n").toString();
        };
    }

    static String file(long seed, int blocks, int hosts, int oddInTen) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
                + "\nauthoring-byte-order little-endian;\n\nserver-duid \"\\000\\001\\000\\001.\";\n\n"
                + "failover peer \"dhcp-failover\" state {\n  my state normal at 3 2026/11/24 08:00:01;\n}\n\n");
        for (int i = 0; i < blocks; i++) {
            text.append(block(random, random.nextInt(hosts), random.nextInt(10) < oddInTen));
        }
        return text.toString();
    }

    @Property(tries = 60)
    void passingOverSupersededBlocksSelectsWhatReadingEveryBlockSelects(@ForAll @IntRange(max = 1_000_000) int seed,
            @ForAll @IntRange(min = 1, max = 400) int blocks, @ForAll @IntRange(min = 1, max = 120) int hosts,
            @ForAll @IntRange(max = 3) int oddInTen) throws Exception {
        Path file = Files.writeString(Files.createTempFile("newest", ".leases"), file(seed, blocks, hosts, oddInTen));
        try {
            Read forward = forward(file, 1);
            for (int threads : new int[] {1, 2}) {
                Read newest = quick(file, threads);
                assertThat(newest.selection()).isEqualTo(forward.selection());
                // unknown statements are named as found in the blocks read: not in those passed over
                assertThat(forward.warnings()).containsAll(newest.warnings());
            }
        } finally {
            Files.delete(file);
        }
    }

    /**
     * The scan copies a part a chunk at a time, with a statement's head looked at beyond the
     * chunk's end: wherever the chunks end (in a lease's head, between a line break and the line
     * after it), it finds the same entries as a scan of the part in one chunk.
     */
    @Property(tries = 40)
    void theScanFindsTheSameEntriesWhateverTheChunkSize(@ForAll @IntRange(max = 1_000_000) int seed,
            @ForAll @IntRange(min = 1, max = 30) int blocks, @ForAll @IntRange(max = 3) int oddInTen) {
        byte[] text = file(seed, blocks, 20, oddInTen).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        List<String> whole = entries(NewestBlockReader.scan(java.nio.ByteBuffer.wrap(text), text.length));
        assertThat(whole.get(whole.size() - 1)).startsWith("leases " + blocks + ",");
        for (int chunk = 1; chunk <= 120; chunk++) {
            assertThat(entries(NewestBlockReader.scan(java.nio.ByteBuffer.wrap(text), chunk)))
                    .as("chunks of %d bytes", chunk).isEqualTo(whole);
        }
    }

    /** Every entry a scan found, with what it found of it, and the part's counts. */
    static List<String> entries(NewestEntries.Entries found) {
        List<String> out = new java.util.ArrayList<>();
        for (int e = 0; e < found.count; e++) {
            out.add(found.starts[e] + "-" + found.ends[e] + " breaks " + found.breaksAfter[e] + " address "
                    + found.addresses[e] + " flags " + found.flags[e]);
        }
        out.add("leases " + found.leases + ", newlines " + found.newlines);
        return out;
    }

    @Test
    void aFileLargeEnoughToReadInPartsSelectsTheSame() throws Exception {
        Path file = Files.writeString(dir.resolve("large.leases"), file(5, 40_000, 15_000, 1));
        assertThat(Files.size(file)).as("split into parts").isGreaterThan(9L << 20);
        Read forward = forward(file, 1);
        assertThat(forward.selection().leasesRead()).isEqualTo(40_000);
        for (int threads : new int[] {2, 3, 4}) {
            Read quick = quick(file, threads);
            assertThat(quick.selection()).isEqualTo(forward.selection());
            assertThat(forward.warnings()).containsAll(quick.warnings());
        }
    }

    @Test
    void aMalformedNewestBlockGetsTheErrorTheOrdinaryReadGives() throws Exception {
        String text = file(9, 300, 40, 1) + "lease 10.3.0.1 {\n  starts 3 2026/11/25 08:00:00;\n  binding state dancing;\n}\n";
        Path file = Files.writeString(dir.resolve("bad-newest.leases"), text);
        int line = text.split("\n", -1).length - 2;
        assertThatThrownBy(() -> newest(file, 2)).isInstanceOf(LeaseFileException.class)
                .hasMessageStartingWith(file + ":" + line + ": expected a binding state");
    }

    /**
     * A superseded block that is not in dhcpd's shape (cut short: no closing brace before the next
     * lease; a line that is neither indented nor a comment) is read, and its error reported.
     */
    @Test
    void aSupersededBlockOutOfShapeIsReadAndItsErrorReported() throws Exception {
        String later = "lease 10.3.0.7 {\n  starts 3 2026/11/25 09:00:00;\n  ends never;\n  binding state active;\n}\n";
        String torn = "lease 10.3.0.7 {\n  starts 3 2026/11/25 08:00:00;\n  ends 3 2026/1\n"; // no closing brace
        String stray = "lease 10.3.0.7 {\n  starts 3 2026/11/25 08:00:00;\n\"oops\";\n}\n"; // neither indented nor a comment
        for (String superseded : List.of(torn, stray)) {
            Path file = Files.writeString(dir.resolve("out-of-shape.leases"), file(3, 200, 30, 0) + superseded + later);
            Throwable expected = org.assertj.core.api.Assertions.catchThrowable(() -> forward(file, 1));
            assertThat(expected).isInstanceOf(LeaseFileException.class);
            assertThatThrownBy(() -> newest(file, 2)).isInstanceOf(LeaseFileException.class)
                    .hasMessage(expected.getMessage());
        }
    }

    /**
     * What the quick read gives up: a superseded block in dhcpd's shape is passed over without its
     * statements read, so a malformed value in it is not reported (the ordinary read reports it).
     * Nothing it held is published either way.
     */
    @Test
    void aMalformedValueInASupersededBlockInShapeIsPassedOver() throws Exception {
        String old = "lease 10.3.0.8 {\n  starts 3 2026/11/25 08:00:00;\n  binding state dancing;\n}\n";
        String later = "lease 10.3.0.8 {\n  starts 3 2026/11/25 09:00:00;\n  ends never;\n  binding state active;\n"
                + "  hardware ethernet 52:54:00:03:00:08;\n  client-hostname \"eight\";\n}\n";
        Path file = Files.writeString(dir.resolve("superseded-bad.leases"), old + later);
        assertThatThrownBy(() -> forward(file, 1)).isInstanceOf(LeaseFileException.class);
        Selection selection = quick(file, 1).selection();
        assertThat(selection.inForce()).extracting(Lease::hostname).containsExactly("eight");
        assertThat(selection.leasesRead()).isEqualTo(2);
    }

    /** Statements at the start of a line inside a block (the grammar allows it; dhcpd never writes it): read in order. */
    @Test
    void aBlockWhoseStatementsStartLinesIsReadInOrder() throws Exception {
        String flat = "lease 10.3.9.9 {\nstarts 3 2026/11/25 08:00:00;\nends never;\nbinding state active;\n"
                + "hardware ethernet 52:54:00:03:00:09;\nclient-hostname \"nine\";\n}\n";
        Path file = Files.writeString(dir.resolve("flat.leases"), file(6, 100, 20, 0) + flat + file(7, 50, 20, 0));
        assertThatThrownBy(() -> quick(file, 1)).isInstanceOf(LeaseFileException.class);
        Read newest = newest(file, 2);
        assertThat(newest).isEqualTo(forward(file, 1));
        assertThat(newest.selection().inForce()).extracting(Lease::hostname).contains("nine");
    }

    @Test
    void aFileWithDhcpv6StatementsIsReadInOrder() throws Exception {
        String v6 = "ia-na \"\\001\\000\\000\\000\\000\\003\\000\\001RT\\000\\000\\000\\011\" {\n"
                + "  cltt 3 2026/11/25 10:00:00;\n  iaaddr 2001:db8:7::2a0 {\n    binding state active;\n"
                + "    ends never;\n  }\n}\n";
        Path file = Files.writeString(dir.resolve("mixed.leases"), file(8, 100, 20, 1) + v6 + file(9, 100, 20, 1));
        Read newest = newest(file, 2);
        assertThat(newest).isEqualTo(forward(file, 1));
        assertThat(newest.selection().inForce()).extracting(Lease::address).contains("2001:db8:7::2a0");
    }
}
