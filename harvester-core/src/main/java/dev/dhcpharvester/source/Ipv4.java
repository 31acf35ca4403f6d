package dev.dhcpharvester.source;

/** IPv4 dotted quads: parsing, validation and formatting without touching the resolver. */
public final class Ipv4 {
    private Ipv4() {
    }

    /** The address as an unsigned 32-bit value, or -1 when the text is not a dotted quad. */
    public static long parse(String text) {
        // The same rules as the byte version, without copying: hosts' addresses are parsed on every
        // harvest. Two loops on purpose: one shared through a functional accessor made a whole read of
        // the 1M-block file ~35% slower (bench/harvest-bench.sh 3: 6.66 s against 4.85 s); and a
        // String's own charAt, not CharSequence's, whose every character is an interface call.
        long value = 0;
        int octets = 0;
        int i = 0;
        int end = text.length();
        while (i < end) {
            int octet = 0;
            int digits = 0;
            char c;
            while (i < end && (c = text.charAt(i)) >= '0' && c <= '9') {
                octet = octet * 10 + (c - '0');
                i++;
                if (++digits > 3) {
                    return -1;
                }
            }
            if (digits == 0 || octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
            octets++;
            if (i < end) {
                if (text.charAt(i) != '.' || octets == 4 || i == end - 1) {
                    return -1;
                }
                i++;
            }
        }
        return octets == 4 ? value : -1;
    }

    /** The dotted quad in {@code b[from, from + length)} as an unsigned 32-bit value, or -1. */
    static long parse(byte[] b, int from, int length) {
        long value = 0;
        int octets = 0;
        int i = from;
        int end = from + length;
        while (i < end) {
            int octet = 0;
            int digits = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                octet = octet * 10 + (b[i] - '0');
                i++;
                if (++digits > 3) {
                    return -1;
                }
            }
            if (digits == 0 || octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
            octets++;
            if (i < end) {
                if (b[i] != '.' || octets == 4 || i == end - 1) {
                    return -1;
                }
                i++;
            }
        }
        return octets == 4 ? value : -1;
    }

    /** Dotted quad text of an unsigned 32-bit value. */
    public static String format(long value) {
        byte[] text = new byte[15];
        return new String(text, 0, put(value, text, 0), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the dotted quad of {@code value} at {@code at} (at most 15 bytes); returns where it
     * ends. Digits straight into bytes: a harvest writes every address it publishes.
     */
    public static int put(long value, byte[] text, int at) {
        int n = at;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = (int) (value >>> shift & 0xff);
            if (octet >= 100) {
                text[n++] = (byte) ('0' + octet / 100);
            }
            if (octet >= 10) {
                text[n++] = (byte) ('0' + octet / 10 % 10);
            }
            text[n++] = (byte) ('0' + octet % 10);
            if (shift > 0) {
                text[n++] = '.';
            }
        }
        return n;
    }

    /** How many bytes the dotted quad of {@code value} takes. */
    public static int length(long value) {
        int n = 3;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = (int) (value >>> shift & 0xff);
            n += octet >= 100 ? 3 : octet >= 10 ? 2 : 1;
        }
        return n;
    }

    /** The in-addr.arpa owner name of an address, absolute (with trailing dot). */
    public static String reverseName(String address) {
        long v = parse(address);
        if (v < 0) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        return (v & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v >>> 16 & 0xff) + "." + (v >>> 24 & 0xff) + ".in-addr.arpa.";
    }
}
