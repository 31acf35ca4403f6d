package dev.dhcpharvester.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.naming.NamePolicy;
import dev.dhcpharvester.publication.IncludeOptions;
import dev.dhcpharvester.publication.RndcOptions;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.report.Outcome;
import dev.dhcpharvester.selection.LeaseFileFollower;
import dev.dhcpharvester.testing.LeaseFileWriter;
import dev.dhcpharvester.testing.TestNetwork;
import dev.dhcpharvester.verification.ProbeMemory;
import dev.dhcpharvester.verification.VerifyOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch mode with -y: a harvest probes only the hosts whose lease changed, and each remembered
 * answer is asked again after one period. Real ICMP probes (fping or ping), to 127.0.0.0/8 only.
 */
class ProbeOnlyChangedHostsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void onlyChangedHostsAreProbedAndAnswersAgeOut(@TempDir Path dir) throws Exception {
        LeaseFileWriter writer = new LeaseFileWriter();
        for (int i = 2; i <= 6; i++) {
            writer.active("127.0.0." + i, "52:54:00:00:00:0" + i, "host" + i);
        }
        Path leases = writer.writeTo(dir.resolve("dhcpd.leases"));
        HarvestConfig config = new HarvestConfig(leases, null, NamePolicy.ALL,
                new VerifyOptions(VerifyOptions.Method.ICMP, Duration.ofMillis(500), 1, 4, VerifyOptions.DEFAULT_TCP_PORTS),
                new IncludeOptions(dir.resolve("hosts.inc"), null, "cord.lab", false,
                        new RndcOptions("rndc", null, "127.0.0.1", 953, "cord.lab", Duration.ofSeconds(5)), null, 0.5, true),
                null);
        Harvester watching = new Harvester(clock, new ByteArrayOutputStream(), HarvestListener.NONE,
                new LeaseFileFollower(leases, 1), new ProbeMemory(Duration.ofMinutes(10)));

        HarvestReport first = watching.run(config);
        assertThat(first.summary()).startsWith("harvest ok");
        assertThat(counts(first)).containsExactly(5, 0, 5);

        append(leases, new LeaseFileWriter().active("127.0.0.7", "52:54:00:00:00:07", "host7"));
        HarvestReport second = watching.run(config);
        assertThat(counts(second)).as("only the new host probed").containsExactly(1, 5, 6);
        assertThat(second.counts().published()).isEqualTo(6);

        append(leases, new LeaseFileWriter().active("127.0.0.3", "52:54:00:00:00:33", "host3b")); // another client
        assertThat(counts(watching.run(config))).as("the changed lease probed again").containsExactly(1, 5, 6);

        assertThat(counts(watching.run(config))).as("nothing changed, nothing probed").containsExactly(0, 6, 6);

        Path rewritten = Files.copy(leases, leases.resolveSibling("dhcpd.leases.new"));
        Files.move(rewritten, leases, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE); // dhcpd's rewrite: read whole, the kept state afresh
        assertThat(counts(watching.run(config))).as("answers outlive a fresh start").containsExactly(0, 6, 6);

        now.set(now.get().plus(Duration.ofMinutes(11)));
        assertThat(counts(watching.run(config))).as("every answer older than the period asked again").containsExactly(6, 0, 6);

        HarvestReport once = new Harvester(clock, new ByteArrayOutputStream()).run(config);
        assertThat(counts(once)).as("without memory (one-shot), all probed").containsExactly(6, 0, 6);
    }

    @Test
    void aHostThatStartsOrStopsAnsweringIsFoundOutWhenItsAnswerAgesOut(@TempDir Path dir) throws Exception {
        assumeTrue(TestNetwork.available(), "needs root and ip netns");
        try (TestNetwork network = TestNetwork.create("198.18.0.44/30", "198.18.45.0/28", "198.18.45.0/29")) {
            Path leases = new LeaseFileWriter().active("198.18.45.9", "52:54:00:00:45:09", "flaky")
                    .active("198.18.45.1", "52:54:00:00:45:01", "steady").writeTo(dir.resolve("dhcpd.leases"));
            HarvestConfig config = new HarvestConfig(leases, null, NamePolicy.ALL,
                    new VerifyOptions(VerifyOptions.Method.TCP, Duration.ofMillis(300), 0, 4, List.of(22)),
                    new IncludeOptions(dir.resolve("hosts.inc"), null, "cord.lab", false,
                            new RndcOptions("rndc", null, "127.0.0.1", 953, "cord.lab", Duration.ofSeconds(5)), null, 0.5,
                            true), null);
            Harvester watching = new Harvester(clock, new ByteArrayOutputStream(), HarvestListener.NONE,
                    new LeaseFileFollower(leases, 1), new ProbeMemory(Duration.ofMinutes(10)));
            assertThat(outcome(watching.run(config), "198.18.45.9")).isEqualTo(Outcome.UNREACHABLE);

            network.answer("198.18.45.9");
            assertThat(outcome(watching.run(config), "198.18.45.9")).as("its answer is remembered").isEqualTo(Outcome.UNREACHABLE);
            now.set(now.get().plus(Duration.ofMinutes(11)));
            HarvestReport aged = watching.run(config);
            assertThat(outcome(aged, "198.18.45.9")).as("asked again after one period").isEqualTo(Outcome.PUBLISHED);
            assertThat(Files.readString(dir.resolve("hosts.inc"))).contains("flaky ", "steady ");

            network.silence("198.18.45.9");
            assertThat(outcome(watching.run(config), "198.18.45.9")).isEqualTo(Outcome.PUBLISHED);
            now.set(now.get().plus(Duration.ofMinutes(11)));
            assertThat(outcome(watching.run(config), "198.18.45.9")).isEqualTo(Outcome.UNREACHABLE);
            assertThat(Files.readString(dir.resolve("hosts.inc"))).doesNotContain("flaky ").contains("steady ");
        }
    }

    private static Outcome outcome(HarvestReport report, String address) {
        return report.hosts().stream().filter(h -> h.address().equals(address)).findFirst().orElseThrow().outcome();
    }

    /** Probed, remembered, reachable. */
    private static List<Integer> counts(HarvestReport report) {
        HarvestReport.Verification v = report.verification();
        assertThat(v).as(report.summary()).isNotNull();
        return List.of(v.probed(), v.remembered(), v.reachable());
    }

    private static void append(Path leases, LeaseFileWriter more) throws Exception {
        Path part = more.writeTo(leases.resolveSibling("more"));
        String text = Files.readString(part, StandardCharsets.ISO_8859_1);
        String block = text.substring(text.indexOf("\nlease ") + 1);
        Files.writeString(leases, block, StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
    }
}
