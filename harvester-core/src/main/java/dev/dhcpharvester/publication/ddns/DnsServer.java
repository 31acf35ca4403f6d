package dev.dhcpharvester.publication.ddns;

import org.xbill.DNS.TSIG;

/**
 * An authoritative server that takes RFC 2136 updates for a zone.
 *
 * @param key the TSIG key that signs updates to this server, or null for the sender's own
 */
public record DnsServer(String host, int port, TSIG key) {

    public DnsServer(String host, int port) {
        this(host, port, null);
    }

    /** {@code HOST} or {@code HOST:PORT} ({@code [v6]:PORT} for IPv6); port 53 when not given. */
    public static DnsServer parse(String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            String host = text.substring(1, close);
            return new DnsServer(host, close + 1 < text.length() ? Integer.parseInt(text.substring(close + 2)) : 53);
        }
        int colon = text.lastIndexOf(':');
        if (colon > 0 && text.indexOf(':') == colon) {
            return new DnsServer(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
        return new DnsServer(text, 53);
    }

    public DnsServer {
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("a DNS server is a host and a port from 1 to 65535, not " + host + ":" + port);
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + "#" + port;
    }
}
