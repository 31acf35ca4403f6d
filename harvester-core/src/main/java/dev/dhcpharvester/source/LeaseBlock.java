package dev.dhcpharvester.source;

import java.util.Arrays;

/**
 * One lease block as the parser reads it: a mutable, reused view. A lease file holds millions of
 * blocks, most of them superseded or ended, so a consumer looks at the primitive fields first and
 * calls {@link #toLease()} only for the blocks it keeps. Valid only during the consumer's call.
 */
public final class LeaseBlock {

    static final long NO_TIME = Long.MIN_VALUE;

    int address;
    /** The IPv6 address in canonical text for a DHCPv6 lease, else null (then {@link #address} holds the IPv4 one). */
    String address6;
    long starts;
    long ends;
    BindingState state;
    boolean abandoned;
    int line;
    String file;
    private byte[] mac = new byte[32];
    private int macLength;
    private byte[] clientId = new byte[64];
    private int clientIdLength;
    private byte[] hostname = new byte[64];
    private int hostnameLength;

    void reset(int address, String file, int line) {
        this.address = address;
        this.address6 = null;
        this.file = file;
        this.line = line;
        starts = NO_TIME;
        ends = LeaseTimes.NEVER;
        state = BindingState.UNSPECIFIED;
        abandoned = false;
        macLength = 0;
        clientIdLength = 0;
        hostnameLength = 0;
    }

    void setMac(byte[] normalized, int length) {
        mac = fit(mac, length);
        System.arraycopy(normalized, 0, mac, 0, length);
        macLength = length;
    }

    void setClientId(byte[] raw, int from, int length) {
        clientId = fit(clientId, length);
        System.arraycopy(raw, from, clientId, 0, length);
        clientIdLength = length;
    }

    void setHostname(byte[] raw, int length) {
        setHostname(raw, 0, length);
    }

    void setHostname(byte[] raw, int from, int length) {
        hostname = fit(hostname, length);
        System.arraycopy(raw, from, hostname, 0, length);
        hostnameLength = length;
    }

    private static byte[] fit(byte[] buffer, int length) {
        return buffer.length >= length ? buffer : Arrays.copyOf(buffer, Math.max(length, buffer.length * 2));
    }

    /** A DHCPv6 lease's block: its address in canonical text (RFC 5952). */
    void resetIpv6(String canonicalAddress, String file, int line) {
        reset(0, file, line);
        this.address6 = canonicalAddress;
    }

    /** The IPv4 address as an unsigned 32-bit value in an int; meaningless when {@link #address6()} is not null. */
    public int address() {
        return address;
    }

    /** The IPv6 address (canonical text) of a DHCPv6 lease, or null for a DHCPv4 one. */
    public String address6() {
        return address6;
    }

    /** Whether the block holds its address for a client at some time: active (or no state) and not abandoned. */
    public boolean activeState() {
        return (state == BindingState.ACTIVE || state == BindingState.UNSPECIFIED) && !abandoned;
    }

    /** Whether the block is in force at the instant: active (or no state), not abandoned, starts <= at < ends. */
    public boolean inForceAt(long epochSecond) {
        return (state == BindingState.ACTIVE || state == BindingState.UNSPECIFIED) && !abandoned
                && (starts == NO_TIME || starts <= epochSecond) && epochSecond < ends;
    }

    /**
     * The block as it stands, as a lease to keep: one object and one array (its address made text
     * only when asked for: most blocks a selector keeps for a while are superseded before the end).
     */
    public Lease toLease() {
        return new Lease(address, address6, Lease.pack(mac, macLength, clientId, clientIdLength, hostname, hostnameLength),
                macLength, clientIdLength, starts, ends, state, abandoned, file, line);
    }
}
