package dev.dhcpharvester.source;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One lease as the DHCP server recorded it: an immutable value.
 *
 * <p>A harvest holds every lease in force at once (500,000 for a large dnsmasq file), so a lease
 * keeps its hardware address, client id and name in one array, its times as seconds and its place
 * as file and line, and makes the strings and instants when asked for: about 120 bytes a lease
 * (180 once its address is asked for as text) where a record of strings, instants and an origin
 * took 350. Lease times are whole seconds in
 * every lease format; a hardware address is ASCII; a name is kept as UTF-8 (a lone surrogate in
 * one given as text becomes {@code ?}: no name is published with either).
 */
public final class Lease {

    /** The IPv4 address as an unsigned 32-bit value, when {@link #address} is yet to be made of it. */
    private final int ipv4;
    /**
     * The address as text: given, or made of {@link #ipv4} when first asked for (most leases a file
     * holds in force are superseded before it ends, and never are). Two threads asking at once may
     * both make it: the same immutable text, so either write will do.
     */
    private String address;
    /** The hardware address (ASCII), the client id (raw), then the name (UTF-8). */
    private final byte[] bytes;
    private final int macLength;
    private final int clientIdLength;
    private final long starts;
    private final long ends;
    private final BindingState state;
    private final boolean abandoned;
    private final String file;
    private final int line;

    /**
     * @param address   the IPv4 address, dotted quad, or the IPv6 one in canonical text
     * @param mac       hardware address, lower-case colon-separated, or empty when the lease has none
     * @param clientId  the client identifier (dhcpd's {@code uid}) as lower-case hex, or empty
     * @param hostname  the name the client asked for, decoded but not yet checked, or empty
     * @param starts    start of the lease, or null when not recorded
     * @param ends      end of the lease, or null for {@code never}
     * @param state     binding state
     * @param abandoned whether dhcpd marked the lease abandoned
     * @param origin    where the lease was read: file and line
     */
    public Lease(String address, String mac, String clientId, String hostname, Instant starts, Instant ends,
            BindingState state, boolean abandoned, Origin origin) {
        this(0, Objects.requireNonNull(address, "address"), pack(mac.getBytes(StandardCharsets.ISO_8859_1),
                HexFormat.of().parseHex(clientId), hostname.getBytes(StandardCharsets.UTF_8)), mac.length(),
                clientId.length() / 2,
                seconds(starts, LeaseBlock.NO_TIME), seconds(ends, LeaseTimes.NEVER), state,
                abandoned, origin.file(), origin.line());
    }

    /**
     * A lease over {@code bytes} as {@link #pack} lays them out (not copied: no one changes them), at
     * the IPv4 address {@code ipv4} when {@code address} is null.
     */
    Lease(int ipv4, String address, byte[] bytes, int macLength, int clientIdLength, long starts, long ends,
            BindingState state, boolean abandoned, String file, int line) {
        this.ipv4 = ipv4;
        this.address = address;
        this.bytes = bytes;
        this.macLength = macLength;
        this.clientIdLength = clientIdLength;
        this.starts = starts;
        this.ends = ends;
        this.state = Objects.requireNonNull(state, "state");
        this.abandoned = abandoned;
        this.file = file;
        this.line = line;
    }

    private static byte[] pack(byte[] mac, byte[] clientId, byte[] hostname) {
        return pack(mac, mac.length, clientId, clientId.length, hostname, hostname.length);
    }

    /**
     * The first {@code macLength} bytes of {@code mac} (ASCII), then of {@code clientId} (raw), then
     * of {@code hostname} (UTF-8), in one array: as a lease keeps them.
     */
    static byte[] pack(byte[] mac, int macLength, byte[] clientId, int clientIdLength, byte[] hostname, int hostnameLength) {
        byte[] out = new byte[macLength + clientIdLength + hostnameLength];
        System.arraycopy(mac, 0, out, 0, macLength);
        System.arraycopy(clientId, 0, out, macLength, clientIdLength);
        System.arraycopy(hostname, 0, out, macLength + clientIdLength, hostnameLength);
        return out;
    }

    private static long seconds(Instant at, long none) {
        if (at == null) {
            return none;
        }
        if (at.getNano() != 0) {
            throw new IllegalArgumentException("lease times are whole seconds: " + at);
        }
        return at.getEpochSecond();
    }

    /** The IPv4 address, dotted quad, or the IPv6 one in canonical text. */
    public String address() {
        String text = address;
        if (text == null) {
            text = Ipv4.format(ipv4 & 0xffff_ffffL);
            address = text;
        }
        return text;
    }

    /** The hardware address, lower-case colon-separated, or empty when the lease has none. */
    public String mac() {
        return new String(bytes, 0, macLength, StandardCharsets.ISO_8859_1);
    }

    public boolean hasMac() {
        return macLength > 0;
    }

    /**
     * The IPv4 address as an unsigned number, or -1 for an IPv6 one: for ordering without making
     * the address text.
     */
    public long ipv4() {
        String text = address;
        return text == null ? ipv4 & 0xffff_ffffL : Ipv4.parse(text);
    }

