package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

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
 * A whole read of a Kea lease4 CSV that passes over superseded rows
 * ({@link KeaCsvLeaseParser#parseNewestInParts}) selects exactly what the read of every row
 * selects: the same leases with the same lines, the same counts, and the same error for a
 * malformed row it reads.
 */
class NewestRowsReadTest {

    static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");
    static final long NOON_SECONDS = NOON.getEpochSecond();
    static final String HEADER = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,"
            + "state,user_context,pool_id\n";

    @TempDir
    static Path dir;

    static Selection forward(Path file, int threads) throws Exception {
        IscLeaseParser.Parts<LeaseSelector> parts = KeaCsvLeaseParser.parseInParts(file, threads,
                () -> new LeaseSelector(NOON));
        return LeaseSelector.combine(parts.sinks(), parts.firstLines()).select(List.of());
    }

    static Selection newest(Path file, int threads) throws Exception {
        return read(KeaCsvLeaseParser.parseNewestInParts(file, threads, () -> new LeaseSelector(NOON)));
    }

    /** Through the quick read alone. */
    static Selection quick(Path file, int threads) throws Exception {
        IscLeaseParser.Parts<LeaseSelector> parts = KeaCsvLeaseParser.readNewest(file, threads, () -> new LeaseSelector(NOON));
        assertThat(parts).as("read quickly").isNotNull();
        return read(parts);
    }

    static Selection read(IscLeaseParser.Parts<LeaseSelector> parts) {
        LeaseSelector selector = LeaseSelector.combine(parts.sinks(), parts.firstLines());
        selector.countSuperseded(parts.summary().leases() - selector.leasesRead());
        return selector.select(List.of());
    }

    static String row(Random random, int host) {
        long valid = random.nextInt(8) == 0 ? 0 : 3600 * (1 + random.nextInt(12));
        long expire = NOON_SECONDS - 3600 * 6 + random.nextInt(3600 * 12);
        String mac = random.nextInt(15) == 0 ? "" : String.format("52:54:00:04:%02x:%02x", host >> 8, host & 255);
        String name = switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> "kea-" + random.nextInt(40) + ".cord.lab.";
            case 2 -> "a&#x2cb";
            default -> "kea-" + random.nextInt(40);
        };
        String row = "10.4." + (host >> 8) + "." + (host & 255) + "," + mac + ",01:" + (mac.isEmpty() ? "02" : mac) + ","
                + valid + "," + expire + ",1,0,0," + name + "," + random.nextInt(4) + ",,0";
        return switch (random.nextInt(30)) {
            case 0 -> row + "\r\n";
            case 1 -> row + "\n\n";
            case 2 -> row + "\n   \n";
            default -> row + "\n";
        };
    }

    static String csv(long seed, int rows, int hosts) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            text.append(row(random, random.nextInt(hosts)));
        }
        return text.toString();
    }

    @Property(tries = 60)
    void passingOverSupersededRowsSelectsWhatReadingEveryRowSelects(@ForAll @IntRange(max = 1_000_000) int seed,
            @ForAll @IntRange(max = 500) int rows, @ForAll @IntRange(min = 1, max = 150) int hosts) throws Exception {
        Path file = Files.writeString(Files.createTempFile("newest", ".csv"), csv(seed, rows, hosts));
        try {
            Selection forward = forward(file, 1);
            for (int threads : new int[] {1, 2}) {
                assertThat(quick(file, threads)).isEqualTo(forward);
            }
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aFileLargeEnoughToReadInPartsSelectsTheSame() throws Exception {
        Path file = Files.writeString(dir.resolve("large.csv"), csv(5, 130_000, 40_000));
        assertThat(Files.size(file)).as("split into parts").isGreaterThan(9L << 20);
        Selection forward = forward(file, 1);
        assertThat(forward.leasesRead()).isEqualTo(130_000);
        for (int threads : new int[] {2, 3, 4}) {
            assertThat(quick(file, threads)).isEqualTo(forward);
        }
    }

    /** A superseded row with another column count, or without an address, is read, and its error reported. */
    @Test
    void aSupersededRowOutOfShapeIsReadAndItsErrorReported() throws Exception {
        String later = "10.4.9.9,52:54:00:04:09:09,,3600," + (NOON_SECONDS + 600) + ",1,0,0,nine,0,,0\n";
        for (String superseded : List.of("10.4.9.9,52:54:00:04:09:09,,3600\n", "10.4.9.x,52:54:00:04:09:09,,3600,"
                + NOON_SECONDS + ",1,0,0,nine,0,,0\n", "10.4.9.9,52:54:00:04:09:09,,3600,1,1,0,0,nine,0,,0,extra\n")) {
            Path file = Files.writeString(dir.resolve("out-of-shape.csv"), csv(3, 200, 30) + superseded + later);
            Throwable expected = catchThrowable(() -> forward(file, 1));
            assertThat(expected).as(superseded).isInstanceOf(LeaseFileException.class);
            assertThatThrownBy(() -> newest(file, 2)).isInstanceOf(LeaseFileException.class)
                    .hasMessage(expected.getMessage());
        }
    }

    /** What the quick read gives up: a superseded row with the header's column count is passed over unread. */
    @Test
    void aMalformedValueInASupersededRowInShapeIsPassedOver() throws Exception {
        String bad = "10.4.9.8,52:54:00:04:09:zz,,3600," + NOON_SECONDS + ",1,0,0,eight,0,,0\n";
        String later = "10.4.9.8,52:54:00:04:09:08,,3600," + (NOON_SECONDS + 600) + ",1,0,0,eight,0,,0\n";
        Path file = Files.writeString(dir.resolve("superseded-bad.csv"), HEADER + bad + later);
        assertThatThrownBy(() -> forward(file, 1)).isInstanceOf(LeaseFileException.class);
        Selection selection = quick(file, 1);
        assertThat(selection.inForce()).extracting(Lease::hostname).containsExactly("eight");
        assertThat(selection.inForce().get(0).origin().line()).isEqualTo(3);
        assertThat(selection.leasesRead()).isEqualTo(2);
    }

    @Test
    void aLease6FileIsReadInOrder() throws Exception {
        String v6 = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,"
                + "fqdn_rev,hostname,hwaddr,state,user_context\n"
                + "2001:db8:1::10,00:03:00:01:52:54:00:00:00:10,3600," + (NOON_SECONDS + 600)
                + ",1,1800,0,1,128,0,0,six,,0,\n";
        Path file = Files.writeString(dir.resolve("kea-leases6.csv"), v6);
        assertThat(KeaCsvLeaseParser.readNewest(file, 1, () -> new LeaseSelector(NOON))).isNull();
        assertThat(newest(file, 1)).isEqualTo(forward(file, 1));
        assertThat(newest(file, 1).inForce()).extracting(Lease::address).containsExactly("2001:db8:1::10");
    }
}
