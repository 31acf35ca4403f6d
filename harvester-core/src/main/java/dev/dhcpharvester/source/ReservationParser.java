package dev.dhcpharvester.source;

import dev.dhcpharvester.source.ConfTokenizer.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads fixed-address reservations from a dhcpd.conf-style file: {@code host NAME { hardware
 * ethernet MAC; fixed-address ADDRESS; }}, and dhcpd6's {@code fixed-address6 ADDRESS;} with
 * {@code host-identifier option dhcp6.client-id DUID;}, also inside {@code group}, {@code subnet} and
 * {@code shared-network} blocks. dhcpd does not write these hosts to its lease file, so this is
 * how they reach DNS. Each becomes a {@link Lease} that is always active.
 */
public final class ReservationParser {

    /** The reservations read, and what was skipped with the reason. */
    public record Result(List<Lease> reservations, List<String> warnings) {
    }

    private ReservationParser() {
    }

    /** Reads {@code file}; a file that does not exist holds no reservations. */
    public static Result parse(Path file) throws IOException, LeaseFileException {
        List<Lease> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Result(List.of(), List.of());
        }
        byte[] bytes = Files.readAllBytes(file); // a reservations file is small
        readStatements(new ConfTokenizer(file, bytes, 0, bytes.length, 1), out, warnings, false);
        return new Result(List.copyOf(out), List.copyOf(warnings));
    }

    /** Reads statements until end of file (top level) or the closing '}' (in a block). */
    private static void readStatements(ConfTokenizer t, List<Lease> out, List<String> warnings, boolean inBlock)
            throws IOException, LeaseFileException {
        while (true) {
            Kind kind = t.next();
            if (kind == Kind.EOF) {
                if (inBlock) {
                    throw t.error("block is not closed by '}' before end of file");
                }
                return;
            }
            if (kind == Kind.RBRACE) {
                if (!inBlock) {
                    throw t.error("unexpected '}' outside any block");
                }
                return;
            }
            if (kind == Kind.SEMI) {
                continue;
            }
            if (kind != Kind.WORD) {
                throw t.error("expected a declaration but found " + t.describe());
            }
            String keyword = t.text().toLowerCase(Locale.ROOT);
            if (keyword.equals("host")) {
                readHost(t, out, warnings);
            } else {
                // group { }, subnet A netmask M { }, shared-network N { }, pool { }, or a plain statement
                while (t.kind() != Kind.SEMI && t.kind() != Kind.LBRACE) {
                    if (t.kind() == Kind.EOF || t.kind() == Kind.RBRACE) {
                        throw t.error("statement '" + keyword + "' is not ended by ';'");
                    }
                    t.next();
                }
                if (t.kind() == Kind.LBRACE) {
                    readStatements(t, out, warnings, true);
                }
            }
        }
    }

    private static void readHost(ConfTokenizer t, List<Lease> out, List<String> warnings)
            throws LeaseFileException {
        int line = t.line();
        t.next();
        if (t.kind() != Kind.WORD && t.kind() != Kind.STRING) {
            throw t.error("expected a host name after 'host' but found " + t.describe());
        }
        String name = t.text();
        t.expect(Kind.LBRACE, "'{' after 'host " + name + "'");
        String mac = "";
        String duid = "";
        List<String> addresses = new ArrayList<>();
        while (t.next() != Kind.RBRACE) {
            if (t.kind() == Kind.EOF) {
                throw new LeaseFileException(t.file(), line, "host " + name + " is not closed by '}'");
            }
            if (t.kind() != Kind.WORD) {
                throw t.error("expected a statement in host " + name + " but found " + t.describe());
            }
            String keyword = t.text().toLowerCase(Locale.ROOT);
            if (keyword.equals("hardware")) {
                t.expect(Kind.WORD, "a hardware type after 'hardware'");
                t.expect(Kind.WORD, "a hardware address after 'hardware " + t.text() + "'");
                mac = IscLeaseParser.normalizeMac(t.text());
                if (mac == null) {
                    throw t.error("expected a hardware address like 00:16:3e:12:34:56 but found " + t.describe());
                }
                t.expect(Kind.SEMI, "';' after the hardware address");
            } else if (keyword.equals("host-identifier")) {
                duid = readHostIdentifier(t, name);
            } else if (keyword.equals("fixed-address") || keyword.equals("fixed-address6")) {
                do {
                    t.expect(Kind.WORD, "an address after '" + keyword + "'");
                    addresses.add(t.text());
                    t.next();
                } while (t.kind() == Kind.COMMA);
                t.require(Kind.SEMI, "';' or ',' after the fixed address");
            } else {
                t.skipStatement();
            }
        }
        Lease.Origin origin = new Lease.Origin(t.file().toString(), line);
        if (addresses.isEmpty()) {
            warnings.add(origin + ": host " + name + " has no fixed-address; skipped");
        }
        for (String address : addresses) {
            String canonical = Addresses.canonical(address);
            if (canonical == null) {
                warnings.add(origin + ": host " + name + " has fixed-address '" + address
                        + "', which is not an IPv4 or IPv6 address; skipped");
                continue;
            }
            boolean v6 = Ipv6.isIpv6(canonical);
            String id = v6 ? duid : "";
            String hardware = v6 && mac.isEmpty() ? Duid.linkLayerAddress(duid) : mac;
            out.add(new Lease(canonical, hardware, id, name, null, null, BindingState.ACTIVE, false, origin));
        }
    }

    /** {@code host-identifier option dhcp6.client-id HEX;}: the DUID as lower-case hex; other identifiers give "". */
    private static String readHostIdentifier(ConfTokenizer t, String name) throws LeaseFileException {
        t.expect(Kind.WORD, "'option' after 'host-identifier'");
        t.expect(Kind.WORD, "an option name after 'host-identifier option'");
        boolean clientId = t.text().equalsIgnoreCase("dhcp6.client-id");
        t.next();
        String value = t.kind() == Kind.WORD ? t.text() : "";
        t.skipStatement();
        if (!clientId) {
            return "";
        }
        String hex = value.replace(":", "").toLowerCase(Locale.ROOT);
        if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.chars().allMatch(java.util.HexFormat::isHexDigit)) {
            throw t.error("expected the client's DUID as hex octets in host " + name + "'s host-identifier");
        }
        return hex;
    }
}
