package dev.dhcpharvester.source;

/**
 * A lease block kept as it was read, its hardware address, client id and name in one array: a
 * selector keeps the newest block in force per address, and most are superseded before the file
 * ends (350,000 of a 1,000,000-block file are kept for a while, 170,000 to the end), so the
 * {@link Lease} with its address as text is made only for those still kept (over the same array).
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
        return new Lease(address6 != null ? address6 : Ipv4.format(address & 0xffff_ffffL), bytes, macLength,
                clientIdLength, starts, ends, state, abandoned, file, line);
    }
}
