package dev.dhcpharvester.harvest;

import dev.dhcpharvester.naming.NameClaims;
import dev.dhcpharvester.naming.Naming;
import dev.dhcpharvester.publication.ForwardFragment;
import dev.dhcpharvester.publication.IncludePublisher;
import dev.dhcpharvester.publication.IncludeResult;
import dev.dhcpharvester.publication.PublicationException;
import dev.dhcpharvester.publication.PublishedHost;
import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import dev.dhcpharvester.selection.LeaseFileFollower;
import dev.dhcpharvester.selection.LeaseSelector;
import dev.dhcpharvester.source.AddressOrdered;
import dev.dhcpharvester.source.Lease;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What watch mode keeps from one harvest of a followed lease file to the next, so that a
 * harvest's cost follows what changed, not the file: the hosts in force with their names and
 * outcomes, the name claims, the fragment, and when each lease next starts or ends. A harvest
 * takes the addresses the follower saw appended and those whose lease started or ended since the
 * last harvest, and decides only those (and the hosts whose names meet theirs) again. The result
 * equals a whole harvest of the same file at the same instant; anything it cannot follow (a
 * rewritten file, other settings or reservations, time going backwards) starts it afresh.
 *
 * <p>Not thread-safe: the daemon runs one harvest at a time.
 */
final class IncrementalHarvest {

    /** One harvest's account: the hosts in address order, the fragment, and the counts. */
    record Cycle(List<HostResult> hosts, ForwardFragment fragment, Map<Outcome, Integer> outcomes, int inForce,
            int activeLeases, int leasesRead, int addresses, int changed) {
    }

    /** A host in force: its lease (or reservation), whether a lease of it covers the instant, and its fate. */
    private record Row(Lease lease, boolean covering, HostResult result, PublishedHost published) {
    }

