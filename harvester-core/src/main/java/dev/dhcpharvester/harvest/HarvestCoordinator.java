package dev.dhcpharvester.harvest;

import dev.dhcpharvester.report.HarvestReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs harvests one at a time and shares them among requests, to protect the DHCP and DNS host
 * from bursts (the CORD harvester's quiet period, done without losing requests).
 *
 * <p>Every request is answered by a harvest that starts after the request arrived. Requests that
 * arrive while a harvest runs, or within the quiet period after one, share the next harvest,
 * which starts when the running one has finished and the quiet period has passed. So a burst of
 * any size costs at most the harvest in flight and one more. Nothing is queued per request; a
 * failed harvest is simply reported to the requests that shared it.
 */
public final class HarvestCoordinator implements AutoCloseable {

    /** A harvest's report, and whether the request had to wait for a running harvest or the quiet period. */
    public record Outcome(HarvestReport report, boolean waited) {
    }

    private final Supplier<HarvestReport> harvest;
    private final Duration quiet;
    private final Clock clock;
    private final ScheduledExecutorService runner;

    private boolean running;
    private Instant lastFinished;
    /** The harvest that the next requests will share; null when none is scheduled. */
    private CompletableFuture<HarvestReport> next;
    private HarvestReport lastReport;

    public HarvestCoordinator(Supplier<HarvestReport> harvest, Duration quiet, Clock clock) {
        this.harvest = harvest;
        this.quiet = quiet;
        this.clock = clock;
        this.runner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "harvest");
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for a harvest; completes with one that started after this call. */
    public CompletableFuture<Outcome> request() {
        synchronized (this) {
            boolean waited = next != null || running || inQuietPeriod();
            CompletableFuture<HarvestReport> shared = next;
            if (shared == null) {
                shared = next = new CompletableFuture<>();
                if (!running) {
                    schedule();
                }
            }
            return shared.thenApply(report -> new Outcome(report, waited));
        }
    }

    /** The report of the last harvest that finished, or null before the first. */
    public synchronized HarvestReport lastReport() {
        return lastReport;
    }

    private boolean inQuietPeriod() {
        return lastFinished != null && clock.instant().isBefore(lastFinished.plus(quiet));
    }

    /** Schedules {@link #next} for when the quiet period after the last harvest has passed. */
    private void schedule() {
        long delay = lastFinished == null ? 0
                : Math.max(0, Duration.between(clock.instant(), lastFinished.plus(quiet)).toNanos());
        try {
            // a millisecond more, so that the wall clock, which may step apart from the timer's, has passed too
            runner.schedule(this::runNext, delay == 0 ? 0 : delay + 1_000_000, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            next.completeExceptionally(new IllegalStateException("the harvester is shutting down"));
            next = null;
        }
    }

    private void runNext() {
        CompletableFuture<HarvestReport> current;
        synchronized (this) {
            current = next;
            next = null;
            running = true;
        }
        HarvestReport report;
        try {
            report = harvest.get();
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                finished();
            }
            current.completeExceptionally(e);
            return;
        }
        synchronized (this) {
            lastReport = report;
            finished();
        }
        current.complete(report);
    }

    private void finished() {
        running = false;
        lastFinished = clock.instant();
        if (next != null) {
            schedule();
        }
    }

    /**
     * Stops taking harvests and waits up to {@code grace} for the one in flight to finish (its
     * files are replaced atomically, so stopping never leaves a partial file either way).
     */
    public void shutdown(Duration grace) throws InterruptedException {
        runner.shutdown();
        runner.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
