package dev.dhcpharvester.cli.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dhcpharvester.harvest.HarvestCoordinator;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.HtmlReport;
import dev.dhcpharvester.report.ReportJson;
import dev.dhcpharvester.source.Addresses;
import dev.dhcpharvester.source.IscLeaseParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The daemon's REST API on the JDK's HTTP server. Handlers never block a thread on a harvest:
 * {@code POST /harvest} answers when its shared harvest completes, so a burst of requests or a
 * client that goes away cannot wedge the server.
 */
public final class ApiServer implements AutoCloseable {

    /** Harvest requests waiting at once; more get 503 rather than memory. */
    static final int MAX_PENDING = 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] token;
    private final HarvestCoordinator coordinator;
    private final HarvestMetrics metrics;
    private final Clock clock;
    private final AtomicInteger pending = new AtomicInteger();
    private final ObjectMapper json = ReportJson.mapper();

    private ApiServer(HttpServer server, ExecutorService executor, String token, HarvestCoordinator coordinator,
            HarvestMetrics metrics, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.coordinator = coordinator;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Listens on {@code address}; with a token, every request must carry {@code Authorization: Bearer TOKEN}. */
    public static ApiServer start(InetSocketAddress address, String token, HarvestCoordinator coordinator,
            HarvestMetrics metrics, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "api");
            t.setDaemon(true);
            return t;
        });
        ApiServer api = new ApiServer(server, executor, token, coordinator, metrics, clock);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) {
        try {
            exchange.getRequestBody().close(); // no endpoint takes a body
            if (!authorized(exchange, token)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                send(exchange, 401, error("missing or wrong bearer token"));
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/harvest")) {
                if (!method.equals("POST")) {
                    send(exchange, 405, error("use POST /harvest"));
                } else {
                    harvest(exchange);
                }
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, error("only GET here"));
            } else if (path.equals("/")) {
                HarvestReport last = coordinator.lastReport();
                if (last == null) {
                    send(exchange, 503, "text/html; charset=utf-8",
                            "<!DOCTYPE html><title>dhcp-harvester</title><p>No harvest has finished yet.</p>"
                                    .getBytes(StandardCharsets.UTF_8));
                } else {
                    send(exchange, 200, "text/html; charset=utf-8", HtmlReport.render(last));
                }
            } else if (path.equals("/healthz")) {
                health(exchange);
            } else if (path.equals("/metrics")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                metrics.writeTo(out);
                send(exchange, 200, metrics.contentType(), out.toByteArray());
            } else if (path.equals("/hosts")) {
                send(exchange, 200, json.writeValueAsBytes(hosts(h -> h.outcome().published())));
            } else if (path.startsWith("/hosts/")) {
                String name = path.substring("/hosts/".length());
                one(exchange, hosts(h -> h.outcome().published() && name.equalsIgnoreCase(h.name())), "no published host " + name);
            } else if (path.startsWith("/addresses/")) {
                String asked = path.substring("/addresses/".length());
                String address = Addresses.canonical(asked); // 2001:DB8:0::1 is 2001:db8::1
                one(exchange, hosts(h -> h.address() != null && h.address().equals(address)), "no host with address " + asked);
            } else if (path.startsWith("/macs/")) {
                String mac = IscLeaseParser.normalizeMac(path.substring("/macs/".length()));
                one(exchange, hosts(h -> mac != null && mac.equals(h.mac())), "no host with MAC " + path.substring(6));
            } else {
                send(exchange, 404, error("no such resource; see docs/daemon.md"));
            }
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    /** Whether the request carries {@code Authorization: Bearer TOKEN}, compared in constant time; any request when token is null. */
    static boolean authorized(HttpExchange exchange, byte[] token) {
        if (token == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    private void harvest(HttpExchange exchange) throws IOException {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            send(exchange, 503, error("too many harvest requests waiting; try again shortly"));
            return;
        }
        coordinator.request().whenComplete((outcome, failure) -> {
            pending.decrementAndGet();
            try {
                if (failure != null) {
                    send(exchange, 500, error("harvest did not run: " + failure.getMessage()));
                    return;
                }
                HarvestReport report = outcome.report();
                ObjectNode body = json.createObjectNode();
                body.put("response", outcome.waited() ? "QUIET" : "OK");
                body.put("status", report.status().label());
                body.put("exitCode", report.exitCode());
                body.put("summary", report.summary());
                body.putPOJO("startedAt", report.startedAt());
                body.putPOJO("finishedAt", report.finishedAt());
                body.putPOJO("counts", report.counts());
                body.putPOJO("dns", report.dns());
                body.putPOJO("error", report.error());
                send(exchange, 200, json.writeValueAsBytes(body));
            } catch (IOException | RuntimeException clientGone) {
                exchange.close();
            }
        });
    }

    private void health(HttpExchange exchange) throws IOException {
        HarvestReport last = coordinator.lastReport();
        ObjectNode body = json.createObjectNode();
        if (last == null) {
            body.put("status", "starting");
            send(exchange, 503, json.writeValueAsBytes(body));
            return;
        }
        boolean ok = last.status() == HarvestReport.Status.OK;
        body.put("status", ok ? "ok" : "failing");
        body.putPOJO("lastHarvest", last.finishedAt());
        body.put("ageSeconds", Duration.between(last.finishedAt(), clock.instant()).toSeconds());
        body.put("summary", last.summary());
        send(exchange, ok ? 200 : 503, json.writeValueAsBytes(body));
    }

    private List<HostResult> hosts(Predicate<HostResult> which) {
        HarvestReport last = coordinator.lastReport();
        return last == null ? List.of() : last.hosts().stream().filter(which).toList();
    }

    private void one(HttpExchange exchange, List<HostResult> found, String notFound) throws IOException {
        if (found.isEmpty()) {
            send(exchange, 404, error(notFound));
        } else {
            send(exchange, 200, json.writeValueAsBytes(found.size() == 1 ? found.get(0) : found));
        }
    }

    private byte[] error(String message) {
        try {
            return json.writeValueAsBytes(json.createObjectNode().put("error", message));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        send(exchange, status, "application/json", body);
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().toUpperCase(Locale.ROOT).equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
