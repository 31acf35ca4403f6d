package dev.dhcpharvester.harvest;

import dev.dhcpharvester.naming.NamePolicy;
import dev.dhcpharvester.publication.IncludeOptions;
import dev.dhcpharvester.publication.ddns.DdnsSettings;
import dev.dhcpharvester.source.KeaApiLeaseSource;
import dev.dhcpharvester.source.LeaseFormat;
import dev.dhcpharvester.verification.VerifyOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything one harvest needs to know.
 *
 * @param sources      where the leases come from, one or more (a DHCPv4 and a DHCPv6 server, or two sites)
 * @param reservations the dhcpd.conf-style file of fixed-address hosts (may be missing)
 * @param names        which names to publish
 * @param verify       how to probe hosts, or null to publish without probing
 * @param include      where and how to publish in include mode
 * @param asOf         the instant leases are judged at, or null for the clock's now
 * @param ddns         dynamic DNS mode instead of include mode, or null
 */
public record HarvestConfig(List<LeaseSource> sources, Path reservations, NamePolicy names, VerifyOptions verify,
        IncludeOptions include, Instant asOf, DdnsSettings ddns) {

    public HarvestConfig {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a harvest needs at least one lease source");
        }
        sources = List.copyOf(sources);
    }

    /**
     * A harvest of one source: a lease file in {@code format} (null: told from the content), or
     * the Kea control agent {@code keaApi} when it is not null.
     */
    public HarvestConfig(Path leases, Path reservations, NamePolicy names, VerifyOptions verify,
            IncludeOptions include, Instant asOf, DdnsSettings ddns, LeaseFormat format, KeaApiLeaseSource.Endpoint keaApi) {
        this(List.of(new LeaseSource(leases, format, keaApi)), reservations, names, verify, include, asOf, ddns);
    }

    /** A harvest of a lease file. */
    public HarvestConfig(Path leases, Path reservations, NamePolicy names, VerifyOptions verify, IncludeOptions include,
            Instant asOf, DdnsSettings ddns, LeaseFormat format) {
        this(leases, reservations, names, verify, include, asOf, ddns, format, null);
    }

    /** An include-mode harvest of a lease file in any format. */
    public HarvestConfig(Path leases, Path reservations, NamePolicy names, VerifyOptions verify, IncludeOptions include,
            Instant asOf) {
        this(leases, reservations, names, verify, include, asOf, null, null);
    }

    /** A harvest of a lease file in any format. */
    public HarvestConfig(Path leases, Path reservations, NamePolicy names, VerifyOptions verify, IncludeOptions include,
            Instant asOf, DdnsSettings ddns) {
        this(leases, reservations, names, verify, include, asOf, ddns, null);
    }

    /** The first source's lease file (the one a daemon watches). */
    public Path leases() {
        return sources.get(0).file();
    }

    /** The first source's format, or null to tell it from the content. */
    public LeaseFormat format() {
        return sources.get(0).format();
    }

    /** The first source's Kea control agent, or null when it is a file. */
    public KeaApiLeaseSource.Endpoint keaApi() {
        return sources.get(0).keaApi();
    }

    /** Where the leases come from, for messages and the report: the files or control agents, comma-separated. */
    public String source() {
        return String.join(", ", sources.stream().map(LeaseSource::label).toList());
    }
}
