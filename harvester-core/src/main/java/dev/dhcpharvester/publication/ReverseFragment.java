package dev.dhcpharvester.publication;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the PTR records of one reverse zone go.
 *
 * @param zone the in-addr.arpa or ip6.arpa zone whose records the file holds, or null for every IPv4
 *             address (the file then suits any in-addr.arpa zone that covers them)
 * @param file       the fragment that zone's file {@code $INCLUDE}s
 * @param bumpSerial the zone's own file, whose SOA serial to raise before a reload (so its
 *                   secondaries are notified), or null
 */
public record ReverseFragment(String zone, Path file, Path bumpSerial) {

    public ReverseFragment(String zone, Path file) {
        this(zone, file, null);
    }

    /** This fragment with its zone file's serial raised before each reload. */
    public ReverseFragment withBumpSerial(Path zoneFile) {
        return new ReverseFragment(zone, file, zoneFile);
    }

    /**
     * {@code ZONE=FILE} when the text starts with a reverse zone's name and '=', else a plain file for
     * every IPv4 address (a file name may itself hold '=').
     */
    public static ReverseFragment parse(String text, java.util.function.Function<String, Path> path) {
        String zone = zoneOf(text);
        return zone == null ? new ReverseFragment(null, path.apply(text))
                : new ReverseFragment(zone, path.apply(text.substring(text.indexOf('=') + 1).strip()));
    }

    /** The reverse zone of a {@code ZONE=FILE} text, normalised; null for a plain file. */
    public static String zoneOf(String text) {
        int eq = text.indexOf('=');
        if (eq > 0) {
            String zone = text.substring(0, eq).strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            if (zone.endsWith("in-addr.arpa") || zone.endsWith("ip6.arpa")) {
                return zone;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return zone == null ? file.toString() : zone + "=" + file;
    }
}
