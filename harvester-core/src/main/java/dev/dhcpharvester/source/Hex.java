package dev.dhcpharvester.source;

/**
 * Hexadecimal digits by table lookup: the lease readers meet tens of millions of them (MACs, client
 * ids, DUIDs), and {@link Character#digit(int, int)} weighs every one against all of Unicode.
 */
final class Hex {

    /** Each byte's value as a hex digit, or -1. */
    private static final byte[] VALUE = new byte[256];
    private static final char[] LOWER = "0123456789abcdef".toCharArray();

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        for (int i = 0; i < 16; i++) {
            VALUE[LOWER[i]] = (byte) i;
            VALUE[Character.toUpperCase(LOWER[i])] = (byte) i;
        }
    }

    private Hex() {
    }

    /** The value of {@code b} as a hex digit (either case), or -1 when it is not one. */
    static int value(byte b) {
        return VALUE[b & 0xff];
    }

    /** The lower-case hex digit of a value 0-15. */
    static char digit(int value) {
        return LOWER[value];
    }
}
