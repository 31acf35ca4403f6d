package dev.dhcpharvester.bench;

import dev.dhcpharvester.harvest.HarvestConfig;
import dev.dhcpharvester.harvest.HarvestListener;
import dev.dhcpharvester.harvest.Harvester;
import dev.dhcpharvester.naming.NamePolicy;
import dev.dhcpharvester.publication.IncludeOptions;
import dev.dhcpharvester.publication.RndcOptions;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.publication.ddns.DdnsSettings;
import dev.dhcpharvester.publication.ddns.DnsServer;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.selection.LeaseFileFollower;
import dev.dhcpharvester.testing.NamedServer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The cost of one watch-mode cycle on a large lease file: a whole read first, then cycles that
 * each follow one appended lease, in include mode (fragment written, no reload) or in dynamic DNS
 * mode (updates sent to a named on 127.0.0.1 that the bench starts). Prints each cycle's CPU time
 * (the harvest thread's, plus the process's, which counts GC, the JIT compilers and the read
 * threads) and wall time, and the medians: of all append cycles, and of the last third (once the
 * JIT has compiled the cycle, as in a daemon that has run a while). The stages' own lines come
 * from the progress listener.
 *
 * <p>Usage: {@code WatchCycleBench LEASEFILE WORKDIR [CYCLES [include|ddns]]}; LEASEFILE is copied into WORKDIR.
 */
public final class WatchCycleBench {

    private static final long[] START = {System.nanoTime()};

    private WatchCycleBench() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1])).toAbsolutePath();
        int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path leases = work.resolve("watched.leases");
        Files.copy(source, leases, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path dest = work.resolve("watch.inc");
        Files.deleteIfExists(dest);

        Instant asOf = Instant.parse("2026-11-25T12:00:00Z");
        RndcOptions rndc = new RndcOptions("rndc", null, "127.0.0.1", 953, null, Duration.ofSeconds(5));
        boolean dynamic = args.length > 3 && args[3].equals("ddns");
        NamedServer named = null;
        DdnsSettings ddns = null;
        if (dynamic) {
            Path namedDir = work.resolve("named");
            if (Files.isDirectory(namedDir)) {
                try (var old = Files.walk(namedDir)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            named = NamedServer.start(Files.createDirectories(namedDir));
            ddns = new DdnsSettings(List.of("ddns.test"), List.of(), List.of(new DnsServer("127.0.0.1", named.dnsPort())),
                    java.util.Map.of(), named.tsigKeyFile(), null, namedDir.resolve("state.json"), Duration.ofSeconds(10),
                    DdnsPublisher.ConflictMode.CHECK_WITH_DHCID, false, null);
        }
        HarvestConfig config = new HarvestConfig(leases, work.resolve("none"), NamePolicy.ALL, null,
                new IncludeOptions(dest, null, "cord.lab", false, rndc, null, 1.0, true), asOf, ddns);
        boolean verbose = System.getenv("WATCH_BENCH_VERBOSE") != null;
        long[] t0 = START;
        HarvestListener listener = verbose ? line -> System.out.printf("    +%d ms %s%n", (System.nanoTime() - t0[0]) / 1_000_000, line)
                : HarvestListener.NONE;
        LeaseFileFollower follower = new LeaseFileFollower(leases, Math.min(4, Runtime.getRuntime().availableProcessors()));
        Harvester harvester = new Harvester(Clock.fixed(asOf, ZoneOffset.UTC), OutputStream.nullOutputStream(), listener,
                follower);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        long[] whole = measure(harvester, config, threads, os);
        System.out.printf("whole read (first cycle): %d ms CPU (harvest thread), %d ms CPU (process), %d ms wall%n",
                whole[0], whole[1], whole[2]);
        List<Long> thread = new ArrayList<>();
        List<Long> process = new ArrayList<>();
        List<Long> wall = new ArrayList<>();
        for (int k = 0; k < cycles; k++) {
            Files.writeString(leases, "lease 10.255." + k / 50 + "." + (200 + k % 50) + " {\n  starts 3 2026/11/25 11:59:00;\n"
                    + "  ends 3 2026/11/25 23:59:00;\n  cltt 3 2026/11/25 11:59:00;\n  binding state active;\n"
                    + "  next binding state free;\n  hardware ethernet 52:54:00:ff:" + String.format("%02x:%02x", k / 256, k % 256) + ";\n"
                    + "  client-hostname \"joined-" + k + "\";\n}\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
            long[] m = measure(harvester, config, threads, os);
            thread.add(m[0]);
            process.add(m[1]);
            wall.add(m[2]);
            System.out.printf("append cycle %d: %d ms CPU (harvest thread), %d ms CPU (process), %d ms wall, read %s%n",
                    k + 1, m[0], m[1], m[2], follower.lastRead());
        }
        System.out.printf("median of %d append cycles: %d ms CPU (harvest thread), %d ms CPU (process), %d ms wall;"
                + " whole read / append cycle (process CPU): %.0fx%n", cycles, median(thread), median(process), median(wall),
                (double) whole[1] / Math.max(1, median(process)));
        int settled = cycles - cycles / 3;
        System.out.printf("median of the last %d append cycles: %d ms CPU (harvest thread), %d ms CPU (process), %d ms wall;"
                + " their mean process CPU (finer than its 10 ms ticks): %.1f ms%n",
                cycles - settled, median(thread.subList(settled, cycles)), median(process.subList(settled, cycles)),
                median(wall.subList(settled, cycles)),
                process.subList(settled, cycles).stream().mapToLong(Long::longValue).average().orElse(0));
        // dhcpd's periodic rewrite: the same leases in a new file (every block at another line), read whole
        Path rewritten = work.resolve("watched.leases.new");
        Files.copy(leases, rewritten, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(rewritten, leases, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        long[] rewrite = measure(harvester, config, threads, os);
        System.out.printf("rewrite cycle (the file replaced, read whole): %d ms CPU (harvest thread), %d ms CPU (process),"
                + " %d ms wall, read %s%n", rewrite[0], rewrite[1], rewrite[2], follower.lastRead());
        if (named != null) {
            named.close();
        }
    }

    static long[] measure(Harvester harvester, HarvestConfig config, ThreadMXBean threads,
            com.sun.management.OperatingSystemMXBean os) {
        START[0] = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long proc0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        HarvestReport report = harvester.run(config);
        long[] m = {(threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000, (os.getProcessCpuTime() - proc0) / 1_000_000,
                (System.nanoTime() - wall0) / 1_000_000};
        if (report.status() != HarvestReport.Status.OK) {
            throw new IllegalStateException(report.summary());
        }
        return m;
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
