package dev.dhcpharvester.publication;

import java.nio.file.Path;

/**
 * Include-mode publication settings.
 *
 * @param dest        the fragment file the zone {@code $INCLUDE}s, or null to print to standard output
 * @param reverse     the PTR fragments, one per reverse zone (none: no PTR records)
 * @param zone        the forward zone (origin of the PTR targets; the zone rndc reloads)
 * @param reload      whether to run rndc reload after a change (CORD's {@code -u})
 * @param rndc        how to run rndc
 * @param bumpSerial  the zone file whose SOA serial to raise before a reload, or null
 * @param maxRemoval  the largest share of published hosts one harvest may remove without {@code force}
 * @param force       publish even when more than {@code maxRemoval} would be removed
 */
public record IncludeOptions(Path dest, java.util.List<ReverseFragment> reverse, String zone, boolean reload, RndcOptions rndc,
        Path bumpSerial, double maxRemoval, boolean force) {

    public IncludeOptions {
        reverse = reverse == null ? java.util.List.of() : java.util.List.copyOf(reverse);
    }
}
