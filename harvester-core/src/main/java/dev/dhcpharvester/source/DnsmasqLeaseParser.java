package dev.dhcpharvester.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads dnsmasq's lease file: {@code expiry mac address hostname client-id} per line, {@code *}
 * for an absent name or client id, expiry 0 for an infinite lease. dnsmasq rewrites the whole
 * file, so there is one line per lease. DHCPv6 entries (after the {@code duid} line) are skipped
 * with a warning until IPv6 is supported.
 */
public final class DnsmasqLeaseParser {

    /** How many leases were read, and what was skipped. */
    public record Summary(int leases, List<String> warnings) {
    }

    private DnsmasqLeaseParser() {
    }

    public static Summary parse(Path file, Consumer<Lease> sink) throws IOException, LeaseFileException {
        String fileName = file.toString();
        int count = 0;
        int v6 = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String row;
            int line = 0;
            while ((row = in.readLine()) != null) {
                line++;
                String t = row.strip();
                if (t.isEmpty() || t.startsWith("duid ")) {
                    continue;
                }
                String[] f = t.split("\\s+");
                if (f.length != 5) {
                    throw new LeaseFileException(file, line, "expected 'expiry mac address hostname client-id' but found "
                            + f.length + " fields");
                }
                if (f[2].contains(":")) {
                    v6++;
                    continue;
                }
                long expiry;
                try {
                    expiry = Long.parseLong(f[0]);
                } catch (NumberFormatException e) {
                    throw new LeaseFileException(file, line, "expected the expiry time in seconds but found '" + f[0] + "'");
                }
                if (Ipv4.parse(f[2]) < 0) {
                    throw new LeaseFileException(file, line, "expected an IPv4 address but found '" + f[2] + "'");
                }
                String mac = IscLeaseParser.normalizeMac(f[1]);
                if (mac == null) {
                    throw new LeaseFileException(file, line, "expected a hardware address but found '" + f[1] + "'");
                }
                String id = f[4].equals("*") ? null : IscLeaseParser.normalizeMac(f[4]);
                String clientId = id == null ? "" : id.replace(":", "");
                sink.accept(new Lease(f[2], mac, clientId, f[3].equals("*") ? "" : f[3], null,
                        expiry == 0 ? null : Instant.ofEpochSecond(expiry), BindingState.ACTIVE, false,
                        new Lease.Origin(fileName, line)));
                count++;
            }
        }
        List<String> warnings = new ArrayList<>();
        if (v6 > 0) {
            warnings.add(file + ": skipped " + v6 + " DHCPv6 leases (IPv6 is not supported yet)");
        }
        return new Summary(count, List.copyOf(warnings));
    }
}
