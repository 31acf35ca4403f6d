package dev.dhcpharvester.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dhcpharvester.source.IscLeaseParser;
import dev.dhcpharvester.source.LeaseFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following a dhcpd lease file: whatever mix of appends, half-written blocks and rewrites the
 * server produces, the leases followed equal a whole read of the same bytes (lines included).
 */
class LeaseFileFollowerTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("e yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
    static final String HEADER = "# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
            + "# This lease file was written by isc-dhcp-4.4.3-P1\n\n"
            + "# authoring-byte-order entry is generated, DO NOT DELETE\nauthoring-byte-order little-endian;\n\n";

    /**
     * A lease block as dhcpd 4.4 writes it, for one of 40 addresses, with random state, times and
     * name; now and then a DHCPv6 {@code ia-na} block as dhcpd -6 writes it (both in one file here,
     * which dhcpd never does, so that one property covers both grammars).
     */
    static String block(Random random) {
        if (random.nextInt(4) == 0) {
            return iaBlock(random);
        }
        int host = random.nextInt(40);
        Instant starts = NOW.minusSeconds(random.nextInt(7200));
        Instant ends = random.nextInt(5) == 0 ? NOW.minusSeconds(60) : NOW.plusSeconds(random.nextInt(7200));
        String state = switch (random.nextInt(6)) {
            case 0 -> "free";
            case 1 -> "expired";
            default -> "active";
        };
        StringBuilder b = new StringBuilder("lease 192.0.2." + host + " {\n")
                .append("  starts ").append(TIME.format(starts).replaceFirst("^7", "0")).append(";\n")
                .append("  ends ").append(TIME.format(ends).replaceFirst("^7", "0")).append(";\n")
                .append("  cltt ").append(TIME.format(starts).replaceFirst("^7", "0")).append(";\n")
                .append("  binding state ").append(state).append(";\n")
                .append("  next binding state free;\n")
                .append("  hardware ethernet 52:54:00:00:00:").append(String.format("%02x", host)).append(";\n");
        if (random.nextBoolean()) {
            b.append("  client-hostname \"host-").append(random.nextInt(1000)).append("\";\n");
        }
        if (random.nextInt(4) == 0) {
            b.append("  on commit {\n    set x = \"y\";\n  }\n");
        }
        return b.append("}\n").toString();
    }

    /** A DHCPv6 address lease of one of 10 clients (IAID 1, a DUID-LL), with random state and end. */
    static String iaBlock(Random random) {
        int host = random.nextInt(10);
        Instant ends = random.nextInt(5) == 0 ? NOW.minusSeconds(60) : NOW.plusSeconds(random.nextInt(7200));
        return "ia-na \"\\001\\000\\000\\000\\000\\003\\000\\001RT\\000\\000\\000" + String.format("\\%03o", host + 1) + "\" {\n"
                + "  cltt " + TIME.format(NOW.minusSeconds(600)).replaceFirst("^7", "0") + ";\n"
                + "  iaaddr 2001:db8:7::" + Integer.toHexString(0x100 + host) + " {\n"
                + "    binding state " + (random.nextInt(5) == 0 ? "expired" : "active") + ";\n"
                + "    preferred-life 3000;\n    max-life 4000;\n"
                + "    ends " + TIME.format(ends).replaceFirst("^7", "0") + ";\n"
                + "  }\n}\n";
    }

    /** The file as dhcpd's cleanup rewrites it: the header and the newest block per address (or IA). */
    static String compacted(String content) {
        Map<String, String> newest = new LinkedHashMap<>();
        int at = nextBlock(content, 0);
        while (at >= 0) {
            int end = content.indexOf("\n}\n", at);
            if (end < 0) {
                break; // a block still being written is not in the rewrite
            }
            String block = content.substring(at, end + 3);
            String key = block.substring(0, block.indexOf('\n'));
            newest.remove(key);
            newest.put(key, block);
            at = nextBlock(content, end + 2);
        }
        return HEADER + "server-duid \"\\000\\001\\000\\001!\";\n\n" + String.join("", newest.values());
    }

    /** Where the next {@code lease} or {@code ia-na} block starting a line begins, or -1. */
    static int nextBlock(String content, int from) {
        int lease = content.indexOf("\nlease ", from);
        int ia = content.indexOf("\nia-na ", from);
        int at = lease < 0 ? ia : ia < 0 ? lease : Math.min(lease, ia);
        return at < 0 ? -1 : at + 1;
    }

    /** What a whole read of the file's whole blocks selects. */
    static Selection wholeRead(Path file) throws IOException, LeaseFileException {
        IscLeaseParser.Parts<LeaseSelector> parts = IscLeaseParser.parseInParts(file, 1, () -> new LeaseSelector(NOW), true);
        return LeaseSelector.combine(parts.sinks(), parts.firstLines()).select(List.of());
    }

    @Property(tries = 60)
    void followingEqualsAWholeReadThroughAppendsPartialBlocksAndRewrites(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 99) Integer> operations,
            @ForAll long seed) throws Exception {
        Path dir = Files.createTempDirectory("follow");
        try {
            Random random = new Random(seed);
            Path file = dir.resolve("dhcpd.leases");
            Files.writeString(file, HEADER);
            LeaseFileFollower follower = new LeaseFileFollower(file, 1 + random.nextInt(3));
            String pending = null;
            for (int op : operations) {
                String content = Files.readString(file, StandardCharsets.ISO_8859_1);
                if (op < 55) { // dhcpd appends blocks (finishing one it had half written)
                    StringBuilder more = new StringBuilder(pending == null ? "" : pending);
                    pending = null;
                    for (int k = random.nextInt(5); k >= 0; k--) {
                        more.append(block(random));
                    }
                    append(file, more.toString());
                } else if (op < 75) { // a write that stops in the middle of a block
                    String next = (pending == null ? "" : pending) + block(random);
                    int cut = 1 + random.nextInt(next.length() - 2);
                    append(file, next.substring(0, cut));
                    pending = next.substring(cut);
                } else if (op < 88) { // the periodic rewrite: a new file renamed over the old one
                    Path fresh = dir.resolve("dhcpd.leases.new");
                    Files.writeString(fresh, compacted(content), StandardCharsets.ISO_8859_1);
                    Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    pending = null;
                } else { // a rewrite in place, same inode
                    Files.writeString(file, compacted(content), StandardCharsets.ISO_8859_1,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    pending = null;
                }
                follower.refresh();
                assertThat(follower.leases().selectAt(NOW, List.of())).isEqualTo(wholeRead(file));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
    }

    @Test
    void readsOnlyWhatWasAppendedAndTheWholeFileAfterARewrite(@TempDir Path dir) throws Exception {
        Random random = new Random(7);
        Path file = dir.resolve("dhcpd.leases");
        StringBuilder first = new StringBuilder(HEADER);
        for (int i = 0; i < 100; i++) {
            first.append(block(random));
        }
        Files.writeString(file, first);
        LeaseFileFollower follower = new LeaseFileFollower(file, 2);

        assertThat(follower.refresh()).isEqualTo(LeaseFileFollower.Read.WHOLE);
        assertThat(follower.bytesRead()).isEqualTo(Files.size(file));
        assertThat(follower.refresh()).isEqualTo(LeaseFileFollower.Read.UNCHANGED);

        String one = block(random);
        append(file, one);
        assertThat(follower.refresh()).isEqualTo(LeaseFileFollower.Read.APPENDED);
        assertThat(follower.bytesRead()).isEqualTo(one.length());

        append(file, "lease 192.0.2.1 {\n  starts 3 2026/11/25 11:00:00;\n");
        assertThat(follower.refresh()).as("half a block waits").isEqualTo(LeaseFileFollower.Read.UNCHANGED);
        append(file, "  ends 3 2026/11/25 13:00:00;\n  binding state active;\n}\n");
        assertThat(follower.refresh()).isEqualTo(LeaseFileFollower.Read.APPENDED);

        Path fresh = dir.resolve("new");
        Files.writeString(fresh, compacted(Files.readString(file)));
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(follower.refresh()).isEqualTo(LeaseFileFollower.Read.WHOLE);
        assertThat(follower.leases().selectAt(NOW, List.of())).isEqualTo(wholeRead(file));
    }

    @Test
    void aMalformedAppendFailsWithItsLineAndChangesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dhcpd.leases");
        Files.writeString(file, HEADER + block(new Random(1)));
        LeaseFileFollower follower = new LeaseFileFollower(file, 1);
        follower.refresh();
        Selection before = follower.leases().selectAt(NOW, List.of());
        long lines = Files.readString(file).lines().count();

        append(file, "lease 192.0.2.300 {\n}\n");

        assertThatThrownBy(follower::refresh).isInstanceOf(LeaseFileException.class)
                .hasMessageContaining(file + ":" + (lines + 1) + ":");
        assertThatThrownBy(follower::refresh).as("the same bytes fail again").isInstanceOf(LeaseFileException.class);
        assertThat(follower.leases().selectAt(NOW, List.of())).isEqualTo(before);
    }

    @Test
    void theNextChangeIsTheNearestStartOrEndToCome(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dhcpd.leases");
        Files.writeString(file, HEADER
                + "lease 192.0.2.1 {\n  starts 3 2026/11/25 11:00:00;\n  ends 3 2026/11/25 12:30:00;\n  binding state active;\n}\n"
                + "lease 192.0.2.2 {\n  starts 3 2026/11/25 11:00:00;\n  ends 3 2026/11/25 12:10:00;\n  binding state active;\n}\n"
                + "lease 192.0.2.3 {\n  starts 3 2026/11/25 11:00:00;\n  ends 3 2026/11/25 12:05:00;\n  binding state free;\n}\n");
        LeaseFileFollower follower = new LeaseFileFollower(file, 1);
        follower.refresh();

        assertThat(follower.leases().nextChangeAfter(NOW)).isEqualTo(Instant.parse("2026-11-25T12:10:00Z"));
        assertThat(follower.leases().selectAt(Instant.parse("2026-11-25T12:10:00Z"), List.of()).inForce())
                .extracting(l -> l.address()).containsExactly("192.0.2.1");
    }
}
