package dev.dhcpharvester.harvest;

import java.io.Serializable;

/**
 * How many unreachable hosts a harvest may leave out before it counts as failed: {@code N} hosts or
 * {@code P%} of those probed. Unreachable hosts are normal (a machine powered off); a rack that
 * stopped answering is not.
 */
public record UnreachableLimit(int count, double share, String text) implements Serializable {

    /** Parses {@code 10} or {@code 5%}; null or blank means no limit (returns null). */
    public static UnreachableLimit parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            if (t.endsWith("%")) {
                double percent = Double.parseDouble(t.substring(0, t.length() - 1));
                if (percent < 0 || percent > 100) {
                    throw new NumberFormatException();
                }
                return new UnreachableLimit(-1, percent / 100, t);
            }
            int n = Integer.parseInt(t);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return new UnreachableLimit(n, -1, t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("takes a number of hosts or a percentage of those probed, e.g. 10 or 5%, not '"
                    + t + "'");
        }
    }

    /** Why {@code unreachable} of {@code probed} hosts is too many, or null when it is not. */
    public String exceededBy(int unreachable, int probed) {
        boolean exceeded = count >= 0 ? unreachable > count : probed > 0 && unreachable > probed * share;
        return exceeded ? unreachable + " of " + probed + " probed hosts did not answer, more than the limit of " + text
                : null;
    }
}
