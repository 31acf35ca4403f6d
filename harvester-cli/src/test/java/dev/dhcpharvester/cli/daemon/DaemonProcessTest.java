package dev.dhcpharvester.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as a real process: it refuses unsafe listening, and SIGTERM mid-harvest leaves a whole file. */
class DaemonProcessTest {

    static ProcessBuilder daemon(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    @Test
    void aNonLoopbackAddressWithoutATokenRefusesToStart() throws Exception {
        Process p = daemon("-l", "../examples/dhcpd.leases", "-d", "-", "-r", "1h", "-a", "0.0.0.0", "-e", "0").start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(output).contains("refusing to listen on 0.0.0.0 without --api-token-file");
    }

    @Test
    void sigtermDuringAHarvestExitsZeroAndLeavesTheOldOrTheNewFileWhole(@TempDir Path dir) throws Exception {
        StringBuilder leases = new StringBuilder();
        int count = 150_000;
        for (int i = 0; i < count; i++) {
            leases.append("lease 10.").append(i >> 16 & 255).append('.').append(i >> 8 & 255).append('.').append(i & 255)
                    .append(" {\n  starts 3 2026/11/25 08:00:00;\n  ends never;\n  binding state active;\n")
                    .append("  hardware ethernet 52:54:00:00:").append(String.format("%02x:%02x", i >> 8 & 255, i & 255))
                    .append(";\n  client-hostname \"h").append(i).append("\";\n}\n");
        }
        Path leaseFile = dir.resolve("dhcpd.leases");
        Files.writeString(leaseFile, leases);
        Path dest = dir.resolve("dhcp_harvest.inc");
        String old = "; old\nold-1 IN A 10.0.0.1\n";
        Files.writeString(dest, old);

        Process p = daemon("-l", leaseFile.toString(), "-x", dir.resolve("none").toString(), "-d", dest.toString(),
                "-r", "1h", "-e", "0", "--force").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).contains("dhcp-harvester daemon: harvest every 3600 s");
        Thread.sleep(300); // let the first harvest (about a second for this file) get under way; either outcome must hold
        p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our pipes)

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> rest = out.lines().toList();
        assertThat(p.exitValue()).as(String.join("\n", rest)).isZero();
        assertThat(rest).last().asString().contains("daemon stopped");
        String now = Files.readString(dest);
        if (!now.equals(old)) {
            assertThat(now).endsWith("\n");
            assertThat(now.lines().filter(l -> l.contains(" IN A "))).hasSize(count);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** Whether this process ignores SIGHUP (run under nohup): its children would too, and never see one. */
    static boolean hangupIgnored() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        return Files.exists(status) && Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseLong(l.substring(7).trim(), 16) & 1) != 0);
    }

    @Test
    void aDaemonStartedWithSighupIgnoredSaysSoInsteadOfLeavingItUnanswered(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = daemon("-l", "../examples/dhcpd.leases", "-x", dir.resolve("none").toString(), "-d",
                dir.resolve("out.inc").toString(), "-r", "1h", "-e", "0");
        List<String> command = new ArrayList<>(List.of("nohup"));
        command.addAll(builder.command());
        Process p = builder.command(command).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("SIGHUP is ignored by this process (started with nohup?): SIGHUP will not"
                    + " trigger a harvest; use POST /harvest");
        } finally {
            p.toHandle().destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void sighupHarvestsNowAndTheConfigFileSuppliesTheOptions(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(hangupIgnored(), "run under nohup: the daemon could not see SIGHUP");
        Path config = dir.resolve("harvester.yaml");
        // A daemon judges leases at the real now, so the example's times are moved to make now its 12:00.
        Path leases = shifted(Path.of("../examples/dhcpd.leases"), dir.resolve("dhcpd.leases"));
        Files.writeString(config, "leases: " + leases + "\nreservations: ../examples/dhcpd.reservations\n"
                + "dest: " + dir.resolve("out.inc") + "\nrepeat: 1h\napiport: 0\nquiet: 0s\nfilter: [compute, head]\n");
        Process p = daemon("--config", config.toString()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).contains("harvest every 3600 s");
            assertThat(out.readLine()).contains("harvest ok: 8 hosts in force, 4 published", "3 filtered");

            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();

            assertThat(out.readLine()).contains("SIGHUP: harvesting now");
            assertThat(out.readLine()).contains("harvest ok: 8 hosts in force, 4 published", "unchanged");
        } finally {
            p.toHandle().destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).isZero();
    }

    /** Copies a lease file with every time moved by the same amount, so that its 2026-11-25 12:00 is now. */
    static Path shifted(Path example, Path copy) throws java.io.IOException {
        java.time.Duration by = java.time.Duration.between(java.time.Instant.parse("2026-11-25T12:00:00Z"),
                java.time.Instant.now());
        java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(\\s*\\w+) \\d (\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d);")
                .matcher(Files.readString(example));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            java.time.LocalDateTime t = java.time.LocalDateTime.parse(m.group(2), format).plus(by);
            m.appendReplacement(out, m.group(1) + " " + t.getDayOfWeek().getValue() % 7 + " " + t.format(format) + ";");
        }
        m.appendTail(out);
        Files.writeString(copy, out);
        return copy;
    }
}
