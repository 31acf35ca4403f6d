package dev.dhcpharvester.source;

import dev.dhcpharvester.source.LineReader.RowException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads dnsmasq's lease file: {@code expiry mac address hostname client-id} per line, {@code *}
 * for an absent name or client id, expiry 0 for an infinite lease. dnsmasq rewrites the whole
 * file, so there is one line per lease. DHCPv6 leases follow the server's {@code duid} line as
 * {@code expiry iaid address hostname client-duid}, the IAID prefixed with {@code T} for a
 * temporary address. Lines are read as bytes into a reused {@link LeaseBlock}, as Kea's rows are:
 * a lease object is made only for the lines a consumer keeps.
 */
public final class DnsmasqLeaseParser {

    private static final int FIELDS = 5;

    /** How many leases were read, and what was skipped. */
    public record Summary(int leases, List<String> warnings) {
    }

    private DnsmasqLeaseParser() {
    }

    /** Reads {@code file}, passing each line's lease to {@code sink} as a lease. */
    public static Summary parse(Path file, Consumer<Lease> sink) throws IOException, LeaseFileException {
        return parseBlocks(file, block -> sink.accept(block.toLease()));
    }

    /**
     * Reads {@code file} in up to {@code threads} parts at once, split between lines (dnsmasq writes
     * each address once, and a line needs nothing from those before it), each part into a sink of
     * its own that sees every line as a reused {@link LeaseBlock}.
     */
    public static <S extends Consumer<LeaseBlock>> IscLeaseParser.Parts<S> parseInParts(Path file, int threads,
            Supplier<S> sinks) throws IOException, LeaseFileException {
        try (FileChannel channel = FileChannel.open(file)) {
            return LineReader.readInParts(file, channel, 0, channel.size(), 1, threads, sinks,
                    sink -> new Line(file.toString(), sink)::read);
        }
    }

    /** Reads {@code file}, passing each line's lease to {@code sink} as a reused block. */
    public static Summary parseBlocks(Path file, Consumer<LeaseBlock> sink) throws IOException, LeaseFileException {
        Line reader = new Line(file.toString(), sink);
        try (FileChannel channel = FileChannel.open(file)) {
            LineReader.Result read = LineReader.read(channel, 0, channel.size(), 1, reader::read);
            if (read.errorLine() > 0) {
                throw new LeaseFileException(file, read.errorLine(), read.error());
            }
            return new Summary(read.leases(), List.of());
        }
    }

    /** One line's fields, read into a reused block. */
    private static final class Line {
        private final String fileName;
        private final Consumer<LeaseBlock> sink;
        private final LeaseBlock block = new LeaseBlock();
        private final int[] starts = new int[FIELDS];
        private final int[] ends = new int[FIELDS];
        private final byte[] scratch = new byte[512];

        Line(String fileName, Consumer<LeaseBlock> sink) {
            this.fileName = fileName;
            this.sink = sink;
        }

        boolean read(byte[] b, int from, int to, int line) throws RowException {
            if (to > from && b[to - 1] == '\r') {
                to--;
            }
            int fields = 0;
            int i = from;
            while (true) {
                while (i < to && (b[i] == ' ' || b[i] == '\t')) {
                    i++;
                }
                if (i == to) {
                    break;
                }
                int start = i;
                while (i < to && b[i] != ' ' && b[i] != '\t') {
                    i++;
                }
                if (fields < FIELDS) {
                    starts[fields] = start;
                    ends[fields] = i;
                }
                fields++;
            }
            if (fields == 0 || (fields == 2 && is(b, 0, "duid"))) {
                return false; // a blank line, or the server's DUID before the DHCPv6 leases
            }
            if (fields != FIELDS) {
                throw new RowException("expected 'expiry mac address hostname client-id' but found " + fields + " fields");
            }
            long expiry = number(b);
            long address = Ipv4.parse(b, starts[2], ends[2] - starts[2]); // the usual case first: no colon to look for
            if (address < 0 && ByteScan.indexOf(b, starts[2], ends[2], (byte) ':') >= 0) {
                readIpv6(b, line);
            } else {
                if (address < 0) {
                    throw new RowException("expected an IPv4 address but found '" + text(b, 2) + "'");
                }
                block.reset((int) address, fileName, line);
                int mac = IscLeaseParser.normalizeMac(b, starts[1], ends[1] - starts[1], scratch);
                if (mac < 0) {
                    throw new RowException("expected a hardware address but found '" + text(b, 1) + "'");
                }
                block.setMac(scratch, mac);
                if (!is(b, 4, "*")) {
                    int octets = octets(b, 4);
                    if (octets > 0) {
                        block.setClientId(scratch, 0, octets);
                    }
                }
            }
            if (!is(b, 3, "*")) {
                block.setHostname(b, starts[3], ends[3] - starts[3]);
            }
            block.state = BindingState.ACTIVE;
            block.ends = expiry == 0 ? LeaseTimes.NEVER : expiry;
            sink.accept(block);
            return true;
        }

        /** {@code expiry iaid address hostname client-duid}: the client is named by its DUID (and the MAC inside it, if any). */
        private void readIpv6(byte[] b, int line) throws RowException {
            String address = Ipv6.canonical(text(b, 2));
            if (address == null) {
                throw new RowException("expected an IPv6 address but found '" + text(b, 2) + "'");
            }
            if (!text(b, 1).matches("T?\\d{1,10}")) {
                throw new RowException("expected the IAID of a DHCPv6 lease but found '" + text(b, 1) + "'");
            }
            block.resetIpv6(address, fileName, line);
            if (!is(b, 4, "*")) {
                int octets = octets(b, 4);
                if (octets == 0) {
                    throw new RowException("expected the client's DUID as hex octets but found '" + text(b, 4) + "'");
                }
                block.setClientId(scratch, 0, octets);
                byte[] mac = Duid.linkLayerAddress(text(b, 4)).getBytes(StandardCharsets.US_ASCII);
                block.setMac(mac, mac.length);
            }
        }

        private long number(byte[] b) throws RowException {
            long value = 0;
            if (ends[0] - starts[0] > 18) {
                throw new RowException("expected the expiry time in seconds but found '" + text(b, 0) + "'");
            }
            for (int i = starts[0]; i < ends[0]; i++) {
                if (b[i] < '0' || b[i] > '9') {
                    throw new RowException("expected the expiry time in seconds but found '" + text(b, 0) + "'");
                }
                value = value * 10 + (b[i] - '0');
            }
            return value;
        }

        /** Colon-separated hex octets of a field into {@link #scratch}; their count, or 0 when the field is not that. */
        private int octets(byte[] b, int field) {
            return LineReader.hexOctets(b, starts[field], ends[field], scratch);
        }

        private boolean is(byte[] b, int field, String word) {
            int length = ends[field] - starts[field];
            if (length != word.length()) {
                return false;
            }
            for (int k = 0; k < length; k++) {
                if (b[starts[field] + k] != word.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        private String text(byte[] b, int field) {
            return new String(b, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
        }
    }
}
