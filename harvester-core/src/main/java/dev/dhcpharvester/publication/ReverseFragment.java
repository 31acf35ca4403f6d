package dev.dhcpharvester.publication;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the PTR records of one reverse zone go.
 *
 * @param zone the in-addr.arpa or ip6.arpa zone whose records the file holds, or null for every IPv4
 *             address (the file then suits any in-addr.arpa zone that covers them)
 * @param file the fragment that zone's file {@code $INCLUDE}s
 */
public record ReverseFragment(String zone, Path file) {

    /**
     * {@code ZONE=FILE} when the text starts with a reverse zone's name and '=', else a plain file for
     * every IPv4 address (a file name may itself hold '=').
     */
    public static ReverseFragment parse(String text, java.util.function.Function<String, Path> path) {
        int eq = text.indexOf('=');
        if (eq > 0) {
            String zone = text.substring(0, eq).strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            if (zone.endsWith("in-addr.arpa") || zone.endsWith("ip6.arpa")) {
                return new ReverseFragment(zone, path.apply(text.substring(eq + 1).strip()));
            }
        }
        return new ReverseFragment(null, path.apply(text));
    }

    @Override
    public String toString() {
        return zone == null ? file.toString() : zone + "=" + file;
    }
}
