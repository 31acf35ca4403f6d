package dev.dhcpharvester.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dhcpharvester.harvest.HarvestConfig;
import dev.dhcpharvester.harvest.LeaseSource;
import dev.dhcpharvester.harvest.HarvestCoordinator;
import dev.dhcpharvester.harvest.Harvester;
import dev.dhcpharvester.naming.NamePolicy;
import dev.dhcpharvester.publication.IncludeOptions;
import dev.dhcpharvester.publication.RndcOptions;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.report.ReportJson;
import dev.dhcpharvester.util.Processes;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API over real HTTP on loopback, harvesting the bundled example lease file; the host page in a real headless Chromium. */
class ApiServerTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;
    HarvestCoordinator coordinator;
    ApiServer api;
    final AtomicInteger harvests = new AtomicInteger();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    void start(long slowMillis, String token) throws Exception {
        start(slowMillis, token, List.of(LeaseSource.file(Path.of("../examples/dhcpd.leases"))));
    }

    void start(long slowMillis, String token, List<LeaseSource> sources) throws Exception {
        RndcOptions rndc = new RndcOptions("rndc", null, "127.0.0.1", 953, null, Duration.ofSeconds(5));
        IncludeOptions include = new IncludeOptions(dir.resolve("out.inc"), null, null, false, rndc, null, 0.5, false);
        HarvestConfig config = new HarvestConfig(sources, Path.of("../examples/dhcpd.reservations"),
                NamePolicy.ALL, null, include, Instant.parse("2026-11-25T12:00:00Z"), null);
        HarvestMetrics metrics = new HarvestMetrics();
        Harvester harvester = new Harvester(Clock.systemUTC(), new ByteArrayOutputStream());
        Supplier<HarvestReport> harvest = () -> {
            harvests.incrementAndGet();
            sleep(slowMillis);
            HarvestReport report = harvester.run(config);
            metrics.record(report);
            return report;
        };
        coordinator = new HarvestCoordinator(harvest, Duration.ZERO, Clock.systemUTC());
        api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), token, coordinator, metrics, Clock.systemUTC());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (api != null) {
            api.close();
        }
        if (coordinator != null) {
            // a harvest still in flight writes into the temporary directory: let it finish before that goes
            coordinator.shutdown(Duration.ofSeconds(30));
            coordinator.close();
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.address().getPort() + path))
                .timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws Exception {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twoHundredConcurrentHarvestRequestsDuringASlowHarvestShareAtMostTwoHarvests() throws Exception {
        // slow enough that all 200 requests arrive while the first harvest runs, on a loaded machine too
        // (at 500 ms a clean-clone CI run once saw the last requests arrive during the second harvest)
        start(2000, null);
        CompletableFuture<HarvestCoordinator.Outcome> slow = coordinator.request();
        while (harvests.get() == 0) {
            Thread.sleep(5);
        }
        List<Instant> arrivals = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            arrivals.add(Instant.now());
            responses.add(http.sendAsync(request("/harvest").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        slow.get();
        assertThat(harvests.get()).isLessThanOrEqualTo(2);
        for (int i = 0; i < responses.size(); i++) {
            HttpResponse<String> response = responses.get(i).get();
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = ReportJson.mapper().readTree(response.body());
            assertThat(body.get("status").asText()).isEqualTo("ok");
            assertThat(body.get("response").asText()).isIn("OK", "QUIET");
            assertThat(Instant.parse(body.get("startedAt").asText())).isAfterOrEqualTo(arrivals.get(i));
        }
    }

    @Test
    void anIpv6HostIsFoundByItsAddressInAnyWrittenForm() throws Exception {
        start(0, null, List.of(LeaseSource.file(Path.of("../examples/dhcpd.leases")),
                LeaseSource.file(Path.of("../examples/dnsmasq.leases"))));
        assertThat(post("/harvest").statusCode()).isEqualTo(200);

        assertThat(ReportJson.mapper().readTree(get("/addresses/2001:DB8:8:0::20").body()).get("name").asText())
                .isEqualTo("v6-node");
        assertThat(ReportJson.mapper().readTree(get("/addresses/2001:db8:8::20").body()).get("mac").asText())
                .isEqualTo("52:54:00:d0:00:24");
        assertThat(get("/addresses/2001:db8:8::99").statusCode()).isEqualTo(404);
        assertThat(get("/addresses/not-an-address").statusCode()).isEqualTo(404);
        assertThat(get("/metrics").body()).contains("dhcp_harvester_lease_sources_failed 0.0");
    }

    @Test
    void aLeaseSourceThatCannotBeReadShowsInTheMetrics() throws Exception {
        start(0, null, List.of(LeaseSource.file(Path.of("../examples/dhcpd.leases")),
                LeaseSource.file(dir.resolve("missing.leases"))));
        assertThat(post("/harvest").statusCode()).isEqualTo(200);

        String metrics = get("/metrics").body();
        assertThat(metrics).contains("dhcp_harvester_lease_sources_failed 1.0", "dhcp_harvester_harvests_total{result=\"failed\"} 1.0")
                .as("the readable source was published").contains("dhcp_harvester_hosts{outcome=\"renamed\"} 5.0");
    }

    @Test
    void hostsCanBeLookedUpByNameAddressAndMacAfterAHarvest() throws Exception {
        start(0, null);
        assertThat(get("/healthz").statusCode()).as("no harvest yet").isEqualTo(503);
        assertThat(post("/harvest").statusCode()).isEqualTo(200);

        JsonNode all = ReportJson.mapper().readTree(get("/hosts").body());
        assertThat(all).hasSize(7);
        assertThat(ReportJson.mapper().readTree(get("/hosts/COMPUTE-2").body()).get("address").asText()).isEqualTo("10.6.0.11");
        assertThat(ReportJson.mapper().readTree(get("/addresses/10.6.0.15").body()).get("outcome").asText()).isEqualTo("rejected");
        assertThat(ReportJson.mapper().readTree(get("/macs/52:54:00:AA:00:02").body()).get("name").asText())
                .isEqualTo("ONOS-controller");
        assertThat(get("/hosts/nobody").statusCode()).isEqualTo(404);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/harvest").statusCode()).isEqualTo(405);
    }

    @Test
    void withATokenEveryRequestWithoutItIsRefused() throws Exception {
        start(0, TOKEN);
        assertThat(get("/healthz").statusCode()).isEqualTo(401);
        assertThat(http.send(request("/hosts").header("Authorization", "Bearer wrong").GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(http.send(request("/harvest").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        assertThat(harvests.get()).isEqualTo(1);
    }

    @Test
    void metricsParseAsPrometheusTextAndCountHarvests() throws Exception {
        start(0, null);
        post("/harvest");
        post("/harvest");

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        List<String> samples = metrics.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertThat(samples).allSatisfy(line -> assertThat(line).matches("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? [-+0-9.eE]+|[a-z_]+(\\{.*\\})? [+-]?Inf"));
        assertThat(samples).contains("dhcp_harvester_harvests_total{result=\"ok\"} 2.0",
                "dhcp_harvester_hosts{outcome=\"published\"} 2.0", "dhcp_harvester_hosts{outcome=\"rejected\"} 1.0");
        assertThat(samples).anyMatch(l -> l.startsWith("dhcp_harvester_last_success_timestamp_seconds "));
        assertThat(samples).anyMatch(l -> l.equals("dhcp_harvester_harvest_duration_seconds_count 2"));
    }

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    List<String> chromium(Path profile, String... args) {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void theHostPageShowsEveryHostAndFiltersByOutcome() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is installed by bin/run-tests");
        start(0, null);
        post("/harvest");
        String base = "http://127.0.0.1:" + api.address().getPort() + "/";
        Path screenshot = Path.of("target", "host-page.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);

        Processes.Result shot = Processes.run(chromium(dir.resolve("profile-1"), "--window-size=1280,800",
                "--screenshot=" + screenshot, base), new byte[0], Duration.ofSeconds(60));
        Processes.Result all = Processes.run(chromium(dir.resolve("profile-2"), "--dump-dom", base), new byte[0],
                Duration.ofSeconds(60));
        Processes.Result rejected = Processes.run(chromium(dir.resolve("profile-3"), "--dump-dom", base + "?outcome=rejected"),
                new byte[0], Duration.ofSeconds(60));

        assertThat(Files.size(screenshot)).as(shot.message()).isGreaterThan(10_000);
        assertThat(all.stdout()).contains("<span id=\"shown\">8 of 8 hosts</span>", "compute-2", "ONOS-controller");
        assertThat(rejected.stdout()).contains("<span id=\"shown\">1 of 8 hosts</span>");
        assertThat(rejected.stdout().split("style=\"display: none;\"", -1)).as("rows hidden").hasSize(8);
    }

    @Test
    void clientsThatHangUpBeforeTheirAnswerDoNotWedgeTheServer() throws Exception {
        start(300, null);
        for (int i = 0; i < 20; i++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.address().getPort())) {
                socket.getOutputStream().write("POST /harvest HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }

        HttpResponse<String> after = post("/harvest");

        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(harvests.get()).isLessThanOrEqualTo(3);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }
}
