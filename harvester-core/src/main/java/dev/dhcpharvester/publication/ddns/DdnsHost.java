package dev.dhcpharvester.publication.ddns;

/**
 * A host as dynamic DNS mode publishes it.
 *
 * @param fqdn    fully qualified name, with or without the final dot
 * @param address IPv4 address
 * @param dhcid   RFC 4701 record data that marks the name as this client's ({@link Dhcid})
 * @param ttl     TTL of its records, seconds
 */
public record DdnsHost(String fqdn, String address, byte[] dhcid, long ttl) {
}
