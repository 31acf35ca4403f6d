package dev.dhcpharvester.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dhcpharvester.source.Lease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report as the Jenkins step archives it: NAME.json and NAME.html side by side. */
class ReportFilesTest {

    @Test
    void writesTheJsonAndTheHtmlPageSideBySide(@TempDir Path dir) throws Exception {
        HarvestReport report = new HarvestReport(HarvestReport.SCHEMA_VERSION, HarvestReport.Status.OK, 0, null,
                "harvest ok", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, List.of(), null, null, null, null,
                List.of(new HostResult("compute-7", "10.6.0.7", "52:54:00:00:00:07", "compute-7", Outcome.PUBLISHED,
                        null, new Lease.Origin("dhcpd.leases", 3))), List.of());

        ReportFiles.write(report, dir, ReportFiles.checkName("dhcp-hosts"));

        assertThat(ReportJson.mapper().readTree(dir.resolve("dhcp-hosts.json").toFile()).at("/hosts/0/name").asText())
                .isEqualTo("compute-7");
        assertThat(Files.readString(dir.resolve("dhcp-hosts.html"))).contains("compute-7");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("dhcp-hosts.json",
                    "dhcp-hosts.html");
        }
    }

    @Test
    void aNameThatIsAPathOrHiddenIsRefused() {
        for (String bad : List.of("../x", "a/b", ".hidden", "")) {
            assertThatThrownBy(() -> ReportFiles.checkName(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
