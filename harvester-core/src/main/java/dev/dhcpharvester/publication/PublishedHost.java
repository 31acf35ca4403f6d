package dev.dhcpharvester.publication;

import dev.dhcpharvester.source.Ipv4;
import dev.dhcpharvester.source.Ipv6;
import dev.dhcpharvester.source.Lease;
import java.util.Objects;

/**
 * A host as it goes into DNS: a valid label, its address, and its MAC for the record's comment.
 *
 * <p>Given as text, or {@linkplain #ofLease made of a lease}, whose address and MAC are written
 * into the fragment from the lease's own bytes and made text only when asked for: a large harvest
 * publishes 500,000 hosts, and their address and MAC strings, made only to be copied into the
 * fragment, were a seventh of its time and most of what its last collection copied.
 */
public final class PublishedHost {

    private final String name;
    private final String address;
    private final String mac;
    /** The lease the address and MAC are read from, or null when they were given as text. */
    private final Lease lease;

    public PublishedHost(String name, String address, String mac) {
        this(name, Objects.requireNonNull(address, "address"), Objects.requireNonNull(mac, "mac"), null);
    }

    private PublishedHost(String name, String address, String mac, Lease lease) {
        this.name = Objects.requireNonNull(name, "name");
        this.address = address;
        this.mac = mac;
        this.lease = lease;
    }

    /** The host {@code lease} names as {@code name}: its address and MAC read from the lease when needed. */
    public static PublishedHost ofLease(String name, Lease lease) {
        return new PublishedHost(name, null, null, Objects.requireNonNull(lease, "lease"));
    }

    public String name() {
        return name;
    }

    public String address() {
        return lease == null ? address : lease.address();
    }

    /** The MAC, lower-case colon-separated, or empty. */
    public String mac() {
        return lease == null ? mac : lease.mac();
    }

    /** Whether the address is IPv6. */
    boolean isIpv6() {
        return lease == null ? Ipv6.isIpv6(address) : lease.isIpv6();
    }

    /** The IPv4 address as an unsigned number, or -1 for an IPv6 one (see {@link Ipv4#parse}). */
    long ipv4() {
        return lease == null ? Ipv4.parse(address) : lease.ipv4();
    }

    int addressLength() {
        return lease == null ? address.length() : lease.addressLength();
    }

    /** Writes the address (ASCII) at {@code at}; returns where it ends. */
    int putAddress(byte[] out, int at) {
        return lease == null ? ZoneFragments.putAscii(address, out, at) : lease.putAddress(out, at);
    }

    int macLength() {
        return lease == null ? mac.length() : lease.macLength();
    }

    /** Writes the MAC (ASCII) at {@code at}; returns where it ends. */
    int putMac(byte[] out, int at) {
        return lease == null ? ZoneFragments.putAscii(mac, out, at) : lease.putMac(out, at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublishedHost other && name.equals(other.name) && address().equals(other.address())
                && mac().equals(other.mac());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, address(), mac());
    }

    @Override
    public String toString() {
        return "PublishedHost[name=" + name + ", address=" + address() + ", mac=" + mac() + "]";
    }
}
