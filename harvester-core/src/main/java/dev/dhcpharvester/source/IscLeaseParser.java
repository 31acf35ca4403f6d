package dev.dhcpharvester.source;

import dev.dhcpharvester.source.ConfTokenizer.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    /**
     * Reads {@code file}, passing each lease block to {@code sink} in file order. The block is
     * reused: the sink keeps what it needs with {@link LeaseBlock#toLease()}.
     */
    public static Summary parse(Path file, Consumer<LeaseBlock> sink) throws IOException, LeaseFileException {
        String fileName = file.toString();
        Set<String> unknown = new LinkedHashSet<>();
        int count = 0;
        LeaseBlock block = new LeaseBlock();
        byte[] scratch = new byte[64];
        try (ConfTokenizer t = new ConfTokenizer(file)) {
            while (t.next() != Kind.EOF) {
                if (t.isWord(LEASE)) {
                    readLease(t, fileName, unknown, block, scratch);
                    sink.accept(block);
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

    private static void readLease(ConfTokenizer t, String fileName, Set<String> unknown, LeaseBlock block,
            byte[] scratch) throws IOException, LeaseFileException {
        int line = t.line();
        t.next();
        long address = t.kind() == Kind.WORD ? Ipv4.parse(t.wordBuffer(), t.wordStart(), t.wordLength()) : -1;
        if (address < 0) {
            throw t.error("expected an IPv4 address after 'lease' but found " + t.describe());
        }
        block.reset((int) address, fileName, line);
        if (t.next() != Kind.LBRACE) {
            throw t.error("expected '{' after 'lease " + Ipv4.format(address) + "' but found " + t.describe());
        }
        while (t.next() != Kind.RBRACE) {
            if (t.kind() != Kind.WORD) {
                String where = "lease " + Ipv4.format(address);
                if (t.kind() == Kind.EOF) {
                    throw new LeaseFileException(t.file(), line, where + " is not closed by '}'");
                }
                throw t.error("expected a statement in " + where + " but found " + t.describe());
            }
            // dispatch on length and first letter first: this loop runs for every line of the file
            if (t.startsLike(6, 's') && t.isWord(STARTS)) {
                block.starts = LeaseTimes.read(t, "starts");
                if (block.starts == LeaseTimes.NEVER) {
                    throw t.error("expected a start time but found 'never'");
                }
            } else if (t.startsLike(4, 'e') && t.isWord(ENDS)) {
                block.ends = LeaseTimes.read(t, "ends");
            } else if (t.startsLike(4, 't') && t.isWord(TSTP)) {
                t.skipSimpleStatement("tstp"); // failover times and pending states: not used, only checked
            } else if (t.startsLike(4, 't') && t.isWord(TSFP)) {
                t.skipSimpleStatement("tsfp");
            } else if (t.startsLike(5, 'a') && t.isWord(ATSFP)) {
                t.skipSimpleStatement("atsfp");
            } else if (t.startsLike(4, 'c') && t.isWord(CLTT)) {
                t.skipSimpleStatement("cltt");
            } else if (t.startsLike(7, 'b') && t.isWord(BINDING)) {
                block.state = readState(t, "binding");
            } else if (t.startsLike(4, 'n') && t.isWord(NEXT)) {
                t.skipSimpleStatement("next binding state");
            } else if (t.startsLike(6, 'r') && t.isWord(REWIND)) {
                t.skipSimpleStatement("rewind binding state");
            } else if (t.startsLike(8, 'h') && t.isWord(HARDWARE)) {
                t.expect(Kind.WORD, "a hardware type after 'hardware'");
                t.expect(Kind.WORD, "a hardware address after 'hardware ...'");
                int length = normalizeMac(t.wordBuffer(), t.wordStart(), t.wordLength(), scratch);
                if (length < 0) {
                    throw t.error("expected a hardware address like 00:16:3e:12:34:56 but found " + t.describe());
                }
                block.setMac(scratch, length);
                t.expect(Kind.SEMI, "';' after the hardware address");
            } else if (t.startsLike(3, 'u') && t.isWord(UID)) {
                readClientId(t, block);
                t.expect(Kind.SEMI, "';' after uid");
            } else if (t.startsLike(15, 'c') && t.isWord(CLIENT_HOSTNAME)) {
                t.expect(Kind.STRING, "a quoted name after 'client-hostname'");
                block.setHostname(t.stringBuffer(), t.stringLength());
                t.expect(Kind.SEMI, "';' after client-hostname");
            } else if (t.startsLike(9, 'a') && t.isWord(ABANDONED)) {
                block.abandoned = true;
                t.expect(Kind.SEMI, "';' after 'abandoned'");
            } else if (t.startsLike(5, 'b') && t.isWord(BOOTP)) {
                t.expect(Kind.SEMI, "';' after 'bootp'");
            } else if (t.startsLike(8, 'r') && t.isWord(RESERVED)) {
                t.expect(Kind.SEMI, "';' after 'reserved'");
            } else if (t.startsLike(3, 's') && t.isWord(SET) || t.startsLike(6, 'o') && t.isWord(OPTION)) {
                t.next();
                if (t.kind() != Kind.WORD) {
                    throw t.error("expected a name after 'set' or 'option' but found " + t.describe());
                }
                t.skipStatement();
            } else if (t.startsLike(2, 'o') && t.isWord(ON)) {
                readOn(t);
            } else {
                unknown.add(t.text());
                t.skipStatement();
            }
        }
    }

    private static BindingState readState(ConfTokenizer t, String what) throws IOException, LeaseFileException {
        t.expect(Kind.WORD, "'state' after '", what, "'");
        if (!t.isWord(STATE)) {
            throw t.error("expected 'state' after '" + what + "' but found " + t.describe());
        }
        t.expect(Kind.WORD, "a binding state after '", what, " state'");
        BindingState state = stateOf(t);
        if (state == null) {
            throw t.error("expected a binding state (free, active, expired, released, abandoned, reset, backup) but found "
                    + t.describe());
        }
        t.expect(Kind.SEMI, "';' after '", what, " state " + state.label() + "'");
        return state;
    }

    private static BindingState stateOf(ConfTokenizer t) {
        for (BindingState state : STATES) {
            if (t.isWord(state.keyword())) {
                return state;
            }
        }
        return null;
    }

    private static final BindingState[] STATES = {BindingState.ACTIVE, BindingState.FREE, BindingState.EXPIRED,
        BindingState.RELEASED, BindingState.BACKUP, BindingState.ABANDONED, BindingState.RESET};

    /** Lower-case, two hex digits per octet; null when the text is not colon-separated hex octets. */
    public static String normalizeMac(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[bytes.length * 2 + 2];
        int length = normalizeMac(bytes, 0, bytes.length, out);
        return length < 0 ? null : new String(out, 0, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the normalised form of the hardware address in {@code b[from, from + length)} to
     * {@code out} and returns its length, or -1 when it is not colon-separated hex octets or does
     * not fit in {@code out}.
     */
    static int normalizeMac(byte[] b, int from, int length, byte[] out) {
        int n = 0;
        int i = from;
        int end = from + length;
        while (i < end) {
            int start = i;
            while (i < end && Character.digit(b[i], 16) >= 0) {
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 2 || n + 3 > out.length) {
                return -1;
            }
            if (n > 0) {
                out[n++] = ':';
            }
            if (len == 1) {
                out[n++] = '0';
            }
            for (int k = start; k < i; k++) {
                out[n++] = (byte) Character.forDigit(Character.digit(b[k], 16), 16);
            }
            if (i < end) {
                if (b[i] != ':' || i == end - 1) {
                    return -1;
                }
                i++;
            }
        }
        return n == 0 ? -1 : n;
    }

    /** {@code uid} as a quoted string or as colon-separated hex octets. */
    private static void readClientId(ConfTokenizer t, LeaseBlock block) throws IOException, LeaseFileException {
        t.next();
        if (t.kind() == Kind.STRING) {
            block.setClientId(t.stringBuffer(), 0, t.stringLength());
            return;
        }
        String mac = t.kind() == Kind.WORD ? normalizeMac(t.text()) : null;
        if (mac == null) {
            throw t.error("expected a quoted string or hex octets after 'uid' but found " + t.describe());
        }
        String[] octets = mac.split(":");
        byte[] raw = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            raw[i] = (byte) Integer.parseInt(octets[i], 16);
        }
        block.setClientId(raw, 0, raw.length);
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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
