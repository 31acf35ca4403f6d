package dev.dhcpharvester.bench;

import dev.dhcpharvester.harvest.HarvestConfig;
import dev.dhcpharvester.harvest.Harvester;
import dev.dhcpharvester.naming.NamePolicy;
import dev.dhcpharvester.publication.IncludeOptions;
import dev.dhcpharvester.publication.RndcOptions;
import dev.dhcpharvester.publication.ddns.DdnsSettings;
import dev.dhcpharvester.publication.ddns.DnsServer;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.testing.LeaseFileWriter;
import dev.dhcpharvester.testing.NamedServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * Dynamic DNS benchmark: HOSTS new hosts (forward and reverse) published into a real named started
 * here on 127.0.0.1, all checked resolvable, then an unchanged cycle. The addresses (198.18.0.0/15)
 * only appear in DNS records; nothing is sent to them.
 *
 * <p>Usage: {@code DdnsBench [HOSTS [RUNS]]}
 */
public final class DdnsBench {

    private DdnsBench() {
    }

    /**
     * The same hosts through Kea's D2: NameChangeRequests (forward and reverse) sent over UDP at
     * {@code rate} per second, D2 updating the same kind of named; measures the time until the
     * last name is in DNS (the zone's serial stops moving) and counts the names that never arrive.
     */
    static void keaD2(int hosts, int rate, int run) throws Exception {
        Path dir = Files.createTempDirectory("d2-bench");
        try (NamedServer named = NamedServer.start(dir)) {
            int port;
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Path config = NcrBench.d2Config(dir, named, "127.0.0.1", port);
            ProcessBuilder builder = new ProcessBuilder("/usr/sbin/kea-dhcp-ddns", "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("d2.out").toFile());
            builder.environment().put("KEA_LOCKFILE_DIR", dir.toString());
            builder.environment().put("KEA_PIDFILE_DIR", dir.toString());
            Process d2 = builder.start();
            try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
                Thread.sleep(1000); // let D2 bind its socket
                long serial0 = named.soaSerial("ddns.test");
                long start = System.nanoTime();
                for (int i = 0; i < hosts; i++) {
                    String fqdn = "host-" + i + ".ddns.test";
                    byte[] dhcid = dev.dhcpharvester.publication.ddns.Dhcid.rdata(0,
                            java.util.HexFormat.of().parseHex(String.format("01525400%02x%02x%02x", i >> 16 & 255, i >> 8 & 255, i & 255)), fqdn);
                    String ncr = "{\"change-type\": 0, \"forward-change\": true, \"reverse-change\": true, \"fqdn\": \"" + fqdn
                            + ".\", \"ip-address\": \"198.18." + (i / 250) + "." + (i % 250 + 1) + "\", \"dhcid\": \""
                            + java.util.HexFormat.of().withUpperCase().formatHex(dhcid)
                            + "\", \"lease-expires-on\": \"20261125200000\", \"lease-length\": 43200, \"use-conflict-resolution\": true}";
                    byte[] body = ncr.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    java.nio.ByteBuffer datagram = java.nio.ByteBuffer.allocate(2 + body.length).putShort((short) body.length).put(body);
                    socket.send(new java.net.DatagramPacket(datagram.array(), datagram.capacity(),
                            java.net.InetAddress.getLoopbackAddress(), port));
                    long due = start + (long) (i + 1) * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                }
                long sentAt = System.nanoTime();
                long last = serial0;
                long lastChange = System.nanoTime();
                while (System.nanoTime() - lastChange < 3_000_000_000L) {
                    Thread.sleep(100);
                    long serial = named.soaSerial("ddns.test");
                    if (serial != last) {
                        last = serial;
                        lastChange = System.nanoTime();
                    }
                }
                int resolvable = 0;
                for (int i = 0; i < hosts; i++) {
                    if (!named.query("host-" + i + ".ddns.test.", Type.A).isEmpty()) {
                        resolvable++;
                    }
                }
                long millis = (Math.max(lastChange, sentAt) - start) / 1_000_000;
                System.out.printf("Kea D2 run %d: %d NCRs sent at %d/s; %d names in DNS after %d ms (%.0f hosts/s), %d dropped%n",
                        run, hosts, rate, resolvable, millis, resolvable * 1000.0 / millis, hosts - resolvable);
            } finally {
                d2.destroy();
                d2.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int d2Rate = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        if (d2Rate > 0 && Files.isExecutable(Path.of("/usr/sbin/kea-dhcp-ddns"))) {
            for (int run = 1; run <= runs; run++) {
                keaD2(hosts, d2Rate, run);
            }
        }
        for (int run = 1; run <= runs; run++) {
            Path dir = Files.createTempDirectory("ddns-bench");
            try (NamedServer named = NamedServer.start(dir)) {
                LeaseFileWriter writer = new LeaseFileWriter();
                for (int i = 0; i < hosts; i++) {
                    writer.active("198.18." + (i / 250) + "." + (i % 250 + 1),
                            String.format("52:54:00:%02x:%02x:%02x", i >> 16 & 255, i >> 8 & 255, i & 255), "host-" + i);
                }
                Path leases = writer.writeTo(dir.resolve("dhcpd.leases"));
                DdnsSettings ddns = new DdnsSettings(List.of("ddns.test"), List.of("18.198.in-addr.arpa"),
                        List.of(new DnsServer("127.0.0.1", named.dnsPort())), java.util.Map.of(), named.tsigKeyFile(), null,
                        dir.resolve("state.json"), Duration.ofSeconds(10),
                        dev.dhcpharvester.publication.ddns.DdnsPublisher.ConflictMode.CHECK_WITH_DHCID, false, null);
                IncludeOptions unused = new IncludeOptions(null, null, null, false,
                        new RndcOptions("rndc", null, "127.0.0.1", 953, null, Duration.ofSeconds(1)), null, 0.5, true);
                HarvestConfig config = new HarvestConfig(leases, null, NamePolicy.ALL, null, unused,
                        Instant.parse("2026-11-25T12:00:00Z"), ddns);
                Harvester harvester = new Harvester(Clock.systemUTC(), new ByteArrayOutputStream());

                long t0 = System.nanoTime();
                HarvestReport first = harvester.run(config);
                long firstMillis = (System.nanoTime() - t0) / 1_000_000;
                int resolvable = 0;
                for (int i = 0; i < hosts; i++) {
                    if (!named.query("host-" + i + ".ddns.test.", Type.A).isEmpty()) {
                        resolvable++;
                    }
                }
                t0 = System.nanoTime();
                HarvestReport second = harvester.run(config);
                long secondMillis = (System.nanoTime() - t0) / 1_000_000;
                // further unchanged cycles, as the daemon runs them one after another
                List<Long> cycles = new java.util.ArrayList<>();
                int sentInCycles = 0;
                for (int cycle = 0; cycle < 7; cycle++) {
                    long c0 = System.nanoTime();
                    sentInCycles += harvester.run(config).ddns().updatesSent();
                    cycles.add((System.nanoTime() - c0) / 1_000_000);
                }
                System.out.printf("run %d: %d new hosts published in %d ms (%.0f hosts/s, %d UPDATE messages), %d/%d resolvable;"
                        + " unchanged cycle %d ms, %d UPDATE messages%n", run, hosts, firstMillis,
                        hosts * 1000.0 / firstMillis, first.ddns().updatesSent(), resolvable, hosts, secondMillis,
                        second.ddns().updatesSent());
                List<Long> sorted = new java.util.ArrayList<>(cycles);
                java.util.Collections.sort(sorted);
                System.out.printf("  7 more unchanged cycles: %s ms (median %d ms), %d UPDATE messages%n", cycles,
                        sorted.get(3), sentInCycles);
                if (first.status() != HarvestReport.Status.OK) {
                    System.out.println("  first cycle: " + first.summary());
                }
            }
        }
    }
}
