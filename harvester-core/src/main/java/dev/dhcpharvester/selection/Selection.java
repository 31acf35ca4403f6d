package dev.dhcpharvester.selection;

import dev.dhcpharvester.source.Addresses;
import dev.dhcpharvester.source.Lease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The selections of several sources as one, with the reservations added: an address in two
     * sources is the later source's, and a reservation wins over any lease for its address (as
     * {@link LeaseSelector#select} decides for one source).
     */
    public static Selection combine(List<Selection> parts, List<Lease> reservations) {
        Map<String, Lease> byAddress = new LinkedHashMap<>();
        int read = 0;
        int addresses = 0;
        int active = 0;
        for (Selection part : parts) {
            for (Lease lease : part.inForce()) {
                byAddress.put(lease.address(), lease);
            }
            read += part.leasesRead();
            addresses += part.addresses();
            active += part.activeLeases();
        }
        for (Lease reservation : reservations) {
            byAddress.put(reservation.address(), reservation);
        }
        List<Lease> inForce = Addresses.sortedByAddress(new ArrayList<>(byAddress.values()), Lease::address);
        return new Selection(List.copyOf(inForce), read, addresses, active, reservations.size());
    }
}
