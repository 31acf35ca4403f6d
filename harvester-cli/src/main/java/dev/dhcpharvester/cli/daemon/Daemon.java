package dev.dhcpharvester.cli.daemon;

import dev.dhcpharvester.harvest.HarvestConfig;
import dev.dhcpharvester.harvest.HarvestCoordinator;
import dev.dhcpharvester.harvest.HarvestListener;
import dev.dhcpharvester.harvest.Harvester;
import dev.dhcpharvester.harvest.LeaseFileWatcher;
import dev.dhcpharvester.harvest.LeaseSource;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.report.ReportJson;
import dev.dhcpharvester.selection.LeaseFileFollower;
import dev.dhcpharvester.source.LeaseFormat;
import dev.dhcpharvester.verification.ProbeMemory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The long-running harvester: a harvest every {@code repeat}, more on request through the REST
 * API, one at a time through a {@link HarvestCoordinator}. A failed harvest is logged, counted and
 * simply tried again next time; DNS keeps its last good state meanwhile. SIGHUP asks for a harvest
 * now. SIGTERM lets the harvest in flight finish (up to a grace period) and exits 0.
 */
public final class Daemon {

    /** How long SIGTERM waits for the harvest in flight. */
    static final Duration GRACE = Duration.ofSeconds(30);

    /**
     * @param config  the harvest to repeat
     * @param repeat  the period between scheduled harvests
     * @param api     where the REST API listens
     * @param token   bearer token the API requires, or null
     * @param quiet   the minimum pause between two harvests
     * @param report  where to write each harvest's JSON report, or null
     * @param watch   harvest when the lease file changes (and when a lease ends), not only every {@code repeat}
     * @param debounce how long a burst of changes is gathered into one harvest
     */
    public record Settings(HarvestConfig config, Duration repeat, InetSocketAddress api, String token, Duration quiet,
            Path report, boolean watch, Duration debounce) {

        public Settings(HarvestConfig config, Duration repeat, InetSocketAddress api, String token, Duration quiet,
                Path report) {
            this(config, repeat, api, token, quiet, report, false, Duration.ZERO);
        }
    }

    /** How often a watched file is looked at without notification (NFS), as a safety net. */
    static final Duration POLL = Duration.ofSeconds(1);

