package dev.dhcpharvester.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.testing.TestNetwork;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Probers against loopback and against hosts in a network namespace this test creates: some
 * answer, some silently drop. No other address is ever probed.
 */
class ProbersTest {

    static final VerifyOptions OPTIONS = new VerifyOptions(VerifyOptions.Method.ICMP, Duration.ofMillis(400), 1, 4,
            List.of(22, 80));

    /** 198.18.1.0/26 answers, 198.18.1.64/26 drops silently. */
    static TestNetwork network;

    @BeforeAll
    static void createNamespace() throws Exception {
        if (TestNetwork.available()) {
            network = TestNetwork.create("198.18.0.0/30", "198.18.1.0/24", "198.18.1.0/26")
                    .withIpv6("2001:db8:ff00::/64", "2001:db8:ff01::/64", "2001:db8:ff01::/120");
        }
    }

    @AfterAll
    static void deleteNamespace() {
        if (network != null) {
            network.close();
        }
    }

    static List<String> answering() {
        return IntStream.rangeClosed(1, 20).mapToObj(i -> "198.18.1." + i).toList();
    }

    static List<String> silent() {
        return IntStream.rangeClosed(100, 119).mapToObj(i -> "198.18.1." + i).toList();
    }

    static List<String> mixed() {
        List<String> all = new ArrayList<>(answering());
        all.addAll(silent());
        return all;
    }

    /** 2001:db8:ff01::/120 answers, the rest of its /64 drops silently. */
    static List<String> mixed6() {
        List<String> all = new ArrayList<>(answering6());
        IntStream.rangeClosed(1, 10).mapToObj(i -> "2001:db8:ff01::1:" + Integer.toHexString(i)).forEach(all::add);
        return all;
    }

    static List<String> answering6() {
        return IntStream.rangeClosed(1, 10).mapToObj(i -> "2001:db8:ff01::" + Integer.toHexString(i)).toList();
    }

    static Prober fping() {
        return new FpingProber(Verifier.onPath("fping").orElseThrow(), OPTIONS);
    }

    @Test
    void fpingFindsLoopbackHosts() throws Exception {
        assumeTrue(Verifier.onPath("fping").isPresent(), "fping is installed by bin/run-tests");
        assertThat(fping().reachable(List.of("127.0.0.1", "127.0.0.2", "127.1.2.3", "::1")))
                .containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2", "127.1.2.3", "::1");
    }

    @Test
    void pingFindsLoopbackHosts() throws Exception {
        Prober ping = new PingProber(Verifier.onPath("ping").orElseThrow(), OPTIONS);
        assertThat(ping.reachable(List.of("127.0.0.1", "127.0.0.9"))).containsExactlyInAnyOrder("127.0.0.1", "127.0.0.9");
    }

    @Test
    void tcpCountsAnAcceptedAndARefusedConnectionAsThere() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            VerifyOptions options = new VerifyOptions(VerifyOptions.Method.TCP, Duration.ofMillis(500), 0, 1,
                    List.of(listening.getLocalPort()));
            assertThat(new TcpProber(options).reachable(List.of("127.0.0.1", "127.0.0.7")))
                    .containsExactlyInAnyOrder("127.0.0.1", "127.0.0.7");
        }
    }

    @Test
    void fpingTellsAnsweringFromSilentHostsInANamespace() throws Exception {
        assumeTrue(network != null, "needs root to create a network namespace");
        assumeTrue(Verifier.onPath("fping").isPresent(), "fping is installed by bin/run-tests");
        assertThat(fping().reachable(mixed())).containsExactlyInAnyOrderElementsOf(answering());
    }

    @Test
    void pingTellsAnsweringFromSilentHostsInANamespace() throws Exception {
        assumeTrue(network != null, "needs root to create a network namespace");
        Prober ping = new PingProber(Verifier.onPath("ping").orElseThrow(), OPTIONS);
        assertThat(ping.reachable(mixed())).containsExactlyInAnyOrderElementsOf(answering());
    }

    @Test
    void tcpTellsRefusingFromSilentHostsInANamespace() throws Exception {
        assumeTrue(network != null, "needs root to create a network namespace");
        VerifyOptions options = new VerifyOptions(VerifyOptions.Method.TCP, Duration.ofMillis(400), 1, 1, List.of(22, 80));
        assertThat(new TcpProber(options).reachable(mixed())).containsExactlyInAnyOrderElementsOf(answering());
    }

    @Test
    void everyProberTellsAnsweringFromSilentIpv6HostsInANamespace() throws Exception {
        assumeTrue(network != null, "needs root to create a network namespace");
        assumeTrue(Verifier.onPath("fping").isPresent(), "fping is installed by bin/run-tests");
        List<String> mixed = new ArrayList<>(mixed6());
        mixed.add(2, "198.18.1.1");
        List<String> answering = new ArrayList<>(answering6());
        answering.add("198.18.1.1");
        VerifyOptions tcp = new VerifyOptions(VerifyOptions.Method.TCP, Duration.ofMillis(400), 1, 4, List.of(22, 80));

        assertThat(fping().reachable(mixed)).as("fping, both families in one run").containsExactlyInAnyOrderElementsOf(answering);
        assertThat(new PingProber(Verifier.onPath("ping").orElseThrow(), OPTIONS).reachable(mixed)).as("ping")
                .containsExactlyInAnyOrderElementsOf(answering);
        assertThat(new TcpProber(tcp).reachable(mixed)).as("tcp").containsExactlyInAnyOrderElementsOf(answering);
    }

    @Test
    void bothMethodsTryTcpOnlyWhereIcmpFound() throws Exception {
        assumeTrue(network != null, "needs root to create a network namespace");
        VerifyOptions options = new VerifyOptions(VerifyOptions.Method.BOTH, Duration.ofMillis(400), 0, 2, List.of(22));
        Verifier verifier = Verifier.forOptions(options);
        assertThat(verifier.description()).contains("then tcp connect");
        assertThat(verifier.reachable(mixed())).containsExactlyInAnyOrderElementsOf(answering());
    }

    @Test
    void aMissingFpingIsAClearErrorNotAnEmptyResult() {
        Prober broken = new FpingProber(Path.of("/nonexistent/fping"), OPTIONS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.reachable(List.of("127.0.0.1")))
                .hasMessageContaining("cannot run /nonexistent/fping");
    }
}
