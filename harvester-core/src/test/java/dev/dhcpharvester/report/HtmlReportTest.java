package dev.dhcpharvester.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.source.Lease;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void everyClientSuppliedValueIsEscaped() {
        HostResult hostile = new HostResult(null, "10.0.0.9", "52:54:00:00:00:09", "<script>alert('x')</script>\n&",
                Outcome.REJECTED, "contains '<'", new Lease.Origin("f", 1));
        HarvestReport report = new HarvestReport(1, HarvestReport.Status.OK, 0, null, "harvest ok: <1>",
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, List.of(), null, null, null, null, List.of(hostile), List.of());

        String html = new String(HtmlReport.render(report), StandardCharsets.UTF_8);

        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\\x0a&amp;", "harvest ok: &lt;1&gt;")
                .doesNotContain("<script>alert");
        assertThat(html).as("rows carry their place in address order, for sorting").contains("<tr class=\"rejected\" data-address=\"0\">");
    }
}
