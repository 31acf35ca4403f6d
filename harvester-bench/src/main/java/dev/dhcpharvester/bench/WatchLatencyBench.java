package dev.dhcpharvester.bench;

import dev.dhcpharvester.testing.NamedServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Watch mode end to end on a large lease file: the daemon ({@code --watch}) follows a copy of
 * LEASEFILE and publishes into a real named on 127.0.0.1, in include mode (fragment, serial bump,
 * rndc reload) or dynamic mode (RFC 2136 with TSIG). After the first harvest, CHANGES leases are
 * appended one at a time, 0.3 to 1.2 s apart, and the time from the append to the name resolving
 * in named is measured for each. Only DNS records name the generated addresses; nothing is sent to them.
 *
 * <p>With {@code burst} for CHANGES, 10,000 leases are appended instead, one a millisecond over 10 s,
 * and the bench waits until every one resolves and counts the harvests the burst caused.
 *
 * <p>Usage: {@code WatchLatencyBench JAR LEASEFILE include|ddns [CHANGES|burst]}
 */
public final class WatchLatencyBench {

    static final int BURST = 10_000;

    /** 10,000 leases, one a millisecond; every name must resolve; counts the harvests it took. */
    /** The daemon's lines so far: the list grows on the reader's thread while this one looks. */
    static List<String> snapshot(List<String> output) {
        synchronized (output) {
            return new ArrayList<>(output);
        }
    }

