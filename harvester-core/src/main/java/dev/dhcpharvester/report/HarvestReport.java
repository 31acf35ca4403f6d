package dev.dhcpharvester.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dhcpharvester.publication.IncludeResult;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import java.time.Instant;
import java.util.List;

/**
 * The whole story of one harvest: what was read, every candidate host with its outcome, what was
 * done to DNS, and the messages collected on the way. The same document comes from the command
 * line, the daemon and the Jenkins step; its schema is documented in docs/report.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "status", "exitCode", "error", "summary", "asOf", "startedAt", "finishedAt",
    "sources", "counts", "verification", "dns", "ddns", "hosts", "messages"})
public record HarvestReport(int schemaVersion, Status status, int exitCode, Failure error, String summary,
        Instant asOf, Instant startedAt, Instant finishedAt, List<Source> sources, Counts counts,
        Verification verification, IncludeResult dns, DdnsPublisher.Result ddns, List<HostResult> hosts,
        List<String> messages) {

    public static final int SCHEMA_VERSION = 2;

    public enum Status {
        OK, FAILED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @param kind bad-input, dns or harvest; @param message one line saying what is wrong and what to do */
    public record Failure(String kind, String message) {
    }

    /**
     * @param path file read (or the Kea control agent's URL); @param role leases or reservations; @param format isc, kea-csv, dnsmasq or kea-api for leases;
     * @param entries blocks or rows read; @param present whether it existed;
     * @param error why it could not be read (its hosts were then kept as last published), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String path, String role, String format, int entries, boolean present, String error) {

        public Source(String path, String role, String format, int entries, boolean present) {
            this(path, role, format, entries, present, null);
        }
    }

    /** Counts of hosts by outcome; {@code kept}: hosts of a source that failed, left in DNS as last published. */
    public record Counts(int leaseBlocks, int addresses, int activeLeases, int reservations, int candidates,
            int published, int renamed, int unreachable, int filtered, int rejected, int duplicate, int kept) {
    }

    /** @param method how hosts were probed; @param probed hosts probed; @param reachable hosts that answered */
    /**
     * @param probed     hosts probed in this harvest
     * @param reachable  hosts that answered, now or when last probed
     * @param remembered hosts whose earlier answer was used, their lease unchanged (watch mode)
     */
    public record Verification(String method, long timeoutMillis, int retries, int probed, int reachable,
            long durationMillis, int remembered) {

        /** Hosts whose reachability this harvest went by: probed now, or remembered. */
        public int checked() {
            return probed + remembered;
        }
    }
}
