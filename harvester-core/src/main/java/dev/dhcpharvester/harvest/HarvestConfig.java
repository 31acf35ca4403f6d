package dev.dhcpharvester.harvest;

import dev.dhcpharvester.naming.NamePolicy;
import dev.dhcpharvester.publication.IncludeOptions;
import dev.dhcpharvester.publication.ddns.DdnsSettings;
import dev.dhcpharvester.source.KeaApiLeaseSource;
import dev.dhcpharvester.source.LeaseFormat;
import dev.dhcpharvester.verification.VerifyOptions;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Everything one harvest needs to know.
 *
 * @param leases       the dhcpd lease file
 * @param reservations the dhcpd.conf-style file of fixed-address hosts (may be missing)
 * @param names        which names to publish
 * @param verify       how to probe hosts, or null to publish without probing
 * @param include      where and how to publish in include mode
 * @param asOf         the instant leases are judged at, or null for the clock's now
 * @param ddns         dynamic DNS mode instead of include mode, or null
 * @param format       the lease file's format, or null to tell it from the content
 * @param keaApi       a Kea control agent to read the leases from instead of {@code leases}, or null
 */
public record HarvestConfig(Path leases, Path reservations, NamePolicy names, VerifyOptions verify,
        IncludeOptions include, Instant asOf, DdnsSettings ddns, LeaseFormat format, KeaApiLeaseSource.Endpoint keaApi) {

    /** A harvest of a lease file. */
    public HarvestConfig(Path leases, Path reservations, NamePolicy names, VerifyOptions verify, IncludeOptions include,
            Instant asOf, DdnsSettings ddns, LeaseFormat format) {
        this(leases, reservations, names, verify, include, asOf, ddns, format, null);
    }

    /** Where the leases come from, for messages and the report: the file, or the control agent. */
    public String source() {
        return keaApi != null ? keaApi.toString() : leases.toString();
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
}
