package dev.dhcpharvester.publication;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What include-mode publication did to DNS.
 *
 * @param dest           the fragment written ("-" for standard output)
 * @param records        address records in it
 * @param removed        records of the previous fragment that this one no longer holds
 * @param written        whether the fragment changed (false: identical, left alone)
 * @param reverse        the PTR fragments, one per reverse zone (empty when none was asked for)
 * @param serial         the SOA serial raised, or null
 * @param reload         the rndc reload, or null when none was needed or asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncludeResult(String dest, int records, int removed, boolean written,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<Reverse> reverse,
        Serial serial, Reload reload) {

    /**
     * @param zone    the reverse zone, or null for the fragment of every IPv4 address
     * @param file    the PTR fragment
     * @param records PTR records in it
     * @param written whether it changed
     * @param serial  the reverse zone's SOA serial raised before the reload, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reverse(String zone, String file, int records, boolean written, Serial serial) {

        /** The same, with the serial raised. */
        Reverse withSerial(Serial raised) {
            return new Reverse(zone, file, records, written, raised);
        }
    }

    /** @param file zone file; @param from serial before; @param to serial after */
    public record Serial(String file, long from, long to) {
    }

    /**
     * @param command   what ran (one rndc command per zone reloaded, separated by "; ")
     * @param succeeded whether rndc said so
     * @param message   rndc's words
     */
    public record Reload(String command, boolean succeeded, String message) {
    }
}
