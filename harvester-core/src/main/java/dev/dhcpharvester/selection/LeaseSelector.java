package dev.dhcpharvester.selection;

import dev.dhcpharvester.source.Addresses;
import dev.dhcpharvester.source.BindingState;
import dev.dhcpharvester.source.Ipv4;
import dev.dhcpharvester.source.Ipv6;
import dev.dhcpharvester.source.Lease;
import dev.dhcpharvester.source.LeaseBlock;
import dev.dhcpharvester.util.InParallel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps the newest lease per address as leases stream in (dhcpd appends, so a later entry
 * supersedes an earlier one) and selects those in force at the harvest instant. Only blocks in
 * force are kept as leases, so memory grows with the hosts, not with the size of the lease file.
 *
 * <p>A lease is in force when its binding state is {@code active} (or absent, as in dhcpd
 * without failover before 3.1), it is not marked abandoned, and {@code starts <= at < ends}.
 * {@code free} and {@code backup} addresses are unallocated; {@code expired}, {@code released}
 * and {@code reset} leases have ended even if their recorded end is later; {@code abandoned}
 * addresses were found in use by an unknown host. None of those are published.
 */
public final class LeaseSelector implements Consumer<LeaseBlock> {

    private final Instant asOf;
    private final long asOfSecond;
    private final AddressTable newest = new AddressTable();
    /** IPv6 addresses (canonical text) to newest lease; null marks one not in force, as in {@link AddressTable}. */
    private final Map<String, Lease> newest6 = new HashMap<>();
    private int leasesRead;
    /** Addresses given a new entry since the last {@link #drainChanged}, when recording; else null. */
    private java.util.Set<String> changed;

    /** A selector for one harvest: it keeps only the leases in force at {@code asOf}. */
    public LeaseSelector(Instant asOf) {
        this.asOf = asOf;
        this.asOfSecond = asOf.getEpochSecond();
    }

    private LeaseSelector() {
        this.asOf = null;
        this.asOfSecond = 0;
    }

    /**
     * A selector that lives across harvests (watch mode): it keeps every active lease whatever its
     * times, and judges them at each harvest's instant with {@link #selectAt}, so that leases that
     * end between two reads of the file end on time.
     */
    public static LeaseSelector following() {
        return new LeaseSelector();
    }

    /** Lease entries read so far, superseded ones included. */
    public int leasesRead() {
        return leasesRead;
    }

    /**
     * Counts blocks a read passed over, superseded by a later block for their address (see
     * {@link dev.dhcpharvester.source.IscLeaseParser#parseNewestInParts}), as read.
     */
    public void countSuperseded(int blocks) {
        leasesRead += blocks;
    }

    /** Takes the next block of a lease file. */
    @Override
    public void accept(LeaseBlock block) {
        boolean keep = asOf == null ? block.activeState() : block.inForceAt(asOfSecond);
        if (block.address6() != null) {
            newest6.put(block.address6(), keep ? block.toLease() : null);
        } else {
            newest.put(block.address(), keep ? block.toLease() : null);
        }
        if (changed != null) {
            changed.add(block.address6() != null ? block.address6() : Ipv4.format(block.address() & 0xffff_ffffL));
        }
        leasesRead++;
    }

    /**
     * One selector for a file read in parts: each part's selector in file order, with the line
     * its part starts at. Later parts supersede earlier ones, as later entries in the file do.
     */
    public static LeaseSelector combine(List<LeaseSelector> parts, List<Integer> firstLines) {
        LeaseSelector first = parts.get(0);
        InParallel.eachOf(parts, part -> part.newest.settle()); // each part's sort on a core of its own
        for (int k = 1; k < parts.size(); k++) {
            int firstLine = firstLines.get(k);
            first.newest.putAll(parts.get(k).newest, firstLine);
            parts.get(k).newest6.forEach((address, lease) -> first.newest6.put(address,
                    lease == null ? null : lease.inPartFrom(firstLine)));
            first.leasesRead += parts.get(k).leasesRead;
        }
        return first;
    }

    /**
     * From now on, remembers which addresses get a new entry (watch mode: what an append changed),
     * until {@link #drainChanged} hands them over. Off for a whole read, which changes everything.
     */
    public void recordChanges() {
        changed = new java.util.HashSet<>();
    }

