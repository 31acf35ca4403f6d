package dev.dhcpharvester.source;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * One lease as the DHCP server recorded it.
 *
 * @param address   the IPv4 address, dotted quad
 * @param mac       hardware address, lower-case colon-separated, or empty when the lease has none
 * @param clientId  the client identifier (dhcpd's {@code uid}) as lower-case hex, or empty
 * @param hostname  the name the client asked for, decoded but not yet checked, or empty
 * @param starts    start of the lease, or null when not recorded
 * @param ends      end of the lease, or null for {@code never}
 * @param state     binding state
 * @param abandoned whether dhcpd marked the lease abandoned
 * @param origin    where the lease was read: file and line
 */
public record Lease(String address, String mac, String clientId, String hostname, Instant starts,
        Instant ends, BindingState state, boolean abandoned, Origin origin) {

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
        return firstLine == 1 ? this : new Lease(address, mac, clientId, hostname, starts, ends, state, abandoned,
                new Origin(origin.file(), origin.line() + firstLine - 1));
    }

    /** Whether the two are the same lease, read from the same or another place (dhcpd's rewrite moves every block). */
    public boolean sameExceptOrigin(Lease other) {
        return other != null && address.equals(other.address) && mac.equals(other.mac) && clientId.equals(other.clientId)
                && hostname.equals(other.hostname) && java.util.Objects.equals(starts, other.starts)
                && java.util.Objects.equals(ends, other.ends) && state == other.state && abandoned == other.abandoned;
    }

    /** Whether the lease covers the instant: starts <= at < ends, with a null end meaning never. */
    public boolean coversInstant(Instant at) {
        return (starts == null || !at.isBefore(starts)) && (ends == null || at.isBefore(ends));
    }
}
