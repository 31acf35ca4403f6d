package dev.dhcpharvester.bench;

import dev.dhcpharvester.publication.ddns.TsigKeyFile;
import dev.dhcpharvester.source.KeaCsvLeaseParser;
import dev.dhcpharvester.testing.KeaDhcpNetwork;
import dev.dhcpharvester.testing.NamedServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Kea D2 against ours, with the same kea-dhcp4 (DDNS on, in a network namespace), the same
 * perfdhcp load and the same kind of named (started fresh for each run on 127.0.0.1): perfdhcp
 * makes LEASES new leases at RATE per second, Kea sends an NCR for each to 198.19.8.1, where
 * kea-dhcp-ddns or our daemon (reading the very same kea-dhcp-ddns.conf) listens. Measured: the
 * names in DNS at the end, the names dropped (leases with a name that never reached DNS), and the
 * time from the first lease to the final state (the last change to the zone), and the listener's
 * CPU time over that. Both listeners are warmed up first with the same NCRs ({@link #warmUp}).
 *
 * <p>Usage: {@code NcrBench JAR d2|ours RATE LEASES [RUNS]}
 */
public final class NcrBench {

    private NcrBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        String consumer = args[1];
        int rate = Integer.parseInt(args[2]);
        int leases = Integer.parseInt(args[3]);
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        for (int run = 1; run <= runs; run++) {
            run(jar, consumer, rate, leases, run);
        }
    }

    static void run(Path jar, String consumer, int rate, int leases, int run) throws Exception {
        Path dir = Files.createTempDirectory("ncr-bench");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (NamedServer named = NamedServer.start(dir);
                KeaDhcpNetwork kea = KeaDhcpNetwork.start(dir, port, "ddns.test.", leases + 100)) {
            Path config = d2Config(dir, named, KeaDhcpNetwork.NCR_ADDRESS, port);
            Process listener = consumer.equals("d2") ? startD2(dir, config) : startOurs(dir, config, jar);
            try {
                TSIG key = TsigKeyFile.read(named.tsigKeyFile()).get(0).signer();
                warmUp(named, key, port);
                AtomicInteger published = new AtomicInteger();
                double cpuAtStart = cpuSeconds(listener.pid());
                long d2LogAtStart = consumer.equals("d2") ? Files.readString(dir.resolve("d2.log")).lines()
                        .filter(l -> l.contains("QUEUE_FULL")).count() : 0;
                double systemAtStart = cpu(listener.pid())[1];
                long t0 = System.nanoTime();
                long[] lastChange = {t0};
                Thread watcher = new Thread(() -> {
                    int last = 0;
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            int now = (int) named.transfer("ddns.test", key).stream().filter(r -> r.getType() == Type.A)
                                    .filter(r -> r.getName().toString().startsWith("kea-")).count();
                            if (now != last) {
                                last = now;
                                published.set(now);
                                lastChange[0] = System.nanoTime();
                            }
                            Thread.sleep(250);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            // named busy: look again
                        }
                    }
                }, "zone-watcher");
                watcher.setDaemon(true);
                watcher.start();
                String report = kea.perfdhcp(leases, rate);
                long perfDone = System.nanoTime();
                Set<String> named4 = new HashSet<>();
                KeaCsvLeaseParser.parse(kea.leases(), l -> {
                    if (l.hostname() != null && !l.hostname().isEmpty()) {
                        named4.add(l.hostname());
                    }
                });
                // the final state: every named lease in DNS, or no change for 10 s
                while (published.get() < named4.size() && System.nanoTime() - Math.max(lastChange[0], perfDone)
                        < TimeUnit.SECONDS.toNanos(10)) {
                    Thread.sleep(100);
                }
                watcher.interrupt();
                watcher.join();
                double seconds = (lastChange[0] - t0) / 1e9;
                Matcher achieved = Pattern.compile("Rate: ([0-9.]+) 4-way").matcher(report);
                String log = consumer.equals("d2") ? Files.readString(dir.resolve("d2.log")) : "";
                long queueFull = log.lines().filter(l -> l.contains("QUEUE_FULL")).count() - d2LogAtStart; // not the warm-up's
                double cpu = cpuSeconds(listener.pid()) - cpuAtStart;
                double system = cpu(listener.pid())[1] - systemAtStart;
                System.out.printf("%s run %d: perfdhcp %d leases at %d/s (achieved %s/s); Kea granted %d named leases;"
                        + " %d names in DNS, %d dropped; final state after %.1f s (%.0f names/s); %.1f s CPU (%.1f s system)%s%n",
                        consumer.equals("d2") ? "Kea D2" : "ours", run, leases, rate, achieved.find() ? achieved.group(1) : "?",
                        named4.size(), published.get(), named4.size() - published.get(), seconds, published.get() / seconds,
                        cpu, system, consumer.equals("d2") ? ", D2 logged queue full " + queueFull + " times" : "");
                if (System.getenv("NCR_BENCH_VERBOSE") != null) {
                    System.out.println(report);
                    java.util.Map<String, Double> byThread = new java.util.TreeMap<>();
                    try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + listener.pid() + "/task"))) {
                        for (Path task : tasks.toList()) {
                            String stat = Files.readString(task.resolve("stat"));
                            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "N");
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            byThread.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0, Double::sum);
                        }
                    }
                    System.out.println("CPU seconds by thread (whole life, warm-up included): " + byThread);
                }
                if (kea.log().contains("QUEUE_FULL")) {
                    System.out.println("  kea-dhcp4's own NCR queue overflowed too");
                }
            } finally {
                listener.toHandle().destroy();
                listener.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** NCRs sent to warm the listener up before the measured load, as a long-running daemon is. */
    static final int WARM_UP = 20_000;

    /**
     * The same warm-up for both: {@link #WARM_UP} NCRs (names warm-N, addresses outside Kea's pool)
     * sent at 2,000 a second straight to the listener, and a wait until they are all in DNS or
     * stop arriving. Our JVM compiles its hot code here, as it would long before a real burst.
     */
    static void warmUp(NamedServer named, TSIG key, int port) throws Exception {
        java.net.InetSocketAddress to = new java.net.InetSocketAddress(KeaDhcpNetwork.NCR_ADDRESS, port);
        try (java.nio.channels.DatagramChannel sender = java.nio.channels.DatagramChannel.open()) {
            long start = System.nanoTime();
            for (int i = 0; i < WARM_UP; i++) {
                String fqdn = "warm-" + i + ".ddns.test.";
                dev.dhcpharvester.ncr.NameChangeRequest request = new dev.dhcpharvester.ncr.NameChangeRequest(
                        dev.dhcpharvester.ncr.NameChangeRequest.Type.ADD, true, true, fqdn,
                        "198.18." + (100 + i / 250) + "." + (i % 250 + 1), // outside the pool Kea hands out
                        java.util.HexFormat.of().formatHex(dev.dhcpharvester.publication.ddns.Dhcid.rdata(0,
                                java.util.HexFormat.of().parseHex(String.format("01525401%02x%02x%02x", i >> 16 & 255, i >> 8 & 255, i & 255)), fqdn)),
                        java.time.Instant.now().plusSeconds(3600), 1200,
                        dev.dhcpharvester.publication.ddns.DdnsPublisher.ConflictMode.CHECK_WITH_DHCID);
                sender.send(java.nio.ByteBuffer.wrap(dev.dhcpharvester.ncr.NcrCodec.encodeDatagram(request)), to);
                long due = start + (i + 1) * 500_000L;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
            }
        }
        long last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(3)) {
            long now = named.transfer("ddns.test", key).stream().filter(r -> r.getType() == Type.A)
                    .filter(r -> r.getName().toString().startsWith("warm-")).count();
            if (now == WARM_UP) {
                break;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
            Thread.sleep(250);
        }
        Thread.sleep(1000);
    }

    /** User and system CPU a process has used, from /proc (clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws java.io.IOException {
        return cpu(pid)[0] + cpu(pid)[1];
    }

    /** User and system CPU seconds. */
    static double[] cpu(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new double[] {Long.parseLong(fields[11]) / 100.0, Long.parseLong(fields[12]) / 100.0};
    }

    /** The configuration Kea D2 reads, and ours too (--kea-d2-config); D2 logs only warnings, as it would in production. */
    static Path d2Config(Path dir, NamedServer named, String address, int port) throws Exception {
        return named.writeKeaD2Config(dir.resolve("kea-dhcp-ddns.conf"), address, port, named.dnsPort(),
                dir.resolve("d2.log"), "WARN");
    }

    static Process startD2(Path dir, Path config) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/usr/sbin/kea-dhcp-ddns", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("d2.out").toFile());
        builder.environment().put("KEA_LOCKFILE_DIR", dir.toString());
        builder.environment().put("KEA_PIDFILE_DIR", dir.toString());
        Process d2 = builder.start();
        Thread.sleep(1000); // D2 says nothing at WARN when it is ready
        if (!d2.isAlive()) {
            throw new IllegalStateException("kea-dhcp-ddns exited: " + Files.readString(dir.resolve("d2.out")));
        }
        return d2;
    }

    static Process startOurs(Path dir, Path config, Path jar) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("java"));
        String options = System.getenv("NCR_BENCH_JAVA_OPTS"); // e.g. a JFR recording, to see where the time goes
        if (options != null && !options.isBlank()) {
            command.addAll(java.util.List.of(options.trim().split("\\s+")));
        }
        command.addAll(java.util.List.of("-jar", jar.toString(), "--kea-d2-config", config.toString(),
                "--ncr-allow-remote", "--ncr-journal", dir.resolve("journal").toString(), "--ddns-state",
                dir.resolve("state.json").toString(), "-e", "0"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        for (int skipped = 0; first != null && !first.contains("NCRs on udp") && skipped < 10; skipped++) {
            first = out.readLine(); // the JVM's own lines (a JFR recording starting)
        }
        if (first == null || !first.contains("NCRs on udp")) {
            throw new IllegalStateException("our daemon did not start: " + first);
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return p;
    }
}
