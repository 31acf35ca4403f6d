package dev.dhcpharvester.cli.daemon;

import dev.dhcpharvester.ncr.InvalidRequestException;
import dev.dhcpharvester.ncr.NcrService;
import dev.dhcpharvester.ncr.NcrStatistics;
import dev.dhcpharvester.publication.ddns.UpdateStatistics;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.ToLongFunction;

/**
 * Kea D2's statistics as Prometheus metrics, read from the service at scrape time. D2's names
 * map one to one: {@code ncr-received} is {@code dhcp_harvester_ncr_received_total}, and so on;
 * {@code ncr-invalid} is split by kind, and {@code queue-mgr-queue-full} is always zero here.
 */
final class NcrMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();

    NcrMetrics(NcrService service) {
        NcrStatistics s = service.statistics();
        UpdateStatistics u = s.updates();
        counter("ncr_received", "NCR datagrams received, valid or not (D2: ncr-received)", s, NcrStatistics::received);
        CounterWithCallback.builder().name("dhcp_harvester_ncr_invalid")
                .help("NCR datagrams rejected, by kind (D2: ncr-invalid)").labelNames("kind")
                .callback(cb -> {
                    for (InvalidRequestException.Kind kind : InvalidRequestException.Kind.values()) {
                        cb.call(s.invalid(kind), kind.label());
                    }
                }).register(registry);
        counter("ncr_error", "NCRs that ended without their change: a conflict, no zone (D2: ncr-error)", s, NcrStatistics::errors);
        counter("ncr_unknown_field", "NCRs carried out despite fields we do not know", s, NcrStatistics::unknownFields);
        counter("ncr_journal_errors", "NCRs that could not be journalled (carried out, not crash-safe)", s,
                NcrStatistics::journalErrors);
        counter("ncr_queue_full", "NCRs dropped because a queue was full: never (D2: queue-mgr-queue-full)", s, x -> 0);
        counter("ncr_cycles", "Convergence cycles run", s, NcrStatistics::cycles);
        CounterWithCallback.builder().name("dhcp_harvester_ncr_cycle_seconds")
                .help("Time spent in convergence cycles (divided by ncr_cycles: the average cycle)")
                .callback(cb -> cb.call(s.cycleSeconds())).register(registry);
        counter("update_sent", "UPDATE messages sent (D2: update-sent)", u, UpdateStatistics::sent);
        counter("update_signed", "UPDATE messages signed with TSIG (D2: update-signed)", u, UpdateStatistics::signed);
        counter("update_unsigned", "UPDATE messages sent unsigned (D2: update-unsigned)", u, UpdateStatistics::unsigned);
        counter("update_success", "UPDATEs answered by a server, whatever the rcode (D2: update-success)", u,
                UpdateStatistics::success);
        counter("update_timeout", "UPDATEs not answered in time (D2: update-timeout)", u, UpdateStatistics::timeout);
        counter("update_error", "UPDATEs that failed otherwise: refused connection, bad answer (D2: update-error)", u,
                UpdateStatistics::error);
        GaugeWithCallback.builder().name("dhcp_harvester_ncr_unsettled")
                .help("NCRs accepted and not yet through a convergence cycle").callback(cb -> cb.call(s.unsettled()))
                .register(registry);
        GaugeWithCallback.builder().name("dhcp_harvester_ncr_names")
                .help("Names the NCRs ask to have published").callback(cb -> cb.call(service.names()))
                .register(registry);
    }

    private <T> void counter(String name, String help, T source, ToLongFunction<T> value) {
        CounterWithCallback.builder().name("dhcp_harvester_" + name).help(help)
                .callback(cb -> cb.call(value.applyAsLong(source))).register(registry);
    }

    String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    void writeTo(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }
}
