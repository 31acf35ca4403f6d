package dev.dhcpharvester.source;

import dev.dhcpharvester.source.ConfTokenizer.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an ISC dhcpd 4.x lease database (dhcpd.leases(5)) and hands every lease block to a
 * consumer in file order. dhcpd appends, so a later block for an address supersedes an earlier
 * one; deciding that is the selection stage's job, which keeps this parser a pure streaming read
 * whose memory does not grow with the file.
 *
 * <p>Statements that carry nothing a harvest needs (failover peer state, server-duid,
 * authoring-byte-order, {@code set}, {@code option}, {@code on ... { }}) are checked for
 * well-formedness and skipped. Anything malformed stops the read with file, line and what was
 * expected.
 */
public final class IscLeaseParser {

    /** What a read saw besides the leases: how many, and statements it did not know. */
    public record Summary(int leases, List<String> warnings) {
    }

    private static final byte[] LEASE = bytes("lease");
    private static final byte[] STARTS = bytes("starts");
    private static final byte[] ENDS = bytes("ends");
    private static final byte[] TSTP = bytes("tstp");
    private static final byte[] TSFP = bytes("tsfp");
    private static final byte[] ATSFP = bytes("atsfp");
    private static final byte[] CLTT = bytes("cltt");
    private static final byte[] BINDING = bytes("binding");
    private static final byte[] NEXT = bytes("next");
    private static final byte[] REWIND = bytes("rewind");
    private static final byte[] STATE = bytes("state");
    private static final byte[] HARDWARE = bytes("hardware");
    private static final byte[] UID = bytes("uid");
    private static final byte[] CLIENT_HOSTNAME = bytes("client-hostname");
    private static final byte[] ABANDONED = bytes("abandoned");
    private static final byte[] BOOTP = bytes("bootp");
    private static final byte[] RESERVED = bytes("reserved");
    private static final byte[] SET = bytes("set");
    private static final byte[] OPTION = bytes("option");
    private static final byte[] ON = bytes("on");

    /** Top-level statements dhcpd writes that a harvest does not need; anything else is an error. */
    private static final Set<String> SKIPPED_TOP_LEVEL = Set.of("failover", "authoring-byte-order", "server-duid",
            "host", "group", "subgroup", "class", "subclass", "ia-na", "ia-ta", "ia-pd", "db-time-format");

    private IscLeaseParser() {
    }