    /** A lease's start or end, when the host's fate may change without a write to the file. */
    private record Event(Instant time, String address) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int c = time.compareTo(other.time);
            return c != 0 ? c : address.compareTo(other.address);
        }
    }

    private final LeaseFileFollower follower;

    private HarvestConfig config;
    private List<Lease> reservations;
    private Map<String, Lease> reserved;
    private Instant at;
    private Naming naming;
    private NameClaims claims;
    private final Map<String, Row> rows = new HashMap<>();
    private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    private int covering;
    private AddressOrdered<HostResult> hosts;
    private ForwardFragment fragment;
    /** The version last published to the fragment file, as far as this harvest knows; null: unknown. */
    private IncludePublisher.Published written;
    /** Starts and ends after {@link #at} of the leases kept; stale ones only cost a look at their address. */
    private final TreeSet<Event> timeline = new TreeSet<>();

    IncrementalHarvest(LeaseFileFollower follower) {
        this.follower = follower;
    }

    /** Brings the hosts up to the follower's leases (already refreshed) at {@code instant}. */
    Cycle advance(HarvestConfig settings, List<Lease> reservationList, Instant instant) {
        LeaseSelector leases = follower.leases();
        Set<String> changed = follower.drainChanges();
        if (changed == null || settings != config || !reservationList.equals(reservations) || at == null
                || instant.isBefore(at)) {
            changed = start(settings, reservationList, leases);
            at = instant;
        } else {
            changed = new HashSet<>(changed);
            while (!timeline.isEmpty() && !timeline.first().time().isAfter(instant)) {
                changed.add(timeline.pollFirst().address());
            }
            at = instant;
        }

        Map<String, HostResult> results = new HashMap<>();
        Map<String, PublishedHost> published = new HashMap<>();
        for (String address : changed) {
            decide(address, leases, results, published);
        }
        claims.settle().forEach((address, resolution) -> {
            Row row = rows.get(address);
            if (resolution != null && row != null) {
                Row now = resolution.unique() != null
                        ? new Row(row.lease(), row.covering(), resolution.unique().published(), new PublishedHost(
                                resolution.unique().name(), address, row.lease().mac()))
                        : new Row(row.lease(), row.covering(), resolution.duplicate(), null);
                replace(address, row, now, results, published);
            }
        });
        hosts = hosts.with(results);
        fragment = fragment.with(published);
        return new Cycle(hosts.list(), fragment, new EnumMap<>(outcomes), rows.size(), covering, leases.leasesRead(),
                leases.addresses(), changed.size());
    }

    /** Publishes this harvest's fragment, and remembers it as the file's content. */
    IncludeResult publish(IncludePublisher publisher) throws PublicationException {
        IncludeResult result = publisher.publish(fragment, written);
        // on a failure the old record stays: its stamp tells whether the file still holds that version
        written = publisher.published(fragment);
        return result;
    }

    /** The first instant after {@code after} when a lease kept starts or ends, or null. */
    Instant nextChangeAfter(Instant after) {
        Event next = timeline.ceiling(new Event(after.plusNanos(1), ""));
        return next == null ? null : next.time();
    }

    /** Forgets every host and takes them all from the leases: returns the addresses to decide. */
    private Set<String> start(HarvestConfig settings, List<Lease> reservationList, LeaseSelector leases) {
        config = settings;
        reservations = List.copyOf(reservationList);
        reserved = new HashMap<>();
        reservations.forEach(r -> reserved.put(r.address(), r));
        naming = new Naming(settings.names(), settings.include().zone());
        claims = new NameClaims(true);
        rows.clear();
        outcomes.clear();
        covering = 0;
        hosts = AddressOrdered.empty(HostResult::address);
        fragment = ForwardFragment.empty();
        timeline.clear();
        Set<String> all = new HashSet<>(reserved.keySet());
        leases.forEachLease(lease -> all.add(lease.address()));
        return all;
    }

    private void schedule(Lease lease) {
        if (lease != null) {
            for (Instant t : new Instant[] {lease.starts(), lease.ends()}) {
                if (t != null && t.isAfter(at)) {
                    timeline.add(new Event(t, lease.address()));
                }
            }
        }
    }

    /** Decides an address's host afresh from its lease; a candidate's fate waits for the name claims. */
    private void decide(String address, LeaseSelector leases, Map<String, HostResult> results,
            Map<String, PublishedHost> published) {
        Lease held = leases.lease(address);
        schedule(held);
        boolean covers = held != null && held.coversInstant(at);
        Lease reservation = reserved.get(address);
        Lease inForce = reservation != null ? reservation : covers ? held : null;
        Row row = rows.get(address);
        if (row != null && row.lease().equals(inForce)) {
            if (row.covering() != covers) {
                covering += covers ? 1 : -1;
                rows.put(address, new Row(row.lease(), covers, row.result(), row.published()));
            }
            return;
        }
        if (inForce == null) {
            claims.put(address, null);
            replace(address, row, null, results, published);
            return;
        }
        Naming.Named named = naming.name(inForce);
        claims.put(address, named.candidate());
        // a candidate's result and record come when the claims settle
        replace(address, row, new Row(inForce, covers, named.setAside(), null), results, published);
    }

    /** Puts the address's new row (or none) in place, noting what the report and the fragment must change. */
    private void replace(String address, Row before, Row after, Map<String, HostResult> results,
            Map<String, PublishedHost> published) {
        if (before != null) {
            covering -= before.covering() ? 1 : 0;
            count(before.result(), -1);
        }
        if (after != null) {
            covering += after.covering() ? 1 : 0;
            count(after.result(), 1);
            rows.put(address, after);
        } else {
            rows.remove(address);
        }
        HostResult oldResult = before == null ? null : before.result();
        HostResult newResult = after == null ? null : after.result();
        if (!Objects.equals(oldResult, newResult) || results.containsKey(address)) {
            results.put(address, newResult);
        }
        PublishedHost oldHost = before == null ? null : before.published();
        PublishedHost newHost = after == null ? null : after.published();
        if (!Objects.equals(oldHost, newHost) || published.containsKey(address)) {
            published.put(address, newHost);
        }
    }

    private void count(HostResult result, int delta) {
        if (result != null) {
            outcomes.merge(result.outcome(), delta, Integer::sum);
        }
    }
}
