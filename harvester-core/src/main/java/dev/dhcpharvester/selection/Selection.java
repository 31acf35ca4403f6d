package dev.dhcpharvester.selection;

import dev.dhcpharvester.source.Lease;
import java.util.List;

/**
 * The leases in force at the harvest instant, sorted by address.
 *
 * @param inForce      leases and reservations to publish, one per address
 * @param leasesRead   lease blocks read, superseded ones included
 * @param addresses    distinct addresses in the lease file
 * @param activeLeases dynamic leases in force
 * @param reservations reservations read
 */
public record Selection(List<Lease> inForce, int leasesRead, int addresses, int activeLeases, int reservations) {
}
