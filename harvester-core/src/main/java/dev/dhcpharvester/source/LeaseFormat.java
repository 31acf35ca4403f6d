package dev.dhcpharvester.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The lease databases dhcp-harvester reads, told apart by their content. */
public enum LeaseFormat {
    /** ISC dhcpd's dhcpd.leases, and dhcpd -6's dhcpd6.leases (one grammar, read by one reader). */
    ISC,
    /** Kea's memfile lease CSV (kea-leases4.csv, kea-leases6.csv). */
    KEA_CSV,
    /** dnsmasq's lease file (dnsmasq.leases). */
    DNSMASQ,
    /** Kea's lease commands through its control agent's HTTP API (a lease database with no file). */
    KEA_API;

    /** Parses {@code isc} (or {@code isc6}), {@code kea-csv}, {@code dnsmasq} or {@code kea-api}. */
    public static LeaseFormat parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "isc", "isc6" -> ISC;
            case "kea-csv" -> KEA_CSV;
            case "dnsmasq" -> DNSMASQ;
            case "kea-api" -> KEA_API;
            default -> throw new IllegalArgumentException("--source-format must be isc, isc6, kea-csv, dnsmasq or kea-api, not '"
                    + text + "'");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The format of a file from its first line that is not blank or a comment; ISC when unsure. */
    public static LeaseFormat detect(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = in.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.startsWith("address,")) {
                    return KEA_CSV;
                }
                if (t.startsWith("duid ") || t.matches("\\d+ [0-9A-Fa-f:*-]+ \\S+ \\S+ \\S+")) {
                    return DNSMASQ;
                }
                return ISC;
            }
        }
        return ISC;
    }
}