    /** The addresses given a new entry since recording began or the last call; empty when not recording. */
    public java.util.Set<String> drainChanged() {
        if (changed == null || changed.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<String> out = changed;
        changed = new java.util.HashSet<>();
        return out;
    }

    /** The newest entry's lease for an address if it is kept (see {@link #accept}), else null. */
    public Lease lease(String address) {
        if (Ipv6.isIpv6(address)) {
            return newest6.get(address);
        }
        long v4 = Ipv4.parse(address);
        return v4 < 0 ? null : newest.get((int) v4);
    }

    /** Each lease kept, in no particular order. */
    public void forEachLease(Consumer<Lease> action) {
        newest.forEachLease(action);
        for (Lease lease : newest6.values()) {
            if (lease != null) {
                action.accept(lease);
            }
        }
    }

    /** Distinct addresses seen, whether or not their newest entry is kept. */
    public int addresses() {
        return newest.size() + newest6.size();
    }

    /** Takes the next lease from a source that reads whole leases. */
    public void add(Lease lease) {
        boolean keep = asOf == null ? activeState(lease) : inForce(lease, asOf);
        put(lease.address(), keep ? lease : null);
        leasesRead++;
    }

    private void put(String address, Lease lease) {
        if (changed != null) {
            changed.add(address);
        }
        if (Ipv6.isIpv6(address)) {
            newest6.put(address, lease);
        } else {
            newest.put((int) Ipv4.parse(address), lease);
        }
    }

    private int held() {
        int held6 = 0;
        for (Lease lease : newest6.values()) {
            held6 += lease == null ? 0 : 1;
        }
        return newest.held() + held6;
    }

    /** The leases held, IPv4 then IPv6, each in address order. */
    private List<Lease> leasesByAddress() {
        List<Lease> v4 = newest.leasesByAddress();
        if (newest6.isEmpty()) {
            return v4;
        }
        List<Lease> all = new ArrayList<>(v4.size() + newest6.size());
        all.addAll(v4);
        List<Lease> v6 = new ArrayList<>(newest6.size());
        for (Lease lease : newest6.values()) {
            if (lease != null) {
                v6.add(lease);
            }
        }
        v6.sort(java.util.Comparator.comparing(Lease::address, Addresses.ORDER));
        all.addAll(v6);
        return all;
    }

    private static boolean activeState(Lease lease) {
        return (lease.state() == BindingState.ACTIVE || lease.state() == BindingState.UNSPECIFIED) && !lease.abandoned();
    }

    /** Whether a lease is in force at the instant. */
    public static boolean inForce(Lease lease, Instant at) {
        return activeState(lease) && lease.coversInstant(at);
    }

    /**
     * The leases in force, with the reservations added (a reservation wins over a dynamic lease
     * for the same address, since fixed addresses are the operator's own word), sorted by address.
     */
    public Selection select(List<Lease> reservations) {
        int active = held();
        int addresses = newest.size() + newest6.size();
        for (Lease reservation : reservations) {
            put(reservation.address(), reservation);
        }
        return new Selection(leasesByAddress(), leasesRead, addresses, active, reservations.size());
    }

    /**
     * The leases of a {@link #following()} selector in force at {@code at}, with the reservations,
     * sorted by address; the selector is left as it was, for the next harvest.
     */
    public Selection selectAt(Instant at, List<Lease> reservations) {
        Map<String, Lease> reserved = new HashMap<>();
        for (Lease reservation : reservations) {
            reserved.put(reservation.address(), reservation);
        }
        List<Lease> inForce = new ArrayList<>(held() + reservations.size());
        int active = 0;
        for (Lease lease : leasesByAddress()) {
            if (lease.coversInstant(at)) {
                active++;
                if (reserved.isEmpty() || !reserved.containsKey(lease.address())) {
                    inForce.add(lease);
                }
            }
        }
        if (!reservations.isEmpty()) {
            inForce.addAll(reserved.values());
            inForce = Addresses.sortedByAddress(inForce, Lease::address);
        }
        // not copied again: 170,000 leases on every watch-mode cycle; no one else holds this list
        return new Selection(java.util.Collections.unmodifiableList(inForce), leasesRead, newest.size() + newest6.size(),
                active, reservations.size());
    }

    /**
     * The first instant after {@code at} when a lease kept here starts or ends: the time to look
     * again when the file does not change (watch mode unpublishes a lease when it expires).
     */
    public Instant nextChangeAfter(Instant at) {
        Instant next = null;
        for (Lease lease : leasesByAddress()) {
            for (Instant t : new Instant[] {lease.starts(), lease.ends()}) {
                if (t != null && t.isAfter(at) && (next == null || t.isBefore(next))) {
                    next = t;
                }
            }
        }
        return next;
    }
}
