package dev.dhcpharvester.report;

import dev.dhcpharvester.source.Lease;

/**
 * One candidate host and what became of it.
 *
 * @param name          the name published or considered (null when rejected)
 * @param address       IPv4 address
 * @param mac           hardware address, or empty
 * @param requestedName the name the client or reservation gave, as decoded, or empty
 * @param outcome       what happened to it
 * @param reason        why, for every outcome but {@code published}
 * @param source        file and line of the lease or reservation (written as {@code file:line})
 */
public record HostResult(String name, String address, String mac, String requestedName, Outcome outcome,
        String reason, Lease.Origin source) {
}
