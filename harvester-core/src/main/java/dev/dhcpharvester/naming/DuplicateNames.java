package dev.dhcpharvester.naming;

import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import dev.dhcpharvester.source.Ipv6;
import dev.dhcpharvester.util.InParallel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One name, one address. When several hosts hold the same name (compared without case, as DNS
 * does), each gets {@code -<MAC>} appended, as the CORD harvester does; the base is shortened
 * when needed to keep the label within 63 characters. A host whose name still collides (the same
 * MAC on two addresses, or no MAC) is left out as a duplicate.
 *
 * <p>In a zone fragment a name may hold one IPv4 and one IPv6 address (an A and an AAAA record:
 * a dual-stack host), so there names are compared within each address family. Dynamic DNS keeps
 * one address per name, as Kea's D2 does under RFC 4703 (a second client's DHCID conflicts), so
 * there they are compared across families.
 */
public final class DuplicateNames {

    /** Hosts with unique names, in input order, and those left out. */
    public record Result(List<Candidate> unique, List<HostResult> duplicates) {
    }

    private DuplicateNames() {
    }

    /** One address per name, whatever its family (dynamic DNS). */
    public static Result resolve(List<Candidate> candidates) {
        return resolve(candidates, false);
    }

    /** One address per name and address family: a name may have an A and an AAAA record (zone fragments). */
    public static Result resolveDualStack(List<Candidate> candidates) {
        return resolve(candidates, true);
    }

    private static Result resolve(List<Candidate> candidates, boolean perFamily) {
        int n = candidates.size();
        String[] keys = InParallel.map(candidates, c -> nameKey(c, perFamily)).toArray(new String[0]);
        int[] first = EqualKeys.firstOfEach(keys);
        int[] holders = new int[n];
        for (int i = 0; i < n; i++) {
            holders[first[i]]++;
        }
        Candidate[] named = new Candidate[n];
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            int holding = holders[first[i]];
            if (holding > 1 && c.lease().hasMac()) {
                c = renamed(c, holding);
                keys[i] = nameKey(c, perFamily);
            }
            named[i] = c;
        }
        // a name goes to the first host that ends up with it, asked for or made by renaming
        int[] firstNamed = EqualKeys.firstOfEach(keys);
        List<Candidate> unique = new ArrayList<>(n);
        List<HostResult> duplicates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Candidate c = named[i];
            if (firstNamed[i] == i) {
                unique.add(c);
            } else {
                duplicates.add(c.result(Outcome.DUPLICATE, "name '" + c.name() + "' is already published for another address"));
            }
        }
        // not List.copyOf: these lists are this method's own, and a copy of 500,000 checks each for null
        return new Result(Collections.unmodifiableList(unique), Collections.unmodifiableList(duplicates));
    }

    /** The candidate with its MAC appended to a name {@code holding} addresses ask for. */
    static Candidate renamed(Candidate c, int holding) {
        return c.renamed(withMacSuffix(c), "name '" + c.name() + "' is held by " + holding + " addresses");
    }

    private static String withMacSuffix(Candidate c) {
        String suffix = "-" + Naming.compactMac(c.lease().mac());
        String base = c.name();
        int room = HostnameSanitizer.MAX_LABEL - suffix.length();
        if (base.length() > room) {
            base = base.substring(0, Math.max(room, 0));
            while (base.endsWith("-")) {
                base = base.substring(0, base.length() - 1);
            }
        }
        return base + suffix;
    }

    /** A name as duplicates are told apart: without case, and, {@code perFamily}, within its address's family. */
    public static String nameKey(String name, String address, boolean perFamily) {
        return nameKey(name, Ipv6.isIpv6(address), perFamily);
    }

    /**
     * A candidate's {@link #nameKey}, its address not made text: 500,000 of them would be held
     * through the whole comparison, and made again later when the hosts are published.
     */
    public static String nameKey(Candidate c, boolean perFamily) {
        return nameKey(c.name(), c.lease().isIpv6(), perFamily);
    }

    private static String nameKey(String name, boolean ipv6, boolean perFamily) {
        String lower = lowerCase(name);
        return perFamily && ipv6 ? lower + " 6" : lower;
    }

    /**
     * {@code name.toLowerCase(Locale.ROOT)}, looking at ASCII first: a label is ASCII, mostly lower
     * case already, and the JDK's way asks a character table about every character of 500,000 names.
     */
    private static String lowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 0x80) {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }
}
