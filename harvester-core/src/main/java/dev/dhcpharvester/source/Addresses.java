package dev.dhcpharvester.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Addresses of either family, as the stages after the source see them: IPv4 dotted quads first in
 * numeric order, then IPv6 literals in numeric order. Text order would put 10.0.0.10 before
 * 10.0.0.9 and 2001:db8::10 before 2001:db8::9.
 */
public final class Addresses {
    private Addresses() {
    }

    /** The address in canonical text (IPv4 as written, IPv6 per RFC 5952), or null when it is neither. */
    public static String canonical(String text) {
        if (text == null) {
            return null;
        }
        if (!Ipv6.isIpv6(text)) {
            return Ipv4.parse(text) < 0 ? null : text;
        }
        return Ipv6.canonical(text);
    }

    /** The absolute in-addr.arpa or ip6.arpa owner name of an address. */
    public static String reverseName(String address) {
        return Ipv6.isIpv6(address) ? Ipv6.reverseName(address) : Ipv4.reverseName(address);
    }

    /** Orders addresses: IPv4 before IPv6, each numerically; text that is neither sorts last, as text. */
    public static final Comparator<String> ORDER = Addresses::compare;

    private static int compare(String a, String b) {
        boolean a6 = Ipv6.isIpv6(a);
        boolean b6 = Ipv6.isIpv6(b);
        if (!a6 && !b6) {
            return Long.compare(Ipv4.parse(a), Ipv4.parse(b));
        }
        if (a6 != b6) {
            return a6 ? 1 : -1;
        }
        byte[] x = Ipv6.bytes(a);
        byte[] y = Ipv6.bytes(b);
        if (x == null || y == null) {
            return x == null ? (y == null ? a.compareTo(b) : 1) : -1;
        }
        return Arrays.compareUnsigned(x, y);
    }

    /**
     * {@code items} in address order; a list of IPv4 addresses already in order is returned as it is.
     * Each IPv4 address is parsed once (the report sorts a few hundred thousand hosts).
     */
    public static <T> List<T> sortedByAddress(Collection<T> items, Function<T, String> address) {
        return sortedByAddress(items, address, item -> Ipv4.parse(address.apply(item)));
    }

    /**
     * {@link #sortedByAddress(Collection, Function)} with each item's IPv4 address as a number
     * ({@code ipv4}, -1 for any other) given apart: items that hold it as a number need make no text.
     */
    public static <T> List<T> sortedByAddress(Collection<T> items, Function<T, String> address, ToLongFunction<T> ipv4) {
        List<T> list = items instanceof List<T> l && l instanceof RandomAccess ? l : new ArrayList<>(items);
        if (allIpv4InOrder(list, ipv4)) {
            return list; // the usual case: hosts arrive in address order from the selection
        }
        // IPv4 address above, position below: one sort of primitives, stable, no object per item
        long[] v4 = new long[list.size()];
        int n = 0;
        List<T> others = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            long key = ipv4.applyAsLong(list.get(i));
            if (key >= 0) {
                v4[n++] = key << 31 | i;
            } else {
                others.add(list.get(i));
            }
        }
        Arrays.sort(v4, 0, n);
        others.sort(Comparator.comparing(address, ORDER));
        List<T> out = new ArrayList<>(list.size());
        for (int k = 0; k < n; k++) {
            out.add(list.get((int) (v4[k] & 0x7fff_ffff)));
        }
        out.addAll(others);
        return out;
    }

    private static <T> boolean allIpv4InOrder(List<T> items, ToLongFunction<T> ipv4) {
        long previous = -1;
        for (T item : items) {
            long key = ipv4.applyAsLong(item);
            if (key < previous || key < 0) {
                return false;
            }
            previous = key;
        }
        return true;
    }
}
