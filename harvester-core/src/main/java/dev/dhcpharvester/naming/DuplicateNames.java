package dev.dhcpharvester.naming;

import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One name, one address. When several hosts hold the same name (compared without case, as DNS
 * does), each gets {@code -<MAC>} appended, as the CORD harvester does; the base is shortened
 * when needed to keep the label within 63 characters. A host whose name still collides (the same
 * MAC on two addresses, or no MAC) is left out as a duplicate.
 */
public final class DuplicateNames {

    /** Hosts with unique names, in input order, and those left out. */
    public record Result(List<Candidate> unique, List<HostResult> duplicates) {
    }

    private DuplicateNames() {
    }

    public static Result resolve(List<Candidate> candidates) {
        Map<String, Integer> holders = new HashMap<>();
        for (Candidate c : candidates) {
            holders.merge(key(c.name()), 1, Integer::sum);
        }
        List<Candidate> renamed = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (holders.get(key(c.name())) > 1 && !c.lease().mac().isEmpty()) {
                String suffix = "-" + Naming.compactMac(c.lease().mac());
                String base = c.name();
                int room = HostnameSanitizer.MAX_LABEL - suffix.length();
                if (base.length() > room) {
                    base = base.substring(0, Math.max(room, 0)).replaceAll("-+$", "");
                }
                renamed.add(c.renamed(base + suffix, "name '" + c.name() + "' is held by "
                        + holders.get(key(c.name())) + " addresses"));
            } else {
                renamed.add(c);
            }
        }
        Set<String> taken = new HashSet<>();
        List<Candidate> unique = new ArrayList<>(renamed.size());
        List<HostResult> duplicates = new ArrayList<>();
        for (Candidate c : renamed) {
            if (taken.add(key(c.name()))) {
                unique.add(c);
            } else {
                duplicates.add(c.result(Outcome.DUPLICATE, "name '" + c.name() + "' is already published for another address"));
            }
        }
        return new Result(List.copyOf(unique), List.copyOf(duplicates));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