    private final Settings settings;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    public Daemon(Settings settings, Clock clock, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** Runs until the process is told to stop; returns an exit code only when it cannot start. */
    public int run() throws InterruptedException {
        HarvestMetrics metrics = new HarvestMetrics();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "timer");
            t.setDaemon(true);
            return t;
        });
        // Watching, each lease file that its server appends to (dhcpd's, Kea's) is followed: a cycle reads
        // only what was appended; others (dnsmasq rewrites its file) are read whole on each change.
        List<LeaseFileFollower> followers = new ArrayList<>();
        if (settings.watch()) {
            for (LeaseSource source : settings.config().sources()) {
                LeaseFormat followed = source.keaApi() == null ? followable(source) : null;
                if (followed != null) {
                    followers.add(new LeaseFileFollower(source.file(), Math.min(4, Runtime.getRuntime().availableProcessors()),
                            followed));
                }
            }
        }
        // Watching, a cycle probes only the hosts whose lease changed; the others keep their answer
        // for one safety-net period, so a host that went away is found out within -r.
        Harvester harvester = new Harvester(clock, out, HarvestListener.NONE, followers,
                settings.watch() ? new ProbeMemory(settings.repeat()) : null);
        AtomicReference<HarvestCoordinator> coordinatorRef = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> expiry = new AtomicReference<>();
        Supplier<HarvestReport> harvest = () -> {
            HarvestReport report;
            try {
                report = harvester.run(settings.config());
            } catch (RuntimeException | Error e) {
                err.println(clock.instant() + " harvest failed: internal error " + e);
                e.printStackTrace(err);
                throw e;
            }
            if (!followers.isEmpty()) {
                try {
                    scheduleNextChange(harvester, timer, coordinatorRef.get(), expiry);
                } catch (RuntimeException e) {
                    err.println(clock.instant() + " cannot schedule the harvest at the next lease expiry: " + e);
                }
            }
            metrics.record(report);
            if (settings.report() != null) {
                try {
                    ReportJson.write(report, settings.report());
                } catch (IOException e) {
                    err.println("cannot write report " + settings.report() + ": " + e.getMessage());
                }
            }
            (report.status() == HarvestReport.Status.OK ? out : err).println(report.finishedAt() + " " + report.summary());
            return report;
        };
        HarvestCoordinator coordinator = new HarvestCoordinator(harvest, settings.quiet(), clock);
        coordinatorRef.set(coordinator);
        ApiServer api;
        try {
            api = ApiServer.start(settings.api(), settings.token(), coordinator, metrics, clock);
        } catch (IOException e) {
            err.println("cannot listen on " + settings.api().getHostString() + ":" + settings.api().getPort() + ": "
                    + e.getMessage() + "; choose another address or port with -a and -e");
            coordinator.close();
            return 1;
        }
        // Signals first: a SIGTERM that comes as soon as the start is announced must find its handler.
        String noHangup = Signals.onHangup(() -> {
            out.println(clock.instant() + " SIGHUP: harvesting now");
            coordinator.request();
        });
        if (noHangup != null) {
            err.println(noHangup + ": SIGHUP will not trigger a harvest; use POST /harvest");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            timer.shutdownNow();
            api.close();
            try {
                coordinator.shutdown(GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.println(clock.instant() + " dhcp-harvester daemon stopped");
            out.flush();
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
        out.println(clock.instant() + " dhcp-harvester daemon: harvest every " + settings.repeat().toSeconds()
                + " s, API on http://" + api.address().getHostString() + ":" + api.address().getPort()
                + (settings.token() == null ? "" : " (bearer token required)"));
        if (settings.watch()) {
            for (LeaseSource source : settings.config().sources()) {
                LeaseFileWatcher watcher = new LeaseFileWatcher(source.file(), settings.debounce(), POLL, coordinator::request);
                boolean followed = followers.stream().anyMatch(f -> f.file().equals(source.file()));
                out.println(clock.instant() + " watching " + source.file()
                        + (watcher.start() ? "" : " (no file notification here: looking every " + POLL.toSeconds() + " s)")
                        + (followed ? ", reading only what is appended" : ", reading it whole on each change"));
            }
        }
        timer.scheduleAtFixedRate(coordinator::request, 0, settings.repeat().toMillis(), TimeUnit.MILLISECONDS);
        new CountDownLatch(1).await();
        return 0;
    }

    /** The lease file's format if watch mode reads it incrementally (dhcpd's and Kea's, which append), else null. */
    private static LeaseFormat followable(LeaseSource source) {
        LeaseFormat format;
        try {
            format = source.format() != null ? source.format() : LeaseFormat.detect(source.file());
        } catch (IOException e) {
            format = LeaseFormat.ISC; // a file that is not there yet: dhcpd's default; a wrong guess only costs whole reads
        }
        return format == LeaseFormat.ISC || format == LeaseFormat.KEA_CSV ? format : null;
    }

    /** Asks for a harvest when the next lease of any followed file starts or ends, so that an expiry unpublishes on time. */
    private void scheduleNextChange(Harvester harvester, ScheduledExecutorService timer,
            HarvestCoordinator coordinator, AtomicReference<ScheduledFuture<?>> expiry) {
        Instant next = harvester.nextLeaseChangeAfter(clock.instant());
        ScheduledFuture<?> previous = expiry.getAndSet(next == null || coordinator == null ? null
                : timer.schedule(coordinator::request, Duration.between(clock.instant(), next).toMillis() + 50,
                        TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }
}
