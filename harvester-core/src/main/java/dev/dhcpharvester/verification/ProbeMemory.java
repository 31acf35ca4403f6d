package dev.dhcpharvester.verification;

import dev.dhcpharvester.source.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Watch mode's memory of probe answers: a host whose lease has not changed since it was probed
 * keeps that answer for up to {@code maxAge}, so a cycle set off by one new lease probes that
 * host, not every host in force. Answers older than {@code maxAge} are asked again, so a host
 * that went away is found out within that time (the daemon passes its safety-net period, -r).
 */
public final class ProbeMemory {

    private record Answer(Lease lease, boolean alive, Instant at) {
    }

    private final Duration maxAge;
    private final Map<String, Answer> answers = new HashMap<>();

    public ProbeMemory(Duration maxAge) {
        this.maxAge = maxAge;
    }

    /** How long an answer holds. */
    public Duration maxAge() {
        return maxAge;
    }

    /** The remembered answers, by address, of the leases that have not changed and were probed recently enough. */
    public synchronized Map<String, Boolean> recall(Collection<Lease> leases, Instant now) {
        Map<String, Boolean> known = new HashMap<>();
        for (Lease lease : leases) {
            Answer answer = answers.get(lease.address());
            if (answer != null && answer.lease().equals(lease) && answer.at().plus(maxAge).isAfter(now)) {
                known.put(lease.address(), answer.alive());
            }
        }
        return known;
    }

    /** Remembers the answers of the leases just probed, forgetting nothing else (watch mode's kept state forgets as hosts go). */
    public synchronized void put(Collection<Lease> probed, Set<String> alive, Instant now) {
        for (Lease lease : probed) {
            answers.put(lease.address(), new Answer(lease, alive.contains(lease.address()), now));
        }
    }

    /** Forgets an address's answer: its host is gone, and is probed afresh if it comes back. */
    public synchronized void forget(String address) {
        answers.remove(address);
    }

    /** When the address last answered or failed to, or null. */
    public synchronized Instant answeredAt(String address) {
        Answer answer = answers.get(address);
        return answer == null ? null : answer.at();
    }

    /**
     * Remembers the answers of the leases just probed, and forgets every address not among
     * {@code candidates} (a host gone from the leases is probed afresh if it comes back).
     */
    public synchronized void remember(Collection<Lease> probed, Set<String> alive, Set<String> candidates, Instant now) {
        answers.keySet().retainAll(candidates);
        for (Lease lease : probed) {
            answers.put(lease.address(), new Answer(lease, alive.contains(lease.address()), now));
        }
    }
}
