package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The searches eight bytes at a time find what a search a byte at a time finds, wherever it is in a word. */
class ByteScanTest {

    /**
     * Bytes of which many are line breaks, commas, and the bytes around them in value (a borrow
     * between bytes shows there).
     */
    static byte[] bytes(long seed, int length) {
        Random random = new Random(seed);
        byte[] bytes = new byte[length];
        byte[] near = {'\n', 0x0b, 0x09, (byte) 0x8a, ',', 0x2b, 0x2d, (byte) 0xac, 0x00, (byte) 0xff, 'a', 0x01};
        for (int i = 0; i < length; i++) {
            bytes[i] = random.nextInt(4) == 0 ? near[random.nextInt(near.length)] : (byte) random.nextInt(256);
        }
        return bytes;
    }

    @Property(tries = 300)
    void theLastLineBreakIsFoundAsOneAtATimeFindsIt(@ForAll @IntRange(max = 80) int length,
            @ForAll @IntRange(max = 1_000_000) int seed) {
        byte[] bytes = bytes(seed, length);
        for (int from = -1; from < length; from++) {
            int expected = from;
            while (expected >= 0 && bytes[expected] != '\n') {
                expected--;
            }
            assertThat(ByteScan.lastBreak(bytes, from)).as("from %d", from).isEqualTo(expected);
        }
    }

    @Property(tries = 300)
    void theFirstOfAValueIsFoundAsOneAtATimeFindsIt(@ForAll @IntRange(max = 80) int length,
            @ForAll @IntRange(max = 1_000_000) int seed) {
        byte[] bytes = bytes(seed, length);
        for (byte value : new byte[] {'\n', ','}) {
            for (int from = 0; from <= length; from++) {
                for (int to = from; to <= length; to += 1 + (to - from) / 8) {
                    int expected = from;
                    while (expected < to && bytes[expected] != value) {
                        expected++;
                    }
                    assertThat(ByteScan.indexOf(bytes, from, to, value)).as("%d in [%d, %d)", value, from, to)
                            .isEqualTo(expected == to ? -1 : expected);
                }
            }
        }
    }

    @Property(tries = 300)
    void aValueIsCountedAsOneAtATimeCountsIt(@ForAll @IntRange(max = 80) int length,
            @ForAll @IntRange(max = 1_000_000) int seed) {
        byte[] bytes = bytes(seed, length);
        for (int from = 0; from <= length; from++) {
            int expected = 0;
            for (int i = from; i < length; i++) {
                expected += bytes[i] == ',' ? 1 : 0;
            }
            assertThat(ByteScan.count(bytes, from, length, (byte) ',')).as("from %d", from).isEqualTo(expected);
        }
    }

    /** Every set of marked bytes a word can have: the highest's and the lowest's index as the bit counts give them. */
    @Test
    void theHighestAndLowestMarkedBytesAreFoundForEverySetOfMarks() {
        for (int set = 1; set < 256; set++) {
            long zeros = 0;
            for (int k = 0; k < 8; k++) {
                zeros |= (long) (set >> k & 1) << (8 * k + 7);
            }
            assertThat(ByteScan.lastZeroByte(zeros)).as("highest of %s", Integer.toBinaryString(set))
                    .isEqualTo(7 - (Long.numberOfLeadingZeros(zeros) >>> 3));
            assertThat(ByteScan.firstZeroByte(zeros)).as("lowest of %s", Integer.toBinaryString(set))
                    .isEqualTo(Long.numberOfTrailingZeros(zeros) >>> 3);
        }
    }
}
