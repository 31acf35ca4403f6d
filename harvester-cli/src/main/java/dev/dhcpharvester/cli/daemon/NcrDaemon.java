package dev.dhcpharvester.cli.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dhcpharvester.ncr.NcrService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * The daemon in Kea D2's place: an {@link NcrService} and, on the API address, its metrics
 * ({@code GET /metrics}) and a health check ({@code GET /healthz}). SIGTERM stops receiving and
 * lets the cycle in flight finish; whatever is not yet in DNS waits in the journal for the next start.
 */
public final class NcrDaemon {

    /**
     * @param service the listener's settings
     * @param api     where the metrics are served
     * @param token   bearer token the metrics require, or null
     */
    public record Settings(NcrService.Settings service, InetSocketAddress api, String token) {
    }

    private final Settings settings;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    public NcrDaemon(Settings settings, Clock clock, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** Runs until the process is told to stop; returns an exit code only when it cannot start. */
    public int run() throws InterruptedException {
        NcrService service;
        try {
            service = NcrService.start(settings.service(), out, clock);
        } catch (IOException e) {
            err.println(e.getMessage());
            return 1;
        }
        HttpServer server;
        try {
            server = metricsServer(new NcrMetrics(service));
        } catch (IOException e) {
            err.println("cannot listen on " + settings.api().getHostString() + ":" + settings.api().getPort() + ": "
                    + e.getMessage() + "; choose another address or port with -a and -e");
            service.close();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            service.close(Daemon.GRACE);
            out.println(clock.instant() + " dhcp-harvester NCR listener stopped");
            out.flush();
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
        try {
            out.println(clock.instant() + " dhcp-harvester in Kea D2's place: NCRs on udp "
                    + service.address().getAddress().getHostAddress() + ":" + service.address().getPort() + ", "
                    + settings.service().forward().size() + " forward and " + settings.service().reverse().size()
                    + " reverse domains, journal " + settings.service().journal() + ", metrics on http://"
                    + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/metrics");
            String warning = service.smallBufferWarning();
            if (warning != null) {
                out.println(clock.instant() + " " + warning);
            }
        } catch (IOException e) {
            err.println("NCR socket: " + e.getMessage());
        }
        new CountDownLatch(1).await();
        return 0;
    }

    private HttpServer metricsServer(NcrMetrics metrics) throws IOException {
        HttpServer server = HttpServer.create(settings.api(), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().close();
                if (!ApiServer.authorized(exchange, settings.token() == null ? null : settings.token().getBytes(StandardCharsets.UTF_8))) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                    ApiServer.send(exchange, 401, "text/plain", "missing or wrong bearer token\n".getBytes(StandardCharsets.UTF_8));
                } else if (exchange.getRequestURI().getPath().equals("/metrics")) {
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    metrics.writeTo(body);
                    ApiServer.send(exchange, 200, metrics.contentType(), body.toByteArray());
                } else if (exchange.getRequestURI().getPath().equals("/healthz")) {
                    ApiServer.send(exchange, 200, "text/plain", "ok\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    notFound(exchange);
                }
            }
        });
        server.start();
        return server;
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        ApiServer.send(exchange, 404, "text/plain", "in NCR mode only /metrics and /healthz are served\n"
                .getBytes(StandardCharsets.UTF_8));
    }
}
