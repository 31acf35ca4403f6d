package dev.dhcpharvester.publication;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What include-mode publication did to DNS.
 *
 * @param dest           the fragment written ("-" for standard output)
 * @param records        address records in it
 * @param removed        records of the previous fragment that this one no longer holds
 * @param written        whether the fragment changed (false: identical, left alone)
 * @param reverseDest    the PTR fragment, or null
 * @param reverseWritten whether the PTR fragment changed
 * @param serial         the SOA serial raised, or null
 * @param reload         the rndc reload, or null when none was needed or asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncludeResult(String dest, int records, int removed, boolean written, String reverseDest,
        boolean reverseWritten, Serial serial, Reload reload) {

    /** @param file zone file; @param from serial before; @param to serial after */
    public record Serial(String file, long from, long to) {
    }

    /** @param command what ran; @param succeeded whether rndc said so; @param message rndc's words */
    public record Reload(String command, boolean succeeded, String message) {
    }
}
