package dev.dhcpharvester.source;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches in bytes eight at a time (a long read at once, its bytes equal to the one sought made
 * zero and marked): the readers pass over every byte of a lease file with these, a byte at a time
 * was most of their scans' time.
 *
 * <p>Written for the quick compiler a one-shot harvest runs (C1), which makes no single instruction
 * of {@code Long.numberOfLeadingZeros} or {@code numberOfTrailingZeros}, but calls and a binary
 * search: the marked bytes are gathered into one byte by a multiplication instead, and a table
 * holds that byte's highest or lowest bit.
 */
final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_SEVEN = 0x7f7f_7f7f_7f7f_7f7fL;
    private static final long ONES = 0x0101_0101_0101_0101L;
    /** Moves bit 8k to bit 56 + k: every other product lands below bit 56 or past bit 63, without carries. */
    private static final long GATHER = 0x0102_0408_1020_4080L;
    private static final byte[] HIGHEST_BIT = new byte[256];
    private static final byte[] LOWEST_BIT = new byte[256];

    static {
        for (int b = 1; b < 256; b++) {
            HIGHEST_BIT[b] = (byte) (31 - Integer.numberOfLeadingZeros(b));
            LOWEST_BIT[b] = (byte) Integer.numberOfTrailingZeros(b);
        }
    }

    private ByteScan() {
    }

    /** The index of the last line break in {@code b[0, from]}, or -1. */
    static int lastBreak(byte[] b, int from) {
        int i = from;
        for (; i >= 7; i -= 8) {
            long zeros = zeroBytes((long) LONGS.get(b, i - 7) ^ ONES * '\n');
            if (zeros != 0) {
                return i - 7 + lastZeroByte(zeros);
            }
        }
        while (i >= 0 && b[i] != '\n') {
            i--;
        }
        return i;
    }

    /** The index of the first {@code value} in {@code b[from, to)}, or -1. */
    static int indexOf(byte[] b, int from, int to, byte value) {
        long pattern = ONES * (value & 0xff);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long zeros = zeroBytes((long) LONGS.get(b, i) ^ pattern);
            if (zeros != 0) {
                return i + firstZeroByte(zeros);
            }
        }
        for (; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** How many bytes of {@code b[from, to)} are {@code value}. */
    static int count(byte[] b, int from, int to, byte value) {
        int n = 0;
        int i = from;
        long pattern = ONES * (value & 0xff);
        for (; i + 8 <= to; i += 8) {
            n += Long.bitCount(zeroBytes((long) LONGS.get(b, i) ^ pattern));
        }
        for (; i < to; i++) {
            n += b[i] == value ? 1 : 0;
        }
        return n;
    }

    /**
     * The index (0-7, from the lowest) of the highest byte marked in {@code zeros} (as {@link
     * #zeroBytes} marks them; not 0).
     */
    static int lastZeroByte(long zeros) {
        return HIGHEST_BIT[gathered(zeros)];
    }

    /** The index (0-7, from the lowest) of the lowest byte marked in {@code zeros} (not 0). */
    static int firstZeroByte(long zeros) {
        return LOWEST_BIT[gathered(zeros)];
    }

    /** The marks (bit 8k + 7 of byte k) as the bits of one byte. */
    private static int gathered(long zeros) {
        return (int) ((zeros >>> 7) * GATHER >>> 56);
    }

    /** The top bit of each zero byte of {@code x}, exactly (no borrow from one byte into the next). */
    private static long zeroBytes(long x) {
        return ~((x & LOW_SEVEN) + LOW_SEVEN | x | LOW_SEVEN);
    }
}
