package dev.dhcpharvester.source;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A lease block kept as it was read, its hardware address, client id and name in one array: a
 * selector keeps the newest block in force per address, and most are superseded before the file
 * ends (350,000 of a 1,000,000-block file are kept for a while, 170,000 to the end), so the
 * {@link Lease} with its strings and instants is made only for those still kept.
 */
public final class KeptBlock {

    private final int address;
    private final String address6;
    private final long starts;
    private final long ends;
    private final BindingState state;
    private final boolean abandoned;
    private final String file;
    private final int line;
    /** The hardware address (ASCII), the client id (raw), then the name (UTF-8). */
    private final byte[] bytes;
    private final int macLength;
    private final int clientIdLength;

    KeptBlock(int address, String address6, long starts, long ends, BindingState state, boolean abandoned, String file,
            int line, byte[] bytes, int macLength, int clientIdLength) {
        this.address = address;
        this.address6 = address6;
        this.starts = starts;
        this.ends = ends;
        this.state = state;
        this.abandoned = abandoned;
        this.file = file;
        this.line = line;
        this.bytes = bytes;
        this.macLength = macLength;
        this.clientIdLength = clientIdLength;
    }

    /** This block read from a part of its file that starts at line {@code firstLine}. */
    public KeptBlock inPartFrom(int firstLine) {
        return firstLine == 1 ? this : new KeptBlock(address, address6, starts, ends, state, abandoned, file,
                line + firstLine - 1, bytes, macLength, clientIdLength);
    }

    public Lease toLease() {
        int hostname = macLength + clientIdLength;
        return new Lease(address6 != null ? address6 : Ipv4.format(address & 0xffff_ffffL),
                new String(bytes, 0, macLength, StandardCharsets.ISO_8859_1),
                hex(bytes, macLength, clientIdLength),
                new String(bytes, hostname, bytes.length - hostname, StandardCharsets.UTF_8),
                starts == LeaseBlock.NO_TIME ? null : Instant.ofEpochSecond(starts),
                LeaseTimes.instant(ends), state, abandoned, new Lease.Origin(file, line));
    }

    private static String hex(byte[] data, int from, int length) {
        byte[] out = new byte[length * 2];
        for (int i = 0; i < length; i++) {
            out[2 * i] = (byte) Hex.digit(data[from + i] >> 4 & 0xf);
            out[2 * i + 1] = (byte) Hex.digit(data[from + i] & 0xf);
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }
}
