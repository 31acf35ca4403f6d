package dev.dhcpharvester.source;

/**
 * DHCPv6 client identifiers (RFC 8415 section 11). A DHCPv6 lease names its client by DUID, not
 * by MAC; the two link-layer DUID types carry the MAC, which then serves as a v4 lease's does: in
 * the record's comment, in {@code UNK-<MAC>} and in the {@code -<MAC>} suffix of a shared name.
 */
public final class Duid {

    private static final int LLT = 1;
    private static final int LL = 3;
    private static final int ETHERNET = 1;

    private Duid() {
    }

    /**
     * The Ethernet address inside a DUID-LLT or DUID-LL given as hex (colons allowed), as lower-case
     * colon-separated text; "" for other DUID types, other hardware types, or text that is not one.
     */
    public static String linkLayerAddress(String duidHex) {
        String hex = duidHex == null ? "" : duidHex.replace(":", "");
        if (hex.length() < 8 || hex.length() % 2 != 0) {
            return "";
        }
        int type = parseHex(hex, 0, 4);
        int hardware = parseHex(hex, 4, 8);
        int skip = type == LLT ? 16 : type == LL ? 8 : -1;
        if (skip < 0 || hardware != ETHERNET || hex.length() != skip + 12) {
            return "";
        }
        StringBuilder mac = new StringBuilder(17);
        for (int i = skip; i < hex.length(); i += 2) {
            int octet = parseHex(hex, i, i + 2);
            if (octet < 0) {
                return "";
            }
            if (mac.length() > 0) {
                mac.append(':');
            }
            mac.append(Character.forDigit(octet >> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
        }
        return mac.toString();
    }

    private static int parseHex(String hex, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