    /** Reads {@code file}, passing each lease block to {@code sink} in file order. */
    public static Summary parse(Path file, Consumer<Lease> sink) throws IOException, LeaseFileException {
        String fileName = file.toString();
        Set<String> unknown = new LinkedHashSet<>();
        int count = 0;
        try (ConfTokenizer t = new ConfTokenizer(file)) {
            while (t.next() != Kind.EOF) {
                if (t.isWord(LEASE)) {
                    sink.accept(readLease(t, fileName, unknown));
                    count++;
                } else if (t.kind() == Kind.WORD && SKIPPED_TOP_LEVEL.contains(t.text().toLowerCase(java.util.Locale.ROOT))) {
                    t.skipStatement();
                } else {
                    throw t.error("expected a 'lease' declaration but found " + t.describe());
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        for (String keyword : unknown) {
            warnings.add(fileName + ": ignored unknown lease statement '" + keyword + "'");
        }
        return new Summary(count, List.copyOf(warnings));
    }

    private static Lease readLease(ConfTokenizer t, String fileName, Set<String> unknown)
            throws IOException, LeaseFileException {
        int line = t.line();
        t.next();
        String address = t.kind() == Kind.WORD ? t.text() : "";
        if (Ipv4.parse(address) < 0) {
            throw t.error("expected an IPv4 address after 'lease' but found " + t.describe());
        }
        t.expect(Kind.LBRACE, "'{' after 'lease " + address + "'");
        Instant starts = null;
        Instant ends = null;
        BindingState state = BindingState.UNSPECIFIED;
        String mac = "";
        String clientId = "";
        String hostname = "";
        boolean abandoned = false;
        while (t.next() != Kind.RBRACE) {
            if (t.kind() == Kind.EOF) {
                throw new LeaseFileException(t.file(), line, "lease " + address + " is not closed by '}'");
            }
            if (t.kind() != Kind.WORD) {
                throw t.error("expected a statement in lease " + address + " but found " + t.describe());
            }
            if (t.isWord(STARTS)) {
                starts = LeaseTimes.read(t, "starts");
            } else if (t.isWord(ENDS)) {
                ends = LeaseTimes.read(t, "ends");
            } else if (t.isWord(TSTP) || t.isWord(TSFP) || t.isWord(ATSFP) || t.isWord(CLTT)) {
                LeaseTimes.read(t, t.text());
            } else if (t.isWord(BINDING)) {
                state = readState(t, "binding");
            } else if (t.isWord(NEXT) || t.isWord(REWIND)) {
                String which = t.text();
                t.expect(Kind.WORD, "'binding' after '" + which + "'");
                if (!t.isWord(BINDING)) {
                    throw t.error("expected 'binding' after '" + which + "' but found " + t.describe());
                }
                readState(t, which + " binding");
            } else if (t.isWord(HARDWARE)) {
                mac = readHardware(t);
            } else if (t.isWord(UID)) {
                clientId = readData(t, "uid");
                t.expect(Kind.SEMI, "';' after uid");
            } else if (t.isWord(CLIENT_HOSTNAME)) {
                t.expect(Kind.STRING, "a quoted name after 'client-hostname'");
                hostname = t.text();
                t.expect(Kind.SEMI, "';' after client-hostname");
            } else if (t.isWord(ABANDONED)) {
                abandoned = true;
                t.expect(Kind.SEMI, "';' after 'abandoned'");
            } else if (t.isWord(BOOTP) || t.isWord(RESERVED)) {
                t.expect(Kind.SEMI, "';' after '" + t.text() + "'");
            } else if (t.isWord(SET) || t.isWord(OPTION)) {
                String what = t.text();
                t.next();
                if (t.kind() != Kind.WORD) {
                    throw t.error("expected a name after '" + what + "' but found " + t.describe());
                }
                t.skipStatement();
            } else if (t.isWord(ON)) {
                readOn(t);
            } else {
                unknown.add(t.text());
                t.skipStatement();
            }
        }
        return new Lease(address, mac, clientId, hostname, starts, ends == LeaseTimes.NEVER ? null : ends,
                state, abandoned, new Lease.Origin(fileName, line));
    }

    private static BindingState readState(ConfTokenizer t, String what) throws IOException, LeaseFileException {
        t.expect(Kind.WORD, "'state' after '" + what + "'");
        if (!t.isWord(STATE)) {
            throw t.error("expected 'state' after '" + what + "' but found " + t.describe());
        }
        t.expect(Kind.WORD, "a binding state after '" + what + " state'");
        BindingState state = BindingState.parse(t.text());
        if (state == null) {
            throw t.error("expected a binding state (free, active, expired, released, abandoned, reset, backup) but found "
                    + t.describe());
        }
        t.expect(Kind.SEMI, "';' after '" + what + " state " + t.text() + "'");
        return state;
    }

    private static String readHardware(ConfTokenizer t) throws IOException, LeaseFileException {
        t.expect(Kind.WORD, "a hardware type after 'hardware'");
        t.expect(Kind.WORD, "a hardware address after 'hardware " + t.text() + "'");
        String mac = normalizeMac(t.text());
        if (mac == null) {
            throw t.error("expected a hardware address like 00:16:3e:12:34:56 but found " + t.describe());
        }
        t.expect(Kind.SEMI, "';' after the hardware address");
        return mac;
    }

    /** Lower-case, two hex digits per octet; null when the text is not colon-separated hex octets. */
    public static String normalizeMac(String text) {
        StringBuilder out = new StringBuilder(17);
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            while (i < n && Character.digit(text.charAt(i), 16) >= 0) {
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 2) {
                return null;
            }
            if (out.length() > 0) {
                out.append(':');
            }
            if (len == 1) {
                out.append('0');
            }
            out.append(text, start, i);
            if (i < n) {
                if (text.charAt(i) != ':' || i == n - 1) {
                    return null;
                }
                i++;
            }
        }
        return out.length() == 0 ? null : out.toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** Reads a quoted string or colon-separated hex octets and returns them as lower-case hex. */
    private static String readData(ConfTokenizer t, String what) throws IOException, LeaseFileException {
        t.next();
        if (t.kind() == Kind.STRING) {
            return hex(t.stringBytes());
        }
        String mac = t.kind() == Kind.WORD ? normalizeMac(t.text()) : null;
        if (mac == null) {
            throw t.error("expected a quoted string or hex octets after '" + what + "' but found " + t.describe());
        }
        return mac.replace(":", "");
    }

    /** {@code on commit|expiry|release [or ...] { statements }} */
    private static void readOn(ConfTokenizer t) throws IOException, LeaseFileException {
        t.expect(Kind.WORD, "an event after 'on'");
        while (t.next() == Kind.WORD) {
            // "or expiry", "or release"
        }
        t.require(Kind.LBRACE, "'{' after 'on ...'");
        t.skipBlock();
    }

    private static String hex(byte[] data) {
        char[] out = new char[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            out[2 * i] = Character.forDigit(data[i] >> 4 & 0xf, 16);
            out[2 * i + 1] = Character.forDigit(data[i] & 0xf, 16);
        }
        return new String(out);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
