package dev.dhcpharvester.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dhcpharvester.source.Lease;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's layout: indented, and each host whole on a line of its own; every field as the schema says. */
class ReportJsonTest {

    private static HarvestReport report(List<HostResult> hosts) {
        return new HarvestReport(HarvestReport.SCHEMA_VERSION, HarvestReport.Status.OK, 0, null, "harvest ok",
                Instant.parse("2026-11-25T12:00:00Z"), Instant.parse("2026-11-25T12:00:01Z"),
                Instant.parse("2026-11-25T12:00:02Z"), List.of(), null, null, null, null, hosts, List.of("a", "b"));
    }

    @Test
    void eachHostIsWrittenWholeOnALineOfItsOwn(@TempDir Path dir) throws Exception {
        List<HostResult> hosts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            hosts.add(new HostResult(i % 7 == 0 ? null : "h-" + i, "10.0.0." + (i % 250), "52:54:00:00:00:01",
                    "h_" + i + (i == 3 ? "\n$INCLUDE \"x\"" : ""), i % 7 == 0 ? Outcome.REJECTED : Outcome.PUBLISHED,
                    i % 7 == 0 ? "contains a space" : null, new Lease.Origin("dhcpd.leases", i + 1)));
        }
        Path file = dir.resolve("report.json");

        ReportJson.write(report(hosts), file);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> hostLines = lines.stream().filter(l -> l.contains("\"address\"")).toList();
        assertThat(hostLines).hasSize(500);
        for (int i = 0; i < 500; i++) {
            JsonNode host = ReportJson.mapper().readTree(hostLines.get(i).replaceFirst(",$", ""));
            HostResult expected = hosts.get(i);
            assertThat(host.get("name").isNull()).isEqualTo(expected.name() == null);
            assertThat(host.get("name").asText(null)).isEqualTo(expected.name());
            assertThat(host.get("address").asText()).isEqualTo(expected.address());
            assertThat(host.get("mac").asText()).isEqualTo(expected.mac());
            assertThat(host.get("requestedName").asText()).isEqualTo(expected.requestedName());
            assertThat(host.get("outcome").asText()).isEqualTo(expected.outcome().label());
            assertThat(host.get("reason").asText(null)).isEqualTo(expected.reason());
            assertThat(host.get("source").asText()).isEqualTo("dhcpd.leases:" + (i + 1));
            assertThat(host.fieldNames()).toIterable().containsExactly("name", "address", "mac", "requestedName",
                    "outcome", "reason", "source");
        }
        assertThat(lines).contains("  \"status\" : \"ok\",", "  \"messages\" : [", "    \"a\",");
        assertThat(ReportJson.mapper().readTree(file.toFile())).isEqualTo(
                ReportJson.mapper().readTree(ReportJson.toBytes(report(hosts))));
    }
}
