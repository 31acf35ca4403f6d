package dev.dhcpharvester.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The collector {@code bin/dhcp-harvester} chooses, as the JVM it starts reports its flags: a
 * one-shot harvest runs the throughput collector with the guard that turns its endless collecting
 * of a too-small heap into the out-of-memory error; a daemon keeps G1; a collector the user names wins.
 * And the class-data archive it makes for the jar, from which the JVM maps a harvest's classes.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("../bin/dhcp-harvester");

    /** The output (stdout and stderr) of a launcher run with {@code javaOpts} and {@code args}, which must succeed. */
    private static String run(String javaOpts, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_OPTS", javaOpts);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    /** The JVM flags of a launcher run with {@code javaOpts} (and -XX:+PrintFlagsFinal) and {@code args}. */
    private static Map<String, String> flags(String javaOpts, String... args) throws Exception {
        String output = run(javaOpts + " -XX:+PrintFlagsFinal", args);
        Map<String, String> flags = new TreeMap<>();
        for (String line : output.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[2].equals("=")) {
                flags.put(f[1], f[3]);
            }
        }
        return flags;
    }

    @Test
    void aOneShotHarvestRunsTheThroughputCollectorGuardedAgainstCollectingForever() throws Exception {
        Map<String, String> flags = flags("-Xmx64m", "--version");

        assertThat(flags).containsEntry("UseParallelGC", "true").containsEntry("UseG1GC", "false")
                .containsEntry("GCHeapFreeLimit", "30").containsEntry("TieredStopAtLevel", "1")
                .containsEntry("Tier3BackEdgeThreshold", "6000").containsEntry("Tier3InvocationThreshold", "100")
                .containsEntry("MaxTenuringThreshold", "0")
                .containsEntry("UseTransparentHugePages", String.valueOf(kernelGivesHugePagesOnRequest()));
    }

    /** Whether this kernel's transparent huge pages are in "madvise" mode, where the JVM must ask for them. */
    private static boolean kernelGivesHugePagesOnRequest() throws Exception {
        Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        return Files.isReadable(mode) && Files.readString(mode).contains("[madvise]");
    }

    @Test
    void aDaemonKeepsG1() throws Exception {
        assertThat(flags("", "-r", "5m", "--version")).containsEntry("UseG1GC", "true")
                .containsEntry("UseParallelGC", "false").containsEntry("GCHeapFreeLimit", "2")
                .containsEntry("Tier3BackEdgeThreshold", "60000") // both compilers, at their own thresholds
                .containsEntry("MaxTenuringThreshold", "15").containsEntry("UseTransparentHugePages", "false");
    }

    @Test
    void aCollectorNamedInJavaOptsWins() throws Exception {
        assertThat(flags("-XX:+UseSerialGC", "--version")).containsEntry("UseSerialGC", "true")
                .containsEntry("UseParallelGC", "false").containsEntry("GCHeapFreeLimit", "2");
    }

    @Test
    void theClassesOfAHarvestComeFromTheClassDataArchiveMadeForThisJar() throws Exception {
        run("", "--version"); // makes the archive if this jar has none yet

        String loaded = run("-Xlog:class+load", "-l", "../examples/dnsmasq.leases", "-x", "/nonexistent", "-d", "-",
                "--as-of", "2026-11-25T12:00:00Z");

        assertThat(loaded).contains("picocli.CommandLine source: shared objects file")
                .contains("dev.dhcpharvester.source.DnsmasqLeaseParser source: shared objects file")
                .doesNotContain("source: file:");
    }
}
