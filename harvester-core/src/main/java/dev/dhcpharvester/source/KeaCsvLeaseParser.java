package dev.dhcpharvester.source;

import dev.dhcpharvester.source.LineReader.RowException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads Kea's memfile lease CSV, lease4 ({@code kea-leases4.csv}) or lease6 ({@code kea-leases6.csv},
 * told apart by its {@code duid} column). Columns are found by the header's names, so the columns later
 * Kea versions add (pool_id) are taken in stride. Of DHCPv6 leases, addresses (IA_NA and IA_TA) are
 * read; delegated prefixes (IA_PD) name no host and are skipped. Kea appends: a later row for an address
 * supersedes an earlier one, and a row with valid lifetime 0 records a deleted lease. Commas
 * inside values are written by Kea as {@code &#x2c}. Rows are scanned as bytes, in parts at once
 * for a large file, and seen by the consumer as a reused {@link LeaseBlock}, as dhcpd's are.
 */
public final class KeaCsvLeaseParser {

    private static final List<String> REQUIRED = List.of("address", "hwaddr", "valid_lifetime", "expire");
    private static final List<String> REQUIRED6 = List.of("address", "duid", "valid_lifetime", "expire");
    /** Kea's lease_type of a delegated prefix. */
    private static final int PREFIX_DELEGATION = 2;

    private KeaCsvLeaseParser() {
    }

    /**
     * The files that hold the leases of the lease file {@code file}, oldest first, as Kea's own
     * memfile reads them: while the lease file cleanup (kea-lfc) works, the server's history is
     * split over {@code FILE.2} (the previous cleanup's output) and {@code FILE.1} (the copy being
     * cleaned); a finished cleanup not yet moved into place is {@code FILE.completed}, which then
     * replaces both. The current file comes last.
     */
    public static List<Path> filesOf(Path file) {
        Path completed = Path.of(file + ".completed");
        List<Path> files = new java.util.ArrayList<>();
        if (Files.exists(completed)) {
            files.add(completed);
        } else {
            for (String suffix : List.of(".2", ".1")) {
                Path part = Path.of(file + suffix);
                if (Files.exists(part)) {
                    files.add(part);
                }
            }
        }
        files.add(file);
        return List.copyOf(files);
    }

    /** Reads {@code file} and its cleanup's files (see {@link #filesOf}) in order; returns how many rows. */
    public static int parseWithCleanupFiles(Path file, Consumer<Lease> sink) throws IOException, LeaseFileException {
        int count = 0;
        for (Path part : filesOf(file)) {
            count += parse(part, sink);
        }
        return count;
    }

    /** Reads {@code file}, passing each row as a lease to {@code sink} in file order; returns how many. */
    public static int parse(Path file, Consumer<Lease> sink) throws IOException, LeaseFileException {
        return parseInParts(file, 1, () -> block -> sink.accept(block.toLease())).summary().leases();
    }

    /**
     * Reads {@code file} in up to {@code threads} parts at once, split between rows, each part into
     * a sink of its own that sees every row as a reused {@link LeaseBlock} (a lease object is made
     * only for the rows a sink keeps), as the dhcpd reader does. A later part's rows supersede an
     * earlier part's, as later rows in the file do; {@code firstLines} are each part's first line.
     */
    public static <S extends Consumer<LeaseBlock>> IscLeaseParser.Parts<S> parseInParts(Path file, int threads,
            Supplier<S> sinks) throws IOException, LeaseFileException {
        return parseInParts(file, threads, sinks, false);
    }

    /**
     * As {@link #parseInParts(Path, int, Supplier)}, but when {@code wholeLinesOnly}, only up to the
     * end of the last whole line, leaving a row Kea is still writing for the next read (watch mode).
     */
    public static <S extends Consumer<LeaseBlock>> IscLeaseParser.Parts<S> parseInParts(Path file, int threads,
            Supplier<S> sinks, boolean wholeLinesOnly) throws IOException, LeaseFileException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = wholeLinesOnly ? lastLineEnd(channel, 0, channel.size()) : channel.size();
            Columns columns = columns(file, channel, size);
            long bodyStart = Math.min(size, columns.bodyStart());
            return LineReader.readInParts(file, channel, bodyStart, size, 2, threads, sinks, sink -> {
                Row row = new Row(columns, file.toString());
                return (b, from, to, line) -> row.read(b, from, to, line, sink);
            });
        }
    }

    /**
     * As {@link #parseInParts(Path, int, Supplier)} for a harvest that reads the file whole and
     * wants what is in force: only each address's newest row reaches a sink, once, with its line
     * in the file, and the sinks hold disjoint addresses (their first lines are all 1). A superseded
     * row with the header's column count is passed over without reading its fields
     * ({@link NewestRowReader}); {@link IscLeaseParser.Summary#leases()} still counts it. A lease6
     * file, or one the quick read cannot read, is read in order, which names any malformed row.
     */
    public static <S extends Consumer<LeaseBlock>> IscLeaseParser.Parts<S> parseNewestInParts(Path file, int threads,
            Supplier<S> sinks) throws IOException, LeaseFileException {
        return NewestEntries.quickOrInOrder(() -> readNewest(file, threads, sinks),
                () -> parseInParts(file, threads, sinks));
    }

    /** The quick read of {@link #parseNewestInParts}: null for a file it is not for; throws for any row it cannot read. */
    static <S extends Consumer<LeaseBlock>> IscLeaseParser.Parts<S> readNewest(Path file, int threads, Supplier<S> sinks)
            throws IOException, LeaseFileException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            Columns columns = columns(file, channel, size);
            long bodyStart = Math.min(size, columns.bodyStart());
            List<ByteBuffer> regions = new java.util.ArrayList<>();
            int parts = size - bodyStart < LineReader.MIN_PART * 2 ? 1 : threads;
            for (long[] region : LineReader.split(channel, bodyStart, size, parts)) {
                regions.add(MappedFiles.map(channel, region[0], region[1] - region[0]));
            }
            return NewestRowReader.read(file, columns, regions, 2, threads, sinks);
        }
    }

    /**
     * Reads the rows Kea appended after {@code from} (the end of an earlier read, whose line is
     * {@code firstLine}), up to the last whole line; a row still being written waits for the next read.
     */
    public static IscLeaseParser.Appended parseAppended(Path file, long from, int firstLine, Consumer<LeaseBlock> sink)
            throws IOException, LeaseFileException {
        try (FileChannel channel = FileChannel.open(file)) {
            long end = lastLineEnd(channel, from, channel.size());
            if (end <= from) {
                return new IscLeaseParser.Appended(from, firstLine, 0, List.of());
            }
            Columns columns = columns(file, channel, channel.size());
            Row row = new Row(columns, file.toString());
            LineReader.Result part = LineReader.read(channel, from, end, firstLine,
                    (b, start, stop, line) -> row.read(b, start, stop, line, sink));
            if (part.errorLine() > 0) {
                throw new LeaseFileException(file, part.errorLine(), part.error());
            }
            return new IscLeaseParser.Appended(end, firstLine + part.lines(), part.leases(), List.of());
        }
    }

    static Columns columns(Path file, FileChannel channel, long size) throws IOException, LeaseFileException {
        byte[] head = new byte[(int) Math.min(size, 1 << 16)];
        MappedFiles.readFully(channel, ByteBuffer.wrap(head), 0);
        int headerEnd = ByteScan.indexOf(head, 0, head.length, (byte) '\n');
        String header = new String(head, 0, headerEnd < 0 ? head.length : headerEnd, StandardCharsets.UTF_8).strip();
        if (!header.startsWith("address,")) {
            throw new LeaseFileException(file, 1, "expected Kea's lease4 or lease6 CSV header starting with 'address,'");
        }
        return Columns.of(file, header, headerEnd < 0 ? size : headerEnd + 1);
    }

    /** The offset just after the last line break in [from, size), or {@code from} when there is none. */
    private static long lastLineEnd(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(1 << 16);
        long high = size;
        while (high > from) {
            long low = Math.max(from, high - window.capacity());
            if (!MappedFiles.readFully(channel, window.clear().limit((int) (high - low)), low)) {
                return from;
            }
            for (int i = (int) (high - low) - 1; i >= 0; i--) {
                if (window.get(i) == '\n') {
                    return low + i + 1;
                }
            }
            high = low;
        }
        return from;
    }

    /**
     * Where the columns the reader needs are, by the header's names (-1 for an optional one that is
     * absent), and where the rows start.
     */
    record Columns(int count, int address, int hwaddr, int clientId, int validLifetime, int expire, int hostname,
            int state, long bodyStart, boolean v6, int duid, int leaseType) {

        static Columns of(Path file, String header, long bodyStart) throws LeaseFileException {
            List<String> names = Arrays.asList(header.split(",", -1));
            Map<String, Integer> column = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                column.put(names.get(i), i);
            }
            boolean v6 = column.containsKey("duid");
            for (String required : v6 ? REQUIRED6 : REQUIRED) {
                if (!column.containsKey(required)) {
                    throw new LeaseFileException(file, 1, "the header has no '" + required + "' column");
                }
            }
            return new Columns(names.size(), column.get("address"), column.getOrDefault("hwaddr", -1),
                    column.getOrDefault("client_id", -1), column.get("valid_lifetime"), column.get("expire"),
                    column.getOrDefault("hostname", -1), column.getOrDefault("state", -1), bodyStart, v6,
                    column.getOrDefault("duid", -1), column.getOrDefault("lease_type", -1));
        }
    }

    /** What one part held: its sink, rows, lines (newlines) read, or the first error (a line > 0). */
    /** One row's fields, read into a reused block. */
    static final class Row {
        private final Columns columns;
        private final String fileName;
        private final int[] starts;
        private final LeaseBlock block = new LeaseBlock();
        private final byte[] scratch = new byte[256];

        Row(Columns columns, String fileName) {
            this.columns = columns;
            this.fileName = fileName;
            this.starts = new int[columns.count() + 1];
        }

        /** Reads the row in {@code b[from, to)}; false for a blank line. */
        boolean read(byte[] b, int from, int to, int line, Consumer<LeaseBlock> sink) throws RowException {
            if (to > from && b[to - 1] == '\r') {
                to--;
            }
            int i = from;
            while (i < to && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            if (i == to) {
                return false;
            }
            int fields = 1;
            starts[0] = from;
            for (int j = from; j < to; j++) {
                if (b[j] == ',') {
                    if (fields < columns.count()) {
                        starts[fields] = j + 1;
                    }
                    fields++;
                }
            }
            if (fields != columns.count()) {
                throw new RowException("expected " + columns.count() + " columns as in the header but found " + fields
                        + " (a truncated or changed row)");
            }
            starts[fields] = to + 1;
            if (columns.v6()) {
                if (columns.leaseType() >= 0 && number(b, columns.leaseType(), "lease_type") == PREFIX_DELEGATION) {
                    return true; // a delegated prefix: a router's, not a host's
                }
                String address = Ipv6.canonical(text(b, columns.address()));
                if (address == null) {
                    throw new RowException("expected an IPv6 address in column 'address' but found '" + text(b, columns.address()) + "'");
                }
                block.resetIpv6(address, fileName, line);
            } else {
                long address = Ipv4.parse(b, starts[columns.address()], length(columns.address()));
                if (address < 0) {
                    throw new RowException("expected an IPv4 address in column 'address' but found '" + text(b, columns.address()) + "'");
                }
                block.reset((int) address, fileName, line);
            }
            long valid = number(b, columns.validLifetime(), "valid_lifetime");
            long expire = number(b, columns.expire(), "expire");
            int hw = columns.hwaddr();
            if (hw >= 0 && length(hw) > 0) {
                int macLength = IscLeaseParser.normalizeMac(b, starts[hw], length(hw), scratch);
                if (macLength < 0) {
                    throw new RowException("expected a hardware address in column 'hwaddr' but found '" + text(b, hw) + "'");
                }
                block.setMac(scratch, macLength);
            }
            int id = columns.v6() ? columns.duid() : columns.clientId();
            if (id >= 0 && length(id) > 0) {
                int octets = octets(b, starts[id], length(id));
                if (octets > 0) {
                    block.setClientId(scratch, 0, octets);
                } else if (columns.v6()) {
                    throw new RowException("expected the client's DUID as hex octets in column 'duid' but found '"
                            + text(b, id) + "'");
                }
                if (columns.v6() && (hw < 0 || length(hw) == 0)) {
                    byte[] mac = Duid.linkLayerAddress(text(b, id)).getBytes(StandardCharsets.US_ASCII);
                    block.setMac(mac, mac.length); // a link-layer DUID carries the MAC
                }
            }
            int name = columns.hostname();
            if (name >= 0 && length(name) > 0) {
                int n = unescape(b, starts[name], length(name));
                block.setHostname(hostname, n);
            }
            BindingState state = BindingState.ACTIVE;
            if (columns.state() >= 0 && length(columns.state()) > 0) {
                state = switch ((int) number(b, columns.state(), "state")) {
                    case 0 -> BindingState.ACTIVE;
                    case 1 -> BindingState.ABANDONED; // declined: the address is in use by someone else
                    case 2 -> BindingState.EXPIRED; // expired-reclaimed
                    case 3 -> BindingState.RELEASED;
                    default -> BindingState.UNSPECIFIED;
                };
            }
            block.state = state;
            block.abandoned = state == BindingState.ABANDONED;
            block.starts = expire - valid;
            block.ends = expire;
            sink.accept(block);
            return true;
        }

        private byte[] hostname = new byte[64];

        /** The hostname field with Kea's escaped commas ({@code &#x2c}) restored, into {@link #hostname}; its length. */
        private int unescape(byte[] b, int from, int length) {
            if (hostname.length < length) {
                hostname = new byte[length * 2];
            }
            int n = 0;
            for (int i = from; i < from + length; i++) {
                if (b[i] == '&' && i + 5 <= from + length && b[i + 1] == '#' && b[i + 2] == 'x' && b[i + 3] == '2'
                        && b[i + 4] == 'c') {
                    hostname[n++] = ',';
                    i += 4;
                } else {
                    hostname[n++] = b[i];
                }
            }
            return n;
        }

        /** Colon-separated hex octets into {@link #scratch}; their count, or 0 when the field is not that. */
        private int octets(byte[] b, int from, int length) {
            return LineReader.hexOctets(b, from, from + length, scratch);
        }

        private int length(int column) {
            return starts[column + 1] - 1 - starts[column];
        }

        private String text(byte[] b, int column) {
            return new String(b, starts[column], length(column), StandardCharsets.UTF_8);
        }

        private long number(byte[] b, int column, String name) throws RowException {
            int from = starts[column];
            int to = from + length(column);
            while (from < to && b[from] == ' ') {
                from++;
            }
            while (to > from && b[to - 1] == ' ') {
                to--;
            }
            long value = 0;
            if (from == to || to - from > 18) {
                throw new RowException("expected a number in column '" + name + "' but found '" + text(b, column) + "'");
            }
            for (int i = from; i < to; i++) {
                if (b[i] < '0' || b[i] > '9') {
                    throw new RowException("expected a number in column '" + name + "' but found '" + text(b, column) + "'");
                }
                value = value * 10 + (b[i] - '0');
            }
            return value;
        }
    }
}
