package dev.dhcpharvester.source;

import dev.dhcpharvester.source.ConfTokenizer.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The DHCPv6 declarations of dhcpd's lease file (dhcpd -6 writes them in the grammar of
 * dhcpd.leases(5), so they are read by the same tokenizer and end up in the same {@link LeaseBlock}):
 *
 * <pre>
 * ia-na "IAID+DUID" {
 *   cltt 3 2026/11/25 23:53:21;
 *   iaaddr 2001:db8:7::1c2 {
 *     binding state active;
 *     preferred-life 3000;
 *     max-life 4000;
 *     ends 4 2026/11/26 01:00:01;
 *     set ddns-fwd-name = "node.cord.lab";
 *   }
 * }
 * </pre>
 *
 * The quoted identity is the IAID (four octets) followed by the client's DUID. {@code ia-na} and
 * {@code ia-ta} hold addresses, each a lease of its own; {@code ia-pd} holds delegated prefixes,
 * which name no host and are skipped. dhcpd records no client name for a DHCPv6 lease; the name it
 * sent in a DNS update ({@code set ddns-fwd-name}) is taken when present.
 */
final class IscIaReader {

    private static final int IAID_LENGTH = 4;

    private IscIaReader() {
    }

    /** Whether the current word starts a DHCPv6 declaration. */
    static boolean isIa(ConfTokenizer t) {
        return t.kind() == Kind.WORD && t.wordLength() == 5 && (t.text().equalsIgnoreCase("ia-na")
                || t.text().equalsIgnoreCase("ia-ta") || t.text().equalsIgnoreCase("ia-pd"));
    }

    /**
     * With the current word {@code ia-na}, {@code ia-ta} or {@code ia-pd}, reads the declaration,
     * passing each address's block on.
     */
    static void read(ConfTokenizer t, String fileName, LeaseBlock block, Consumer<LeaseBlock> sink)
            throws LeaseFileException {
        String kind = t.text().toLowerCase(Locale.ROOT);
        int line = t.line();
        t.expect(Kind.STRING, "the quoted IAID and DUID after '" + kind + "'");
        byte[] identity = java.util.Arrays.copyOf(t.stringBuffer(), t.stringLength());
        if (identity.length <= IAID_LENGTH) {
            throw t.error("expected the IAID and the client's DUID in '" + kind + "' but found "
                    + identity.length + " octets");
        }
        byte[] duid = java.util.Arrays.copyOfRange(identity, IAID_LENGTH, identity.length);
        byte[] mac = Duid.linkLayerAddress(java.util.HexFormat.of().formatHex(duid)).getBytes(StandardCharsets.US_ASCII);
        t.expect(Kind.LBRACE, "'{' after '" + kind + " \"...\"'");
        while (t.next() != Kind.RBRACE) {
            if (t.kind() == Kind.EOF) {
                throw new LeaseFileException(t.file(), line, kind + " is not closed by '}'");
            }
            if (t.kind() != Kind.WORD) {
                throw t.error("expected a statement in " + kind + " but found " + t.describe());
            }
            String word = t.text().toLowerCase(Locale.ROOT);
            if (word.equals("iaaddr") && !kind.equals("ia-pd")) {
                readAddress(t, fileName, block, duid, mac);
                sink.accept(block);
            } else {
                t.skipStatement(); // cltt, iaprefix (a delegated prefix), and what later versions add
            }
        }
    }

    private static void readAddress(ConfTokenizer t, String fileName, LeaseBlock block, byte[] duid, byte[] mac)
            throws LeaseFileException {
        int line = t.line();
        t.expect(Kind.WORD, "an IPv6 address after 'iaaddr'");
        String address = Ipv6.canonical(t.text());
        if (address == null) {
            throw t.error("expected an IPv6 address after 'iaaddr' but found " + t.describe());
        }
        block.resetIpv6(address, fileName, line);
        block.setClientId(duid, 0, duid.length);
        block.setMac(mac, mac.length);
        t.expect(Kind.LBRACE, "'{' after 'iaaddr " + address + "'");
        while (t.next() != Kind.RBRACE) {
            if (t.kind() == Kind.EOF) {
                throw new LeaseFileException(t.file(), line, "iaaddr " + address + " is not closed by '}'");
            }
            if (t.kind() != Kind.WORD) {
                throw t.error("expected a statement in iaaddr " + address + " but found " + t.describe());
            }
            String word = t.text().toLowerCase(Locale.ROOT);
            switch (word) {
                case "binding" -> block.state = IscLeaseParser.readState(t, "binding");
                case "ends" -> block.ends = LeaseTimes.read(t, "ends");
                case "set" -> readSet(t, block);
                default -> t.skipStatement(); // preferred-life, max-life, on ... { }
            }
        }
        block.abandoned = block.state == BindingState.ABANDONED;
    }

    /** {@code set NAME = VALUE;}: the name dhcpd put in DNS ({@code ddns-fwd-name}) is the host's name. */
    private static void readSet(ConfTokenizer t, LeaseBlock block) throws LeaseFileException {
        t.expect(Kind.WORD, "a variable name after 'set'");
        boolean name = t.text().equalsIgnoreCase("ddns-fwd-name");
        t.expect(Kind.EQUALS, "'=' after 'set " + t.text() + "'");
        t.next();
        if (name && t.kind() == Kind.STRING) {
            block.setHostname(t.stringBuffer(), t.stringLength());
        }
        t.skipStatement();
    }
}
