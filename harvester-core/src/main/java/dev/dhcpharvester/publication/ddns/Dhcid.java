package dev.dhcpharvester.publication.ddns;

import dev.dhcpharvester.source.Lease;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The DHCID record data of RFC 4701 that marks a name as owned by one DHCP client, computed as
 * Kea's D2 and ISC dhcpd ({@code ddns-update-style standard}) compute it, so that a zone shared
 * with them stays consistent: identifier type (2 octets), digest type 1 (SHA-256), and
 * SHA-256 over the client's identifier followed by the name in canonical wire format.
 */
public final class Dhcid {

    /** Identifier types of RFC 4701 section 3.3. */
    public static final int HARDWARE_ADDRESS = 0;
    public static final int CLIENT_ID = 1;
    public static final int DUID = 2;

    private static final int SHA_256 = 1;

    private Dhcid() {
    }

    /** The record data for an identifier of the given type and an absolute or relative-to-root name. */
    public static byte[] rdata(int identifierType, byte[] identifier, String fqdn) {
        Name name;
        try {
            name = Name.fromString(fqdn, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a domain name: " + fqdn, e);
        }
        byte[] digest = sha256(identifier, name.toWireCanonical());
        byte[] rdata = new byte[3 + digest.length];
        rdata[0] = (byte) (identifierType >> 8);
        rdata[1] = (byte) identifierType;
        rdata[2] = SHA_256;
        System.arraycopy(digest, 0, rdata, 3, digest.length);
        return rdata;
    }

    /**
     * The record data for a DHCPv4 lease: from its client identifier when it sent one (the DUID
     * part of an RFC 4361 identifier, type 255, as a DUID), else from its hardware address with
     * the Ethernet htype.
     */
    public static byte[] forLease(Lease lease, String fqdn) {
        String missing = missingIdentifier(lease);
        if (missing != null) {
            throw new IllegalArgumentException("lease " + lease.address() + " has " + missing);
        }
        if (dev.dhcpharvester.source.Ipv6.isIpv6(lease.address())) {
            return rdata(DUID, lease.clientIdBytes(), fqdn); // RFC 4701: the client's DUID as is
        }
        if (lease.hasClientId()) {
            byte[] clientId = lease.clientIdBytes();
            if ((clientId[0] & 0xff) == 255 && clientId.length > 5) {
                return rdata(DUID, Arrays.copyOfRange(clientId, 5, clientId.length), fqdn);
            }
            return rdata(CLIENT_ID, clientId, fqdn);
        }
        byte[] mac = HexFormat.ofDelimiter(":").parseHex(lease.mac());
        byte[] identifier = new byte[mac.length + 1];
        identifier[0] = 1; // htype: Ethernet
        System.arraycopy(mac, 0, identifier, 1, mac.length);
        return rdata(HARDWARE_ADDRESS, identifier, fqdn);
    }

    /** What the lease lacks to have a DHCID (a DUID for DHCPv6, a client identifier or hardware address for DHCPv4), or null. */
    public static String missingIdentifier(Lease lease) {
        if (dev.dhcpharvester.source.Ipv6.isIpv6(lease.address())) {
            return lease.hasClientId() ? null : "no DUID";
        }
        return !lease.hasClientId() && !lease.hasMac() ? "neither a client identifier nor a hardware address" : null;
    }

    private static byte[] sha256(byte[] identifier, byte[] name) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(identifier);
            sha.update(name);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
