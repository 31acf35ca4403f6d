package dev.dhcpharvester.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.testing.NamedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as users run it ({@code java -jar}), so that a library missing from it fails
 * here: the unit tests see the whole test class path, the jar only what was shaded into it. Both
 * publication modes reach a real named.
 */
class ShadedJarIT {

    static final Path JAR = Path.of("target/dhcp-harvester.jar");

    record Run(int exitCode, String output) {
    }

    static Run jar(String... args) throws Exception {
        return java(List.of(), args);
    }

    static Run java(List<String> options, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }

    @Test
    void dynamicDnsModeFromTheJarUpdatesNamed(@TempDir Path dir) throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        try (NamedServer named = NamedServer.start(dir)) {
            Run run = jar("-l", "../examples/dhcpd.leases", "-x", "../examples/dhcpd.reservations", "--mode", "ddns",
                    "-z", "ddns.test", "--dns-server", "127.0.0.1:" + named.dnsPort(), "--tsig-key",
                    named.tsigKeyFile().toString(), "--ddns-state", dir.resolve("state.json").toString(),
                    "--as-of", "2026-11-25T12:00:00Z");

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("harvest ok");
            assertThat(named.addresses("compute-2.ddns.test.")).containsExactly("10.6.0.11");
        }
    }

    @Test
    void includeModeFromTheJarPrintsTheFragment() throws Exception {
        Run run = jar("-l", "../examples/dhcpd.leases", "-x", "../examples/dhcpd.reservations", "-d", "-",
                "--as-of", "2026-11-25T12:00:00Z");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("compute-1", " IN A ", "harvest ok");
    }

    @Test
    void aHeapTooSmallForTheHostsIsOneLineAndExitOneNotAStackTrace(@TempDir Path dir) throws Exception {
        StringBuilder leases = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            leases.append("0 52:54:00:").append(String.format("%02x:%02x:%02x", i >> 16 & 0xff, i >> 8 & 0xff, i & 0xff))
                    .append(" 10.").append(i >> 16 & 0xff).append('.').append(i >> 8 & 0xff).append('.').append(i & 0xff)
                    .append(" host-").append(i).append(" *\n");
        }
        Path file = java.nio.file.Files.writeString(dir.resolve("dnsmasq.leases"), leases);
        Path dest = dir.resolve("hosts.inc");

        Run run = java(List.of("-Xmx24m"), "-l", file.toString(), "-x", dir.resolve("none").toString(), "-d", dest.toString());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output().strip().lines()).singleElement().asString()
                .startsWith("harvest failed: out of memory: the Java heap (").contains("nothing published", "-Xmx");
        assertThat(dest).doesNotExist();
    }
}
