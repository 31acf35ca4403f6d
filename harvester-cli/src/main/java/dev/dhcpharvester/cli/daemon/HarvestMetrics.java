package dev.dhcpharvester.cli.daemon;

import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/** The daemon's Prometheus metrics, named after what they count, fed from each harvest's report. */
public final class HarvestMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter harvests = Counter.builder().name("dhcp_harvester_harvests_total")
            .help("Harvests run, by result (ok or failed)").labelNames("result").register(registry);
    private final Histogram duration = Histogram.builder().name("dhcp_harvester_harvest_duration_seconds")
            .help("How long a harvest took").classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
            .register(registry);
    private final Gauge hosts = Gauge.builder().name("dhcp_harvester_hosts")
            .help("Candidate hosts of the last successful harvest, by outcome").labelNames("outcome").register(registry);
    private final Counter reloads = Counter.builder().name("dhcp_harvester_reloads_total")
            .help("Successful rndc reloads").register(registry);
    private final Counter dnsErrors = Counter.builder().name("dhcp_harvester_dns_errors_total")
            .help("Harvests that failed to bring DNS up to date (write, rndc, refused removal)").register(registry);
    private final Gauge lastSuccess = Gauge.builder().name("dhcp_harvester_last_success_timestamp_seconds")
            .help("When the last successful harvest finished, seconds since the epoch").register(registry);

    private final Gauge sourcesFailed = Gauge.builder().name("dhcp_harvester_lease_sources_failed")
            .help("Lease sources the last harvest could not read (their hosts kept in DNS as last published)")
            .register(registry);

    public HarvestMetrics() {
        for (Outcome outcome : Outcome.values()) {
            hosts.labelValues(outcome.label()).set(0);
        }
        harvests.labelValues("ok");
        harvests.labelValues("failed");
    }

    public void record(HarvestReport report) {
        duration.observe(Duration.between(report.startedAt(), report.finishedAt()).toNanos() / 1e9);
        sourcesFailed.set(report.sources().stream().filter(s -> s.error() != null).count());
        boolean published = report.status() == HarvestReport.Status.OK
                || report.error() != null && "source".equals(report.error().kind()); // the other sources were published
        if (published) {
            int[] byOutcome = new int[Outcome.values().length];
            for (HostResult host : report.hosts()) { // one pass: 170,000 hosts on each watch-mode cycle
                byOutcome[host.outcome().ordinal()]++;
            }
            for (Outcome outcome : Outcome.values()) {
                hosts.labelValues(outcome.label()).set(byOutcome[outcome.ordinal()]);
            }
            if (report.dns() != null && report.dns().reload() != null) {
                reloads.inc();
            }
        }
        if (report.status() == HarvestReport.Status.OK) {
            harvests.labelValues("ok").inc();
            lastSuccess.set(report.finishedAt().toEpochMilli() / 1000.0);
        } else {
            harvests.labelValues("failed").inc();
            if (report.error() != null && "dns".equals(report.error().kind())) {
                dnsErrors.inc();
            }
        }
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    public void writeTo(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }
}
