package dev.dhcpharvester.publication.ddns;

/**
 * A host as dynamic DNS mode publishes it.
 *
 * @param fqdn    fully qualified name, with or without the final dot
 * @param address IPv4 or IPv6 address (an A or an AAAA record)
 * @param dhcid   RFC 4701 record data that marks the name as this client's ({@link Dhcid})
 * @param ttl     TTL of its records, seconds
 * @param mode    this host's conflict resolution mode, or null for the publisher's
 * @param forward whether the forward records (A/AAAA and DHCID) are this publisher's to write
 * @param reverse whether the PTR record is
 */
public record DdnsHost(String fqdn, String address, byte[] dhcid, long ttl, DdnsPublisher.ConflictMode mode,
        boolean forward, boolean reverse) {

    /** Forward and reverse, in the publisher's conflict mode. */
    public DdnsHost(String fqdn, String address, byte[] dhcid, long ttl) {
        this(fqdn, address, dhcid, ttl, null, true, true);
    }

    public DdnsHost {
        if (!forward && !reverse) {
            throw new IllegalArgumentException(fqdn + ": neither forward nor reverse records to publish");
        }
    }
}
