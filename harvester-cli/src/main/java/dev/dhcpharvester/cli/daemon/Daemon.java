package dev.dhcpharvester.cli.daemon;

import dev.dhcpharvester.harvest.HarvestConfig;
import dev.dhcpharvester.harvest.HarvestCoordinator;
import dev.dhcpharvester.harvest.Harvester;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.report.ReportJson;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
     */
    public record Settings(HarvestConfig config, Duration repeat, InetSocketAddress api, String token, Duration quiet,
            Path report) {
    }

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
        Harvester harvester = new Harvester(clock, out);
        Supplier<HarvestReport> harvest = () -> {
            HarvestReport report = harvester.run(settings.config());
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
        ApiServer api;
        try {
            api = ApiServer.start(settings.api(), settings.token(), coordinator, metrics, clock);
        } catch (IOException e) {
            err.println("cannot listen on " + settings.api().getHostString() + ":" + settings.api().getPort() + ": "
                    + e.getMessage() + "; choose another address or port with -a and -e");
            coordinator.close();
            return 1;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "timer");
            t.setDaemon(true);
            return t;
        });
        // Signals first: a SIGTERM that comes as soon as the start is announced must find its handler.
        if (!Signals.onHangup(() -> {
            out.println(clock.instant() + " SIGHUP: harvesting now");
            coordinator.request();
        })) {
            err.println("this Java runtime offers no signal handling: SIGHUP will not trigger a harvest; use POST /harvest");
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
        timer.scheduleAtFixedRate(coordinator::request, 0, settings.repeat().toMillis(), TimeUnit.MILLISECONDS);
        new CountDownLatch(1).await();
        return 0;
    }
}
