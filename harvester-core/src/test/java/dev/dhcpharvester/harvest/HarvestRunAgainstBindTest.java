package dev.dhcpharvester.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dhcpharvester.report.ReportJson;
import dev.dhcpharvester.testing.LeaseFileWriter;
import dev.dhcpharvester.testing.NamedServer;
import dev.dhcpharvester.testing.TestNetwork;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A harvest as the Jenkins step runs it, against a real named: the parameters as the step takes
 * them, progress lines, the report files, the result the controller gets, and the lock that keeps
 * two builds apart.
 */
class HarvestRunAgainstBindTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    NamedServer named;
    final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startNamed() throws Exception {
        assumeTrue(NamedServer.available(), "named is not installed");
        Files.writeString(dir.resolve("dhcp_harvest.inc"), "");
        Path zone = dir.resolve("cord.lab.zone");
        Files.writeString(zone, "$TTL 300\n@ IN SOA ns.cord.lab. h.cord.lab. 1 3600 900 604800 300\n  IN NS ns\n"
                + "ns IN A 127.0.0.1\n$INCLUDE \"" + dir.resolve("dhcp_harvest.inc") + "\"\n");
        named = NamedServer.start(dir, "cord.lab", zone);
        new LeaseFileWriter().active("192.0.2.10", "52:54:00:00:00:0a", "compute-1")
                .active("192.0.2.11", "52:54:00:00:00:0b", "compute-2")
                .active("192.0.2.12", "52:54:00:00:00:0c", "bad name!")
                .writeTo(dir.resolve("dhcpd.leases"));
    }

    @AfterEach
    void stopNamed() {
        if (named != null) {
            named.close();
        }
    }

    /** The step's parameters, with paths relative to the workspace as a Jenkinsfile writes them. */
    HarvestParameters step() {
        return new HarvestParameters().leases("dhcpd.leases").reservations("no-reservations").dest("dhcp_harvest.inc")
                .zone("cord.lab").reload(true).rndcServer("127.0.0.1").rndcPort(named.controlPort())
                .secretKeyFile(named.rndcConf().toString()).asOf("2026-11-25T12:00:00Z");
    }

    @Test
    void publishesIntoNamedWritesBothReportsAndTellsEachStage() throws Exception {
        HarvestResult result = HarvestRun.execute(step(), dir, "dhcp-harvest", progress::add, CLOCK);

        assertThat(result.ok()).as(result.summary()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.published()).isEqualTo(2);
        assertThat(result.rejected()).as("'bad name!' cannot be repaired safely").isEqualTo(1);
        assertThat(result.hosts()).extracting(HarvestResult.Host::name).contains("compute-1", "compute-2");
        assertThat(result.dns()).endsWith("dhcp_harvest.inc written, zone reloaded");
        assertThat(named.addresses("compute-1.cord.lab")).containsExactly("192.0.2.10");
        assertThat(named.addresses("compute-2.cord.lab")).containsExactly("192.0.2.11");

        JsonNode json = ReportJson.mapper().readTree(dir.resolve("dhcp-harvest.json").toFile());
        assertThat(json.get("status").asText()).isEqualTo("ok");
        assertThat(json.get("hosts")).hasSize(3);
        assertThat(Files.readString(dir.resolve("dhcp-harvest.html"))).contains("compute-1", "192.0.2.11");
        assertThat(progress).anyMatch(l -> l.startsWith("read 3 isc lease entries from " + dir.resolve("dhcpd.leases")));
        assertThat(progress).anyMatch(l -> l.startsWith("3 hosts in force, 2 with a name to publish, 1 set aside"));
        assertThat(progress).anyMatch(l -> l.startsWith("publishing 2 hosts to " + dir.resolve("dhcp_harvest.inc")));

        HarvestResult again = HarvestRun.execute(step(), dir, "dhcp-harvest", progress::add, CLOCK);
        assertThat(again.dns()).endsWith("dhcp_harvest.inc unchanged");
    }

    @Test
    void aReloadThatFailsFailsTheRunWithRndcsWordsAndStillWritesTheReport() throws Exception {
        int closedPort = named.controlPort() + 1; // nothing listens next to named's control port
        HarvestResult result = HarvestRun.execute(step().rndcPort(closedPort), dir, "dhcp-harvest", progress::add, CLOCK);

        assertThat(result.ok()).isFalse();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.failure()).contains("rndc").containsIgnoringCase("connection refused");
        assertThat(result.summary()).startsWith("harvest failed: ").doesNotContain("\n");
        assertThat(ReportJson.mapper().readTree(dir.resolve("dhcp-harvest.json").toFile()).get("status").asText())
                .isEqualTo("failed");
    }

    @Test
    void wrongParametersFailBeforeAnythingIsReadNamedAsTheStepNamesThem() throws Exception {
        HarvestResult result = HarvestRun.execute(step().verify(true).verifyMethod("carrier-pigeon"), dir, "r", progress::add,
                CLOCK);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.failure()).isEqualTo("verifyMethod must be icmp, fping, ping, tcp or both, not 'carrier-pigeon'");
        assertThat(progress).isEmpty();
        assertThat(Files.readString(dir.resolve("dhcp_harvest.inc"))).isEmpty();

        HarvestResult badReport = HarvestRun.execute(step(), dir, "../escape", progress::add, CLOCK);
        assertThat(badReport.failure()).startsWith("reportName must be a plain file name");
    }

    @Test
    void aSecondHarvestIntoTheSameFileWaitsUntilTheFirstIsDone() throws Exception {
        Path dest = dir.resolve("dhcp_harvest.inc");
        CompletableFuture<HarvestResult> second;
        try (HarvestLock first = HarvestLock.acquire(HarvestLock.fileFor(dest), () -> { })) {
            second = CompletableFuture.supplyAsync(() -> HarvestRun.execute(step(), dir, "second", progress::add, CLOCK));
            while (progress.stream().noneMatch(l -> l.startsWith("waiting for another harvest into " + dest))) {
                assertThat(second).isNotDone();
                Thread.sleep(10);
            }
            assertThat(Files.readString(dest)).as("nothing written while the first holds the lock").isEmpty();
        }
        HarvestResult result = second.get(60, TimeUnit.SECONDS);
        assertThat(result.ok()).as(result.summary()).isTrue();
        assertThat(Files.readString(dest)).contains("compute-1");
    }

    @Test
    void moreUnreachableHostsThanTheLimitFailTheRun() throws Exception {
        assumeTrue(TestNetwork.available(), "needs root and iproute2 for a test network namespace");
        new LeaseFileWriter().active("198.18.3.1", "52:54:00:00:01:01", "alive")
                .active("198.18.3.200", "52:54:00:00:01:02", "silent-1")
                .active("198.18.3.201", "52:54:00:00:01:03", "silent-2")
                .writeTo(dir.resolve("dhcpd.leases"));
        try (TestNetwork ignored = TestNetwork.create("198.18.0.8/30", "198.18.3.0/24", "198.18.3.0/26")) {
            HarvestParameters probing = step().verify(true).timeout("300ms").verifyRetries(0);

            HarvestResult tooMany = HarvestRun.execute(probing.maxUnreachable("1"), dir, "r", progress::add, CLOCK);
            assertThat(tooMany.exitCode()).as(tooMany.summary()).isEqualTo(1);
            assertThat(tooMany.failure()).isEqualTo("2 of 3 probed hosts did not answer, more than the limit of 1");
            assertThat(tooMany.published()).isEqualTo(1);
            assertThat(progress).anyMatch(l -> l.startsWith("probing 3 hosts with "));
            assertThat(progress).anyMatch(l -> l.startsWith("1 of 3 hosts answered in "));

            HarvestResult within = HarvestRun.execute(probing.maxUnreachable("70%"), dir, "r", progress::add, CLOCK);
            assertThat(within.ok()).as(within.summary()).isTrue();
            assertThat(within.unreachable()).isEqualTo(2);
        }
        assertThat(named.addresses("alive.cord.lab")).containsExactly("198.18.3.1");
    }

    @Test
    void theResultCrossesAJavaSerializationBoundaryAndReadsAsPlainMaps() throws Exception {
        HarvestParameters parameters = step();
        HarvestParameters copied = roundTrip(parameters);
        assertThat(copied.toConfig(HarvestParameters.Dialect.STEP, dir))
                .isEqualTo(parameters.toConfig(HarvestParameters.Dialect.STEP, dir));

        HarvestResult result = roundTrip(HarvestRun.execute(copied, dir, null, progress::add, CLOCK));
        assertThat(result.ok()).isTrue();
        assertThat(Files.exists(dir.resolve("null.json"))).isFalse();
        var map = result.asMap();
        assertThat(map).containsEntry("published", 2).containsEntry("ok", true);
        assertThat(map.get("hosts")).asList().first().asString().contains("name=compute-1", "address=192.0.2.10");

        // What crosses from a Jenkins agent: JDK types only, which Jenkins' class filter lets through.
        var sent = roundTrip(map);
        assertThat(jdkTypesOnly(sent)).isTrue();
        assertThat(HarvestResult.fromMap(sent)).isEqualTo(result);
    }

    static boolean jdkTypesOnly(Object value) {
        if (value instanceof java.util.LinkedHashMap<?, ?> m) {
            return m.keySet().stream().allMatch(String.class::isInstance) && m.values().stream().allMatch(v -> jdkTypesOnly(v));
        }
        if (value instanceof java.util.ArrayList<?> l) {
            return l.stream().allMatch(v -> jdkTypesOnly(v));
        }
        return value == null || value instanceof String || value instanceof Integer || value instanceof Boolean;
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
