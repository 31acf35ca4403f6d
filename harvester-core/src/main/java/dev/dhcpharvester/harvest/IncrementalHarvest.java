package dev.dhcpharvester.harvest;

import dev.dhcpharvester.naming.Candidate;
import dev.dhcpharvester.naming.NameClaims;
import dev.dhcpharvester.naming.Naming;
import dev.dhcpharvester.publication.ForwardFragment;
import dev.dhcpharvester.publication.IncludePublisher;
import dev.dhcpharvester.publication.IncludeResult;
import dev.dhcpharvester.publication.PublicationException;
import dev.dhcpharvester.publication.PublishedHost;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.publication.ddns.DdnsSettings;
import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import dev.dhcpharvester.selection.LeaseFileFollower;
import dev.dhcpharvester.selection.LeaseSelector;
import dev.dhcpharvester.selection.Selection;
import dev.dhcpharvester.source.AddressOrdered;
import dev.dhcpharvester.source.Addresses;
import dev.dhcpharvester.source.Lease;
import dev.dhcpharvester.util.InParallel;
import dev.dhcpharvester.verification.ProbeMemory;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

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

    /** One harvest's account: the hosts in address order, the fragment, and the counts; {@code probed}: hosts probed. */
    record Cycle(List<HostResult> hosts, ForwardFragment fragment, Map<Outcome, Integer> outcomes, int inForce,
            int activeLeases, int leasesRead, int addresses, int changed, int probed) {
    }

    /**
     * Verification (-y) as the harvest runs it: probes addresses and returns those that answered.
     * Answers are kept in {@code memory} (the daemon's, which outlives a fresh start) for one
     * period; then the host is probed again at the next harvest.
     */
    interface Probe {
        Set<String> reachable(List<String> addresses) throws IOException, InterruptedException;

        String description();

        ProbeMemory memory();
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
    /**
     * Dynamic DNS mode: each address whose published host changed since the last publication,
     * with its row as it was then (null: none was published); the next publication sends only these.
     */
    private final Map<String, Row> unsent = new HashMap<>();
    /** Whether DNS took every name of the last publication: if not, the next one converges on every host. */
    private boolean converged;
    /** Starts and ends after {@link #at} of the leases kept; stale ones only cost a look at their address. */
    private PriorityQueue<Event> timeline = new PriorityQueue<>();
    /** With -y: when each candidate's answer was given, oldest first (entries the memory no longer holds are skipped). */
    private final PriorityQueue<Event> probes = new PriorityQueue<>();
    /** With -y: the answers kept (the daemon's probe memory), else null. */
    private ProbeMemory memory;
    /** With -y: candidates of this harvest waiting for their probe, by address. */
    private final Map<String, Candidate> unprobed = new HashMap<>();

    IncrementalHarvest(LeaseFileFollower follower) {
        this.follower = follower;
    }

    /**
     * Brings the hosts up to the follower's leases (already refreshed) at {@code instant}; with -y,
     * {@code probe} verifies the hosts that need it at the wall-clock time {@code now}.
     */
    Cycle advance(HarvestConfig settings, List<Lease> reservationList, Instant instant, Probe probe, Instant now)
            throws IOException, InterruptedException {
        LeaseSelector leases = follower.leases();
        Set<String> changed = follower.drainChanges();
        memory = probe == null ? null : probe.memory();
        if (settings != config || !reservationList.equals(reservations) || at == null || instant.isBefore(at)) {
            return start(settings, reservationList, leases, instant, probe, now);
        }
        Map<String, HostResult> results = new HashMap<>();
        if (changed == null) { // read whole (dhcpd rewrote its file): what changed is found by comparing
            changed = rebase(leases, instant, results);
        }
        changed = new HashSet<>(changed);
        while (!timeline.isEmpty() && !timeline.peek().time().isAfter(instant)) {
            changed.add(timeline.poll().address());
        }
        at = instant;

        Map<String, PublishedHost> published = new HashMap<>();
        for (String address : changed) {
            decide(address, leases, results, published);
        }
        int probed = probe == null ? 0 : verify(probe, now, results, published);
        claims.settle().forEach((address, resolution) -> {
            Row row = rows.get(address);
            if (resolution != null && row != null) {
                Row settled = resolution.unique() != null
                        ? new Row(row.lease(), row.covering(), resolution.unique().published(), new PublishedHost(
                                resolution.unique().name(), address, row.lease().mac()))
                        : new Row(row.lease(), row.covering(), resolution.duplicate(), null);
                replace(address, row, settled, results, published);
            }
        });
        hosts = hosts.with(results);
        fragment = fragment.with(published);
        return new Cycle(hosts.list(), fragment, new EnumMap<>(outcomes), rows.size(), covering, leases.leasesRead(),
                leases.addresses(), changed.size(), probed);
    }

    /**
     * After a whole read of the followed file (a rewrite: every block at another line), takes each
     * host whose lease is the same but for where it was read as it is, its report line pointing at
     * the new place, and returns the addresses to decide again: those whose lease in force changed
     * or went. The timeline is made again from the leases read.
     */
    private Set<String> rebase(LeaseSelector leases, Instant instant, Map<String, HostResult> results) {
        List<Event> events = new ArrayList<>();
        leases.forEachLease(lease -> addEvents(lease, events));
        timeline = new PriorityQueue<>(events);
        Set<String> changed = new HashSet<>();
        Set<String> inForce = new HashSet<>();
        for (Lease lease : leases.selectAt(instant, reservations).inForce()) {
            String address = lease.address();
            inForce.add(address);
            Row row = rows.get(address);
            if (row == null || reserved.containsKey(address) || !row.lease().sameExceptOrigin(lease)) {
                changed.add(address);
            } else if (!row.lease().origin().equals(lease.origin())) {
                HostResult was = row.result();
                HostResult moved = new HostResult(was.name(), was.address(), was.mac(), was.requestedName(),
                        was.outcome(), was.reason(), lease.origin());
                rows.put(address, new Row(lease, row.covering(), moved, row.published()));
                results.put(address, moved);
                claims.relabel(lease);
            }
        }
        for (String address : rows.keySet()) {
            if (!inForce.contains(address)) {
                changed.add(address);
            }
        }
        return changed;
    }

    /**
     * Probes the candidates decided again in this harvest, and those whose last answer is older
     * than the probe's age limit (as a whole harvest with the daemon's probe memory would): one
     * that answers goes to the name claims, one that does not is set aside as unreachable.
     * Returns how many were probed.
     */
    private int verify(Probe probe, Instant now, Map<String, HostResult> results, Map<String, PublishedHost> published)
            throws IOException, InterruptedException {
        java.time.Duration maxAge = probe.memory().maxAge();
        while (!probes.isEmpty() && !probes.peek().time().plus(maxAge).isAfter(now)) {
            Event due = probes.poll();
            Row row = rows.get(due.address());
            if (row != null && due.time().equals(probe.memory().answeredAt(due.address()))
                    && !unprobed.containsKey(due.address())) {
                Candidate again = naming.name(row.lease()).candidate(); // a candidate when probed: still one
                if (again != null) {
                    unprobed.put(due.address(), again);
                }
            }
        }
        if (unprobed.isEmpty()) {
            return 0;
        }
        List<Candidate> candidates = new ArrayList<>(unprobed.values());
        unprobed.clear();
        Answers answers = answers(probe, candidates, now);
        for (Candidate candidate : candidates) {
            String address = candidate.lease().address();
            if (answers.alive().contains(address)) {
                claims.put(address, candidate);
            } else {
                claims.put(address, null);
                Row row = rows.get(address);
                replace(address, row, new Row(row.lease(), row.covering(), candidate.result(Outcome.UNREACHABLE,
                        "did not answer " + probe.description()), null), results, published);
            }
        }
        return answers.probed();
    }

    /** Which candidates answered, and how many were probed (the others' answers remembered). */
    private record Answers(Set<String> alive, int probed) {
    }

    /**
     * The candidates' answers: remembered for a lease unchanged since its answer within one
     * period, else probed now and remembered; each answer's age is queued.
     */
    private Answers answers(Probe probe, List<Candidate> candidates, Instant now) throws IOException, InterruptedException {
        List<Lease> leases = new ArrayList<>(candidates.size());
        candidates.forEach(c -> leases.add(c.lease()));
        Map<String, Boolean> known = probe.memory().recall(leases, now);
        List<Lease> toProbe = new ArrayList<>();
        for (Lease lease : leases) {
            if (!known.containsKey(lease.address())) {
                toProbe.add(lease);
            }
        }
        List<String> addresses = Addresses.sortedByAddress(toProbe, Lease::address).stream().map(Lease::address).toList();
        Set<String> reachable = addresses.isEmpty() ? Set.of() : probe.reachable(addresses);
        probe.memory().put(toProbe, reachable, now);
        Set<String> alive = new java.util.HashSet<>(reachable);
        known.forEach((address, answered) -> {
            if (answered) {
                alive.add(address);
            }
        });
        for (Lease lease : leases) {
            probes.add(new Event(probe.memory().answeredAt(lease.address()), lease.address()));
        }
        return new Answers(alive, toProbe.size());
    }

    /**
     * Publishes this harvest's hosts by dynamic updates: after a fresh start, or a publication that
     * stopped part way (an error, not a name's failure), every host, as a whole harvest does, with
     * the state file telling what is already there; otherwise only the names that changed since,
     * and those whose update failed last time (a server down, a refusal), which are tried again.
     * A name left alone for a conflict is tried again at the next whole publication.
     */
    DdnsPublisher.Result publish(DdnsSettings settings) throws IOException, PublicationException {
        boolean whole = !converged;
        converged = false; // until this publication has run to its end
        Map<String, Row> sending = new HashMap<>(unsent);
        unsent.clear();
        if (whole) {
            List<Candidate> every = new ArrayList<>(fragment.size());
            for (HostResult host : hosts.list()) {
                Row row = rows.get(host.address());
                if (row.published() != null) {
                    every.add(new Candidate(row.lease(), row.published().name(), null));
                }
            }
            DdnsPublisher.Result result = DynamicDns.publish(settings, every, Set.of());
            converged = result.count("failed") == 0; // a name that failed may be one to remove: converge again
            return result;
        }
        List<Candidate> adds = new ArrayList<>();
        List<Candidate> removes = new ArrayList<>();
        sending.forEach((address, before) -> {
            Row now = rows.get(address);
            if (before != null) {
                removes.add(new Candidate(before.lease(), before.published().name(), null));
            }
            if (now != null && now.published() != null) {
                adds.add(new Candidate(now.lease(), now.published().name(), null));
            }
        });
        DdnsPublisher.Result result = DynamicDns.apply(settings, adds, removes);
        converged = true;
        for (DdnsPublisher.HostOutcome outcome : result.outcomes()) {
            // a failed add carries the host's address, a failed removal the address it had: send that address's change again
            if (outcome.action().equals("failed") && sending.containsKey(outcome.address())) {
                unsent.putIfAbsent(outcome.address(), sending.get(outcome.address()));
            }
        }
        return result;
    }

    /** Publishes this harvest's fragment, and remembers it as the file's content. */
    IncludeResult publish(IncludePublisher publisher) throws PublicationException {
        IncludeResult result = publisher.publish(fragment, written);
        // on a failure the old record stays: its stamp tells whether the file still holds that version
        written = publisher.published(fragment);
        return result;
    }

    /**
     * The first instant after {@code after} when a lease kept starts or ends, or null; an earlier
     * one when a start or end since the last harvest still waits for the next.
     */
    Instant nextChangeAfter(Instant after) {
        Event next = timeline.peek();
        return next == null ? null : next.time();
    }

    /**
     * Forgets every host and takes them all from the leases at once, as a whole harvest does
     * (after a whole read, other settings or reservations, or time going back).
     */
    private Cycle start(HarvestConfig settings, List<Lease> reservationList, LeaseSelector leases, Instant instant,
            Probe probe, Instant now) throws IOException, InterruptedException {
        config = settings;
        reservations = List.copyOf(reservationList);
        reserved = new HashMap<>();
        reservations.forEach(r -> reserved.put(r.address(), r));
        naming = new Naming(settings.names(), settings.ddns() != null ? settings.ddns().forwardZones().get(0)
                : settings.include().zone(), settings.ddns() != null);
        claims = new NameClaims(settings.ddns() == null); // a name holds one address in dynamic mode, one per family in a fragment
        unsent.clear();
        converged = false;
        probes.clear();
        unprobed.clear();
        rows.clear();
        outcomes.clear();
        at = instant;
        Selection selection = leases.selectAt(instant, reservations); // in address order, reservations in place
        List<Event> events = new ArrayList<>();
        leases.forEachLease(lease -> addEvents(lease, events)); // leases made by the selection, on every core
        timeline = new PriorityQueue<>(events); // made a heap in one pass
        covering = selection.activeLeases();
        List<Naming.Named> named = new ArrayList<>(InParallel.map(selection.inForce(), naming::name));
        int probed = 0;
        if (probe != null) { // every candidate's answer, remembered or probed; those that do not answer are set aside
            List<Candidate> all = new ArrayList<>();
            named.forEach(one -> {
                if (one.candidate() != null) {
                    all.add(one.candidate());
                }
            });
            Answers answers = answers(probe, all, now);
            for (int i = 0; i < named.size(); i++) {
                Candidate candidate = named.get(i).candidate();
                if (candidate != null && !answers.alive().contains(candidate.lease().address())) {
                    named.set(i, new Naming.Named(null, candidate.result(Outcome.UNREACHABLE,
                            "did not answer " + probe.description())));
                }
            }
            probed = answers.probed();
        }
        List<Candidate> candidates = new ArrayList<>(selection.inForce().size());
        for (Naming.Named one : named) {
            if (one.candidate() != null) {
                candidates.add(one.candidate());
            }
        }
        Iterator<NameClaims.Resolution> resolutions = claims.start(candidates).iterator();
        List<HostResult> results = new ArrayList<>(named.size());
        List<PublishedHost> published = new ArrayList<>(candidates.size());
        for (int i = 0; i < named.size(); i++) {
            Lease lease = selection.inForce().get(i);
            HostResult result = named.get(i).setAside();
            PublishedHost host = null;
            if (result == null) {
                NameClaims.Resolution resolution = resolutions.next();
                result = resolution.unique() != null ? resolution.unique().published() : resolution.duplicate();
                host = resolution.unique() == null ? null
                        : new PublishedHost(resolution.unique().name(), lease.address(), lease.mac());
            }
            // a lease in force covers the instant; a reservation may stand where none does
            boolean covers = !reserved.containsKey(lease.address()) || coveredAt(leases.lease(lease.address()), instant);
            rows.put(lease.address(), new Row(lease, covers, result, host));
            count(result, 1);
            results.add(result);
            if (host != null) {
                published.add(host);
            }
        }
        hosts = AddressOrdered.inOrder(results, HostResult::address);
        fragment = ForwardFragment.of(published);
        return new Cycle(hosts.list(), fragment, new EnumMap<>(outcomes), rows.size(), covering, leases.leasesRead(),
                leases.addresses(), rows.size(), probed);
    }

    private static boolean coveredAt(Lease held, Instant instant) {
        return held != null && held.coversInstant(instant);
    }

    /** Adds a lease's start and end after {@link #at}: when its host's fate may change. */
    private void addEvents(Lease lease, Collection<Event> events) {
        if (lease.starts() != null && lease.starts().isAfter(at)) {
            events.add(new Event(lease.starts(), lease.address()));
        }
        if (lease.ends() != null && lease.ends().isAfter(at)) {
            events.add(new Event(lease.ends(), lease.address()));
        }
    }

    private void schedule(Lease lease) {
        if (lease != null) {
            addEvents(lease, timeline);
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
            unprobed.remove(address);
            if (memory != null) {
                memory.forget(address); // gone: probed afresh if it comes back
            }
            replace(address, row, null, results, published);
            return;
        }
        Naming.Named named = naming.name(inForce);
        if (named.candidate() != null && config.verify() != null) {
            unprobed.put(address, named.candidate()); // it claims its name once it has answered
            claims.put(address, null);
        } else {
            unprobed.remove(address);
            claims.put(address, named.candidate());
        }
        // a candidate's result and record come when the claims settle (or its probe goes unanswered)
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
        if (config.ddns() != null && (oldHost != null || newHost != null) && !unsent.containsKey(address)) {
            unsent.put(address, oldHost == null ? null : before); // as DNS last had it
        }
    }

    private void count(HostResult result, int delta) {
        if (result != null) {
            outcomes.merge(result.outcome(), delta, Integer::sum);
        }
    }
}
