package dev.dhcpharvester.selection;

import dev.dhcpharvester.source.BindingState;
import dev.dhcpharvester.source.Ipv4;
import dev.dhcpharvester.source.Lease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps the newest lease per address as leases stream in (dhcpd appends, so a later entry
 * supersedes an earlier one) and selects those in force at an instant. Memory grows with the
 * number of addresses, not with the size of the lease file.
 *
 * <p>A lease is in force when its binding state is {@code active} (or absent, as in dhcpd
 * without failover before 3.1), it is not marked abandoned, and {@code starts <= at < ends}.
 * {@code free} and {@code backup} addresses are unallocated; {@code expired}, {@code released}
 * and {@code reset} leases have ended even if their recorded end is later; {@code abandoned}
 * addresses were found in use by an unknown host. None of those are published.
 */
public final class LeaseSelector implements Consumer<Lease> {

    private static final Comparator<Lease> BY_ADDRESS = Comparator.comparingLong(l -> Ipv4.parse(l.address()));

    private final Map<String, Lease> newest = new HashMap<>();
    private int leasesRead;

    @Override
    public void accept(Lease lease) {
        newest.put(lease.address(), lease);
        leasesRead++;
    }

    /** Whether a lease is in force at the instant. */
    public static boolean inForce(Lease lease, Instant at) {
        return (lease.state() == BindingState.ACTIVE || lease.state() == BindingState.UNSPECIFIED)
                && !lease.abandoned() && lease.coversInstant(at);
    }

    /**
     * The leases in force at {@code at}, with the reservations added (a reservation wins over a
     * dynamic lease for the same address, since fixed addresses are the operator's own word),
     * sorted by address.
     */
    public Selection select(Instant at, List<Lease> reservations) {
        Map<String, Lease> chosen = new HashMap<>();
        for (Lease lease : newest.values()) {
            if (inForce(lease, at)) {
                chosen.put(lease.address(), lease);
            }
        }
        int dynamic = chosen.size();
        for (Lease reservation : reservations) {
            chosen.put(reservation.address(), reservation);
        }
        List<Lease> sorted = new ArrayList<>(chosen.values());
        sorted.sort(BY_ADDRESS);
        return new Selection(List.copyOf(sorted), leasesRead, newest.size(), dynamic, reservations.size());
    }
}
