package dev.dhcpharvester.harvest;

import dev.dhcpharvester.source.KeaApiLeaseSource;
import dev.dhcpharvester.source.LeaseFormat;
import java.nio.file.Path;

/**
 * One place leases are read from: a lease file, or a Kea control agent.
 *
 * @param file   the lease file (unused for the Kea API)
 * @param format the file's format, or null to tell it from the content
 * @param keaApi the Kea control agent to read from instead of a file, or null
 */
public record LeaseSource(Path file, LeaseFormat format, KeaApiLeaseSource.Endpoint keaApi) {

    /** A lease file whose format is told from its content. */
    public static LeaseSource file(Path file) {
        return new LeaseSource(file, null, null);
    }

    /** How messages and the report name it: the file, or the control agent's URL. */
    public String label() {
        return keaApi != null ? keaApi.toString() : file.toString();
    }
}
