package dev.dhcpharvester.source;

import org.xbill.DNS.Address;

/**
 * IPv6 literals: checked and written in the one canonical text of RFC 5952 (lower case, the
 * longest run of zero groups as {@code ::}), so that the same address read from two servers'
 * files is the same string everywhere after the source. Never touches the resolver.
 */
public final class Ipv6 {
    private Ipv6() {
    }

    /** Whether the text looks like an IPv6 literal (has a colon); {@link #canonical} says if it is one. */
    public static boolean isIpv6(String address) {
        return address.indexOf(':') >= 0;
    }

    /** The 16 bytes of an IPv6 literal, or null when the text is not one (zone ids and names included). */
    public static byte[] bytes(String text) {
        if (text == null || text.isEmpty() || text.indexOf('%') >= 0 || text.indexOf(':') < 0) {
            return null;
        }
        return Address.toByteArray(text, Address.IPv6);
    }

    /** The RFC 5952 text of an IPv6 literal, or null when the text is not one. */
    public static String canonical(String text) {
        byte[] b = bytes(text);
        return b == null ? null : format(b);
    }

    /** RFC 5952 text of 16 bytes: lower-case hex groups, the longest run (two or more) of zero groups as {@code ::}. */
    public static String format(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** The ip6.arpa owner name of an address, absolute (32 nibbles, lowest first, with trailing dot). */
    public static String reverseName(String address) {
        byte[] b = bytes(address);
        if (b == null) {
            throw new IllegalArgumentException("not an IPv6 address: " + address);
        }
        StringBuilder out = new StringBuilder(73);
        for (int i = 15; i >= 0; i--) {
            out.append(Character.forDigit(b[i] & 0xf, 16)).append('.').append(Character.forDigit(b[i] >> 4 & 0xf, 16)).append('.');
        }
        return out.append("ip6.arpa.").toString();
    }
}
