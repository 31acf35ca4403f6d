package dev.dhcpharvester.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.ncr.NameChangeRequest;
import dev.dhcpharvester.ncr.NcrCodec;
import dev.dhcpharvester.publication.ddns.DdnsPublisher.ConflictMode;
import dev.dhcpharvester.publication.ddns.TsigKeyFile;
import dev.dhcpharvester.testing.NamedServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * The daemon in Kea D2's place, as a real process reading a real kea-dhcp-ddns.conf: killed with
 * SIGKILL in the middle of a burst and started again, it still publishes every name.
 */
class NcrDaemonAgainstBindTest {

    @Test
    void killedInTheMiddleOfABurstAndRestartedItPublishesEveryName(@TempDir Path dir) throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        try (NamedServer named = NamedServer.start(dir)) {
            int port = freeUdpPort();
            Path config = named.writeKeaD2Config(dir.resolve("kea-dhcp-ddns.conf"), "127.0.0.1", port, named.dnsPort(),
                    dir.resolve("d2.log"), "INFO");
            // The first run cannot reach DNS (nothing listens on the port it is given): whatever of the
            // first half gets published can only come from the journal, after the SIGKILL.
            Path unreachable = named.writeKeaD2Config(dir.resolve("down/kea-dhcp-ddns.conf"), "127.0.0.1", port,
                    freeUdpPort(), dir.resolve("down/d2.log"), "INFO");
            Path journal = dir.resolve("journal");
            int burst = 1500;
            Process first = start(unreachable, dir);
            try (DatagramChannel sender = DatagramChannel.open()) {
                InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
                for (int i = 0; i < burst; i++) {
                    sender.send(ByteBuffer.wrap(NcrCodec.encodeDatagram(add(i))), to);
                    pace(i);
                }
                await(() -> Files.exists(journal) && lines(journal) >= burst, "the first half journalled");
                assertThat(metrics(first)).contains("dhcp_harvester_update_error_total").doesNotContain("update_success_total 1");
                first.destroyForcibly(); // SIGKILL: no grace, the cycle in flight dies with it
                first.waitFor(10, TimeUnit.SECONDS);

                Process second = start(config, dir);
                try {
                    for (int i = burst; i < 2 * burst; i++) {
                        sender.send(ByteBuffer.wrap(NcrCodec.encodeDatagram(add(i))), to);
                        pace(i);
                    }
                    TSIG_READY.set(TsigKeyFile.read(named.tsigKeyFile()).get(0).signer());
                    await(() -> published(named).size() == 2 * burst, "every name published");
                    Set<String> names = published(named);
                    for (int i = 0; i < 2 * burst; i++) {
                        assertThat(names).contains("n-" + i + ".ddns.test.");
                    }
                    String metrics = metrics(second);
                    assertThat(metrics).contains("dhcp_harvester_ncr_received_total " + burst + ".0");
                    assertThat(metrics).containsPattern("dhcp_harvester_update_signed_total [1-9]");
                    assertThat(metrics).contains("dhcp_harvester_update_unsigned_total 0.0");
                    assertThat(metrics).contains("dhcp_harvester_ncr_queue_full_total 0.0");
                    assertThat(metrics).containsPattern("dhcp_harvester_ncr_cycle_seconds_total 0\\.[0-9]*[1-9]|dhcp_harvester_ncr_cycle_seconds_total [1-9]");
                    await(() -> metrics(second).contains("dhcp_harvester_ncr_unsettled 0.0"), "nothing left unsettled");
                } finally {
                    second.toHandle().destroy();
                    second.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static final java.util.concurrent.atomic.AtomicReference<org.xbill.DNS.TSIG> TSIG_READY =
            new java.util.concurrent.atomic.AtomicReference<>();

    private static Set<String> published(NamedServer named) throws IOException {
        return named.transfer("ddns.test", TSIG_READY.get()).stream().filter(r -> r.getType() == Type.A)
                .map(r -> r.getName().toString()).filter(n -> n.startsWith("n-")).collect(Collectors.toSet());
    }

    private int metricsPort;

    private String metrics(Process daemon) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private Process start(Path config, Path dir) throws Exception {
        Process p = DaemonProcessTest.daemon("--kea-d2-config", config.toString(), "--ncr-journal",
                dir.resolve("journal").toString(), "--ddns-state", dir.resolve("state.json").toString(), "-e", "0",
                "--debounce", "50ms").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher m = Pattern.compile("metrics on http://[^:]+:(\\d+)/").matcher(line == null ? "" : line);
        if (line == null || !line.contains("in Kea D2's place: NCRs on udp 127.0.0.1:") || !m.find()) {
            p.destroyForcibly(); // never leave a daemon behind
            throw new AssertionError("the daemon did not start: " + line);
        }
        metricsPort = Integer.parseInt(m.group(1));
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    static NameChangeRequest add(int i) {
        return new NameChangeRequest(NameChangeRequest.Type.ADD, true, true, "n-" + i + ".ddns.test.",
                "198.18." + (20 + i / 250) + "." + (i % 250), HexFormat.of().formatHex(("c" + i).getBytes(StandardCharsets.US_ASCII)),
                Instant.now().plusSeconds(3600), 1200, ConflictMode.CHECK_WITH_DHCID);
    }

    /**
     * About Kea's pace at 20,000 leases a second: a kernel with the default net.core.rmem_max
     * (208 KB of socket buffer) could drop an unpaced burst before a just-started JVM reads it.
     */
    static void pace(int i) throws InterruptedException {
        if (i % 100 == 99) {
            Thread.sleep(5);
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static long lines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    interface Condition {
        boolean test() throws Exception;
    }

    static void await(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.test()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
