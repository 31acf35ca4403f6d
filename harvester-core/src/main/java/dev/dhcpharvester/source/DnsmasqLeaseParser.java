package dev.dhcpharvester.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads dnsmasq's lease file: {@code expiry mac address hostname client-id} per line, {@code *}
 * for an absent name or client id, expiry 0 for an infinite lease. dnsmasq rewrites the whole
 * file, so there is one line per lease. DHCPv6 leases follow the server's {@code duid} line as
 * {@code expiry iaid address hostname client-duid}, the IAID prefixed with {@code T} for a
 * temporary address.
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
                long expiry;
                try {
                    expiry = Long.parseLong(f[0]);
                } catch (NumberFormatException e) {
                    throw new LeaseFileException(file, line, "expected the expiry time in seconds but found '" + f[0] + "'");
                }
                if (Ipv6.isIpv6(f[2])) {
                    sink.accept(lease6(file, line, f, expiry));
                    count++;
                    continue;
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
        return new Summary(count, List.of());
    }

    /** {@code expiry iaid address hostname client-duid}: the client is named by its DUID (and the MAC inside it, if any). */
    private static Lease lease6(Path file, int line, String[] f, long expiry) throws LeaseFileException {
        String address = Ipv6.canonical(f[2]);
        if (address == null) {
            throw new LeaseFileException(file, line, "expected an IPv6 address but found '" + f[2] + "'");
        }
        if (!f[1].matches("T?\\d{1,10}")) {
            throw new LeaseFileException(file, line, "expected the IAID of a DHCPv6 lease but found '" + f[1] + "'");
        }
        String duid = f[4].equals("*") ? "" : f[4].replace(":", "").toLowerCase(java.util.Locale.ROOT);
        if (!duid.matches("([0-9a-f]{2})*")) {
            throw new LeaseFileException(file, line, "expected the client's DUID as hex octets but found '" + f[4] + "'");
        }
        return new Lease(address, Duid.linkLayerAddress(duid), duid, f[3].equals("*") ? "" : f[3], null,
                expiry == 0 ? null : Instant.ofEpochSecond(expiry), BindingState.ACTIVE, false,
                new Lease.Origin(file.toString(), line));
    }
}
