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

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int run = 1; run <= runs; run++) {
            Path dir = Files.createTempDirectory("ddns-bench");
            Path zoneFile = dir.resolve("cord.lab.zone");
            Files.writeString(zoneFile, "$TTL 300\n@ IN SOA ns.cord.lab. h.cord.lab. 1 3600 900 604800 300\n  IN NS ns\nns IN A 127.0.0.1\n");
            try (NamedServer named = NamedServer.start(dir, "cord.lab", zoneFile)) {
                LeaseFileWriter writer = new LeaseFileWriter();
                for (int i = 0; i < hosts; i++) {
                    writer.active("198.18." + (i / 250) + "." + (i % 250 + 1),
                            String.format("52:54:00:%02x:%02x:%02x", i >> 16 & 255, i >> 8 & 255, i & 255), "host-" + i);
                }
                Path leases = writer.writeTo(dir.resolve("dhcpd.leases"));
                DdnsSettings ddns = new DdnsSettings(List.of("ddns.test"), List.of("18.198.in-addr.arpa"),
                        List.of(new DnsServer("127.0.0.1", named.dnsPort())), named.tsigKeyFile(), null,
                        dir.resolve("state.json"), Duration.ofSeconds(10));
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
                System.out.printf("run %d: %d new hosts published in %d ms (%.0f hosts/s, %d UPDATE messages), %d/%d resolvable;"
                        + " unchanged cycle %d ms, %d UPDATE messages%n", run, hosts, firstMillis,
                        hosts * 1000.0 / firstMillis, first.ddns().updatesSent(), resolvable, hosts, secondMillis,
                        second.ddns().updatesSent());
                if (first.status() != HarvestReport.Status.OK) {
                    System.out.println("  first cycle: " + first.summary());
                }
            }
        }
    }
}
