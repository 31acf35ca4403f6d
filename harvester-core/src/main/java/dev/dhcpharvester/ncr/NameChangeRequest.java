package dev.dhcpharvester.ncr;

import dev.dhcpharvester.publication.ddns.DdnsHost;
import dev.dhcpharvester.publication.ddns.DdnsPublisher.ConflictMode;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A Kea NameChangeRequest: a DHCP server asks for a client's names to be added or removed.
 *
 * @param type        add (a lease granted or renewed) or remove (a lease released or expired)
 * @param forward     whether the forward records (A/AAAA, DHCID) are to change
 * @param reverse     whether the PTR record is
 * @param fqdn        the client's name, lower case, with the final dot
 * @param address     the leased IPv4 or IPv6 address, in its canonical text form
 * @param dhcid       the client's DHCID record data, upper-case hex as Kea writes it
 * @param expiresOn   when the lease ends
 * @param leaseLength the TTL Kea computed for the records, seconds (Kea's field name)
 * @param mode        the conflict resolution mode the DHCP server asks for
 */
public record NameChangeRequest(Type type, boolean forward, boolean reverse, String fqdn, String address, String dhcid,
        Instant expiresOn, long leaseLength, ConflictMode mode) {

    /** Kea's change-type: 0 adds, 1 removes. */
    public enum Type {
        ADD, REMOVE
    }

    public NameChangeRequest {
        fqdn = fqdn.toLowerCase(Locale.ROOT);
        dhcid = dhcid.toUpperCase(Locale.ROOT);
    }

    /**
     * What a later request replaces: the name. A name holds one client's address at a time, as
     * under RFC 4703 (a v4 and a v6 client carry different DHCIDs, so the second is a conflict).
     */
    public String key() {
        return fqdn;
    }

    /** The host as the dynamic DNS publisher takes it, with this request's DHCID, TTL and conflict mode. */
    public DdnsHost host() {
        return new DdnsHost(fqdn, address, HexFormat.of().parseHex(dhcid), leaseLength, mode, forward, reverse);
    }
}