    /** How many bytes the address's text takes (ASCII). */
    public int addressLength() {
        String text = address;
        return text == null ? Ipv4.length(ipv4 & 0xffff_ffffL) : text.length();
    }

    /** Writes the address's text (ASCII) at {@code at} without making a string of it; returns where it ends. */
    public int putAddress(byte[] out, int at) {
        String text = address;
        if (text == null) {
            return Ipv4.put(ipv4 & 0xffff_ffffL, out, at);
        }
        for (int i = 0; i < text.length(); i++) {
            out[at + i] = (byte) text.charAt(i); // ASCII: an address's text
        }
        return at + text.length();
    }

    /** How many bytes the hardware address's text takes (ASCII; 0 when the lease has none). */
    public int macLength() {
        return macLength;
    }

    /** Writes the hardware address's text (ASCII) at {@code at} without making a string of it; returns where it ends. */
    public int putMac(byte[] out, int at) {
        System.arraycopy(bytes, 0, out, at, macLength);
        return at + macLength;
    }

    /** Whether the address is IPv6: told without making the text of an IPv4 one. */
    public boolean isIpv6() {
        String text = address;
        return text != null && text.indexOf(':') >= 0;
    }

    /** The client identifier (dhcpd's {@code uid}) as lower-case hex, or empty. */
    public String clientId() {
        return HexFormat.of().formatHex(bytes, macLength, macLength + clientIdLength);
    }

    /** The client identifier's bytes (empty without one). */
    public byte[] clientIdBytes() {
        return Arrays.copyOfRange(bytes, macLength, macLength + clientIdLength);
    }

    public boolean hasClientId() {
        return clientIdLength > 0;
    }

    /** The name the client asked for, decoded but not yet checked, or empty. */
    public String hostname() {
        int from = macLength + clientIdLength;
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }

    /**
     * Whether the client asked for exactly {@code name}, told without making the name's string; only
     * for an ASCII name (a label): false for any other.
     */
    public boolean hostnameEquals(String name) {
        int from = macLength + clientIdLength;
        if (name.length() != bytes.length - from) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            byte b = bytes[from + i];
            if (b < 0 || b != name.charAt(i)) { // not ASCII: the same bytes may be other characters
                return false;
            }
        }
        return true;
    }

    public boolean hasHostname() {
        return bytes.length > macLength + clientIdLength;
    }

    /** Start of the lease, or null when not recorded. */
    public Instant starts() {
        return starts == LeaseBlock.NO_TIME ? null : Instant.ofEpochSecond(starts);
    }

    /** End of the lease, or null for {@code never}. */
    public Instant ends() {
        return LeaseTimes.instant(ends);
    }

    public BindingState state() {
        return state;
    }

    /** Whether dhcpd marked the lease abandoned. */
    public boolean abandoned() {
        return abandoned;
    }

    /** Where the lease was read: file and line. */
    public Origin origin() {
        return new Origin(file, line);
    }

    /**
     * Where a lease or reservation came from: {@code file:line} in reports. Kept as a pair, not as
     * text, so that a harvest of 500,000 hosts makes no string per host for it.
     */
    public record Origin(String file, int line) {

        /** A place that is no file's line (a kept host's record): its text alone. */
        public static Origin describing(String place) {
            return new Origin(place, -1);
        }

        @JsonValue
        @Override
        public String toString() {
            return line < 0 ? file : file + ":" + line;
        }
    }

    /** This lease read from a part of its file that starts at line {@code firstLine}. */
    public Lease inPartFrom(int firstLine) {
        return firstLine == 1 ? this : new Lease(ipv4, address, bytes, macLength, clientIdLength, starts, ends, state,
                abandoned, file, line + firstLine - 1);
    }

    /** Whether the two are the same lease, read from the same or another place (dhcpd's rewrite moves every block). */
    public boolean sameExceptOrigin(Lease other) {
        return other != null && address().equals(other.address()) && macLength == other.macLength
                && clientIdLength == other.clientIdLength && Arrays.equals(bytes, other.bytes) && starts == other.starts
                && ends == other.ends && state == other.state && abandoned == other.abandoned;
    }

    /** Whether the lease covers the instant: starts <= at < ends, with a null end meaning never. */
    public boolean coversInstant(Instant at) {
        long second = at.getEpochSecond(); // whole-second bounds: starts <= at exactly when starts <= its second
        return (starts == LeaseBlock.NO_TIME || starts <= second) && (ends == LeaseTimes.NEVER || second < ends);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lease other && sameExceptOrigin(other) && Objects.equals(file, other.file)
                && line == other.line;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address(), Arrays.hashCode(bytes), starts, ends, state, abandoned, file, line);
    }

    @Override
    public String toString() {
        return "Lease[address=" + address() + ", mac=" + mac() + ", clientId=" + clientId() + ", hostname=" + hostname()
                + ", starts=" + starts() + ", ends=" + ends() + ", state=" + state + ", abandoned=" + abandoned
                + ", origin=" + origin() + "]";
    }
}
