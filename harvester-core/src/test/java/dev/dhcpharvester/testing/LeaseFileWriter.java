package dev.dhcpharvester.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes lease blocks the way dhcpd 4.4 does, escaping client names as dhcpd's pretty_escape does. */
public final class LeaseFileWriter {

    private final StringBuilder text = new StringBuilder(
            "# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
                    + "# This lease file was written by isc-dhcp-4.4.3-P1\n\n"
                    + "# authoring-byte-order entry is generated, DO NOT DELETE\n"
                    + "authoring-byte-order little-endian;\n\n");

    /** An active lease from 08:00 to 20:00 UTC on 2026-11-25, named with the raw bytes given. */
    public LeaseFileWriter active(String address, String mac, byte[] clientHostname) {
        text.append("lease ").append(address).append(" {\n")
                .append("  starts 3 2026/11/25 08:00:00;\n")
                .append("  ends 3 2026/11/25 20:00:00;\n")
                .append("  cltt 3 2026/11/25 08:00:00;\n")
                .append("  binding state active;\n")
                .append("  next binding state free;\n")
                .append("  rewind binding state free;\n")
                .append("  hardware ethernet ").append(mac).append(";\n");
        if (clientHostname != null) {
            text.append("  client-hostname \"").append(escape(clientHostname)).append("\";\n");
        }
        text.append("}\n");
        return this;
    }

    public LeaseFileWriter active(String address, String mac, String clientHostname) {
        return active(address, mac, clientHostname == null ? null : clientHostname.getBytes(StandardCharsets.UTF_8));
    }

    public Path writeTo(Path file) throws IOException {
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return file;
    }

    static String escape(byte[] raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw) {
            int c = b & 0xff;
            if (c == '"' || c == '\\' || c == '$' || c == '`' || c == '\'') {
                out.append('\\').append((char) c);
            } else if (c < 0x20 || c >= 0x7f) {
                out.append('\\').append(String.format("%03o", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