    static void burst(Path leases, NamedServer named, String domain, List<String> output, boolean ddns) throws Exception {
        long before = snapshot(output).stream().filter(l -> l.contains("harvest ok")).count();
        long start = System.nanoTime();
        for (int k = 0; k < BURST; k++) {
            Instant now = Instant.now();
            Files.writeString(leases, "lease 10.254." + (k >> 8) + "." + (k & 255) + " {\n  starts 3 "
                    + TIME.format(now.minusSeconds(5)) + ";\n  ends 3 " + TIME.format(now.plus(Duration.ofHours(2)))
                    + ";\n  binding state active;\n  hardware ethernet 52:54:00:fe:" + String.format("%02x:%02x", k >> 8, k & 255)
                    + ";\n  client-hostname \"burst-" + k + "\";\n}\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
            long due = start + (k + 1) * 1_000_000L;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
        }
        long written = System.nanoTime();
        String last = "burst-" + (BURST - 1) + "." + domain;
        while (named.addresses(last).isEmpty()) {
            if (System.nanoTime() - written > TimeUnit.MINUTES.toNanos(5)) {
                throw new IllegalStateException(last + " did not resolve: " + output);
            }
            Thread.sleep(20);
        }
        long lastResolved = System.nanoTime();
        int missing = 0;
        for (int k = 0; k < BURST; k++) {
            if (!named.addresses("burst-" + k + "." + domain).contains("10.254." + (k >> 8) + "." + (k & 255))) {
                missing++;
            }
        }
        long harvests = snapshot(output).stream().filter(l -> l.contains("harvest ok")).count() - before;
        System.out.printf("%s mode burst: %d leases written in %d ms; the last resolved %d ms after the last write;"
                + " %d of %d names missing; %d harvests during and after the burst%n", ddns ? "ddns" : "include", BURST,
                (written - start) / 1_000_000, (lastResolved - written) / 1_000_000, missing, BURST, harvests);
    }

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private WatchLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path source = Path.of(args[1]);
        boolean ddns = args[2].equals("ddns");
        boolean burst = args.length > 3 && args[3].equals("burst");
        int changes = args.length > 3 && !burst ? Integer.parseInt(args[3]) : 30;
        Path dir = Files.createTempDirectory("watch-bench");
        Path leases = dir.resolve("dhcpd.leases");
        Files.copy(source, leases, StandardCopyOption.REPLACE_EXISTING);
        Path fragment = dir.resolve("dhcp_harvest.inc");
        Files.writeString(fragment, "");
        Path zoneFile = dir.resolve("cord.lab.zone");
        Files.writeString(zoneFile, "$TTL 300\n@ IN SOA ns.cord.lab. h.cord.lab. ( 1 3600 900 604800 300 )\n"
                + "  IN NS ns\nns IN A 127.0.0.1\n$INCLUDE \"" + fragment + "\"\n");
        String domain = ddns ? "ddns.test" : "cord.lab";
        try (NamedServer named = NamedServer.start(dir, "cord.lab", zoneFile)) {
            List<String> command = new ArrayList<>(List.of("java", "-Xmx1g", "-jar", jar.toString(), "-l", leases.toString(),
                    "-x", dir.resolve("none").toString(), "-r", "1h", "-e", "0", "--watch", "--debounce", "100ms"));
            if (ddns) {
                command.addAll(List.of("--mode", "ddns", "-z", domain, "--dns-server", "127.0.0.1:" + named.dnsPort(),
                        "--tsig-key", named.tsigKeyFile().toString(), "--ddns-state", dir.resolve("state.json").toString(),
                        "--dns-timeout", "10s"));
            } else {
                command.addAll(List.of("-d", fragment.toString(), "-u", "-z", domain, "-s", "127.0.0.1",
                        "-p", Integer.toString(named.controlPort()), "-k", named.rndcConf().toString(),
                        "--bump-serial", zoneFile.toString()));
            }
            Process daemon = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> output = Collections.synchronizedList(new ArrayList<>());
            BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
            Thread reader = new Thread(() -> out.lines().forEach(output::add));
            reader.setDaemon(true);
            reader.start();
            try {
                long start = System.nanoTime();
                while (snapshot(output).stream().noneMatch(l -> l.contains("harvest ok") || l.contains("harvest failed"))) {
                    if (!daemon.isAlive() || System.nanoTime() - start > TimeUnit.MINUTES.toNanos(20)) {
                        throw new IllegalStateException("no first harvest: " + output);
                    }
                    Thread.sleep(50);
                }
                System.out.printf("first harvest (whole read, every name published) after %d ms: %s%n",
                        (System.nanoTime() - start) / 1_000_000, snapshot(output).stream()
                                .filter(l -> l.contains("harvest ok") || l.contains("harvest failed")).findFirst().get());
                if (burst) {
                    burst(leases, named, domain, output, ddns);
                    return;
                }
                Random random = new Random(1);
                List<Long> delays = new ArrayList<>();
                for (int k = 1; k <= changes; k++) {
                    Thread.sleep(300 + random.nextInt(900));
                    Instant now = Instant.now();
                    String address = "10.255.1." + k;
                    String name = "watch-" + k;
                    Files.writeString(leases, "lease " + address + " {\n  starts 3 " + TIME.format(now.minusSeconds(5))
                            + ";\n  ends 3 " + TIME.format(now.plus(Duration.ofHours(2))) + ";\n  cltt 3 "
                            + TIME.format(now.minusSeconds(5)) + ";\n  binding state active;\n  next binding state free;\n"
                            + "  hardware ethernet 52:54:00:ff:01:" + String.format("%02x", k) + ";\n  client-hostname \""
                            + name + "\";\n}\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
                    long t0 = System.nanoTime();
                    while (!named.addresses(name + "." + domain).contains(address)) {
                        if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                            throw new IllegalStateException(name + " did not resolve within 60 s: " + output);
                        }
                        Thread.sleep(5);
                    }
                    delays.add((System.nanoTime() - t0) / 1_000_000);
                }
                List<Long> sorted = new ArrayList<>(delays);
                Collections.sort(sorted);
                long harvests = snapshot(output).stream().filter(l -> l.contains("harvest ok")).count();
                System.out.printf("%s mode: lease appended -> name resolves in named, ms: %s%n", ddns ? "ddns" : "include", delays);
                System.out.printf("%s mode: median %d ms, p95 %d ms, max %d ms over %d changes; %d harvests%n",
                        ddns ? "ddns" : "include", sorted.get(sorted.size() / 2),
                        sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.get(sorted.size() - 1), changes, harvests);
                snapshot(output).stream().filter(l -> l.contains("harvest")).skip(Math.max(0, harvests - 2))
                        .forEach(l -> System.out.println("  daemon: " + l));
            } finally {
                daemon.toHandle().destroy();
                daemon.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
