package dev.dhcpharvester.ncr;

import dev.dhcpharvester.publication.ddns.UpdateStatistics;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * D2's statistics and a few of our own, read from any thread: datagrams received, invalid ones
 * by kind, requests that failed for good (conflict, no zone), requests whose journal write
 * failed, and the update counters of {@link UpdateStatistics}. There is no queue to overflow:
 * D2's {@code queue-mgr-queue-full} stays zero by construction.
 */
public final class NcrStatistics {

    final AtomicLong received = new AtomicLong();
    final Map<InvalidRequestException.Kind, AtomicLong> invalid = new EnumMap<>(InvalidRequestException.Kind.class);
    final AtomicLong unknownFields = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong journalErrors = new AtomicLong();
    final AtomicLong cycles = new AtomicLong();
    final AtomicLong cycleNanos = new AtomicLong();
    final AtomicLong settled = new AtomicLong();
    private final LongSupplier accepted;
    final UpdateStatistics updates = new UpdateStatistics();

    /** @param accepted how many requests the book has accepted */
    NcrStatistics(LongSupplier accepted) {
        this.accepted = accepted;
        for (InvalidRequestException.Kind kind : InvalidRequestException.Kind.values()) {
            invalid.put(kind, new AtomicLong());
        }
    }

    /** Datagrams received, valid or not (D2's ncr-received). */
    public long received() {
        return received.get();
    }

    /** Datagrams that were not a request we could carry out, of one kind (D2's ncr-invalid, split by kind). */
    public long invalid(InvalidRequestException.Kind kind) {
        return invalid.get(kind).get();
    }

    /** Requests accepted with fields we do not know (carried out all the same). */
    public long unknownFields() {
        return unknownFields.get();
    }

    /** Requests that ended without their change made: a conflict, or no zone took it (D2's ncr-error). */
    public long errors() {
        return errors.get();
    }

    /** Requests that could not be journalled (carried out, but not safe from a crash). */
    public long journalErrors() {
        return journalErrors.get();
    }

    /** Convergence cycles run. */
    public long cycles() {
        return cycles.get();
    }

    /** Time spent in convergence cycles, seconds (with {@link #cycles}, their average). */
    public double cycleSeconds() {
        return cycleNanos.get() / 1e9;
    }

    /** Requests accepted and not yet through a cycle. */
    public long unsettled() {
        return accepted.getAsLong() - settled.get();
    }

    public UpdateStatistics updates() {
        return updates;
    }
}
