package dev.dhcpharvester.bench;

import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import dev.dhcpharvester.report.ReportJson;
import dev.dhcpharvester.source.Lease;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Time to write the JSON report of HOSTS hosts to FILE, several times in one JVM: the first write
 * pays for making the writers, the later ones show the per-host cost.
 *
 * <p>Usage: {@code java -XX:TieredStopAtLevel=1 -cp harvester-bench/target/harvester-bench-*.jar:harvester-cli/target/dhcp-harvester.jar
 * dev.dhcpharvester.bench.ReportWriteBench FILE HOSTS WRITES}
 */
public final class ReportWriteBench {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int writes = Integer.parseInt(args[2]);
        List<HostResult> hosts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean renamed = i % 16 == 0;
            hosts.add(new HostResult("node-" + i + (renamed ? "-525400000000" : ""),
                    "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255),
                    String.format("52:54:00:%02x:%02x:%02x", i >> 16 & 255, i >> 8 & 255, i & 255), "node-" + i,
                    renamed ? Outcome.RENAMED : Outcome.PUBLISHED, renamed ? "name 'node-" + i + "' is held by 2 addresses" : null,
                    new Lease.Origin("/var/lib/dhcp/dhcpd.leases", 1_000_000 + 14 * i)));
        }
        HarvestReport report = new HarvestReport(HarvestReport.SCHEMA_VERSION, HarvestReport.Status.OK, 0, null,
                "harvest ok", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, List.of(), null, null, null, null, hosts,
                List.of());
        for (int i = 1; i <= writes; i++) {
            long start = System.nanoTime();
            ReportJson.write(report, file);
            System.out.printf("write %d: %d ms%n", i, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
