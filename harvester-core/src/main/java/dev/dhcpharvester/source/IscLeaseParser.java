package dev.dhcpharvester.source;

import dev.dhcpharvester.source.ConfTokenizer.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.Supplier;
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
            "host", "group", "subgroup", "class", "subclass", "db-time-format");

    private IscLeaseParser() {
    }

    /**
     * Reads {@code file}, passing each lease block to {@code sink} in file order. The block is
     * reused: the sink keeps what it needs with {@link LeaseBlock#toLease()}.
     */
    public static Summary parse(Path file, Consumer<LeaseBlock> sink) throws IOException, LeaseFileException {
        Parts<Consumer<LeaseBlock>> parts = parseInParts(file, 1, () -> sink);
        return parts.summary();
    }

    /**
     * What a read in parts produced: one sink per part, in file order, with the line each part
     * starts at (leases a sink kept carry lines counted from their part's start: see
     * {@link Lease#inPartFrom(int)}).
     */
    public record Parts<S>(List<S> sinks, List<Integer> firstLines, Summary summary, long end, int nextLine) {
    }

    /**
     * Reads {@code file} in up to {@code threads} parts at once, split at lease boundaries, each
     * part into a sink of its own; a later part's blocks supersede an earlier part's, as in the
     * file. With one thread the same sink may be returned for every part.
     */
    public static <S extends Consumer<LeaseBlock>> Parts<S> parseInParts(Path file, int threads, Supplier<S> sinks)
            throws IOException, LeaseFileException {
        return parseInParts(file, threads, sinks, false);
    }

    /**
     * As {@link #parseInParts(Path, int, Supplier)}, but when {@code wholeBlocksOnly}, only up to the
     * end of the last whole lease block ({@link #lastBlockEnd}), leaving one still being written.
     */
    public static <S extends Consumer<LeaseBlock>> Parts<S> parseInParts(Path file, int threads, Supplier<S> sinks,
            boolean wholeBlocksOnly) throws IOException, LeaseFileException {
        List<long[]> regions;
        try (FileChannel channel = FileChannel.open(file)) {
            long size = wholeBlocksOnly ? lastBlockEnd(channel, 0, channel.size()) : channel.size();
            regions = split(channel, threads, size);
            List<ByteBuffer> buffers = new ArrayList<>();
            for (long[] region : regions) {
                buffers.add(MappedFiles.map(channel, region[0], region[1] - region[0]));
            }
            List<PartResult<S>> results = threads == 1 || buffers.size() == 1
                    ? readInTurn(file, buffers, sinks)
                    : readAtOnce(file, buffers, sinks);
            return combine(file, results, size);
        }
    }

    /**
     * What reading the lines a server appended produced.
     *
     * @param end      the offset after the last whole statement read; the next read starts there
     * @param nextLine the file's line number at {@code end}
     */
    public record Appended(long end, int nextLine, int leases, List<String> warnings) {
    }

    /**
     * Reads the whole statements that follow {@code from} (dhcpd appends each lease as a block that
     * ends with a line holding only a closing brace), leaving a block still being written for the
     * next read. {@code firstLine} is the file's line number at {@code from}, for messages.
     */
    public static Appended parseAppended(Path file, long from, int firstLine, Consumer<LeaseBlock> sink)
            throws IOException, LeaseFileException {
        try (FileChannel channel = FileChannel.open(file)) {
            long end = lastBlockEnd(channel, from, channel.size());
            if (end <= from) {
                return new Appended(from, firstLine, 0, List.of());
            }
            ByteBuffer region = MappedFiles.map(channel, from, end - from);
            PartResult<Consumer<LeaseBlock>> part = readPart(file, region, sink, firstLine);
            if (part.error() != null) {
                throw part.error();
            }
            List<String> warnings = part.unknown().stream()
                    .map(keyword -> file + ": ignored unknown lease statement '" + keyword + "'").toList();
            return new Appended(end, part.lines(), part.leases(), warnings);
        }
    }

    /**
     * The offset just after the last line holding only "}" in [from, size), or {@code from} when
     * there is none: the end of the last whole lease block dhcpd wrote.
     */
    public static long lastBlockEnd(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(1 << 16);
        long high = size;
        while (high > from) {
            long low = Math.max(from, high - window.capacity());
            if (!MappedFiles.readFully(channel, window.clear().limit((int) (high - low)), low)) {
                return from;
            }
            // "}\n" preceded by a line break, or at the very start of the file
            for (int i = (int) (high - low) - 1; i >= 1; i--) {
                if (window.get(i) == '\n' && window.get(i - 1) == '}') {
                    long brace = low + i - 1;
                    if (brace == 0 || brace > low && window.get(i - 2) == '\n' || brace == low && lineBreakBefore(channel, brace)) {
                        return low + i + 1;
                    }
                }
            }
            if (low == from) {
                return from;
            }
            high = low + 2; // overlap, so that a "\n}\n" across windows is seen
        }
        return from;
    }

    private static boolean lineBreakBefore(FileChannel channel, long offset) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return channel.read(one, offset - 1) == 1 && one.get(0) == '\n';
    }

    /** What one part held: its sink, its lease count, unknown statements, lines, or its error. */
    private record PartResult<S>(S sink, int leases, Set<String> unknown, int lines, LeaseFileException error) {
    }

    private static <S extends Consumer<LeaseBlock>> List<PartResult<S>> readInTurn(Path file, List<ByteBuffer> buffers,
            Supplier<S> sinks) {
        S sink = sinks.get();
        List<PartResult<S>> results = new ArrayList<>();
        for (ByteBuffer buffer : buffers) {
            PartResult<S> result = readPart(file, buffer, sink);
            results.add(result);
            if (result.error() != null) {
                break;
            }
        }
        return results;
    }

    private static <S extends Consumer<LeaseBlock>> List<PartResult<S>> readAtOnce(Path file, List<ByteBuffer> buffers,
            Supplier<S> sinks) throws IOException {
        List<java.util.concurrent.Callable<PartResult<S>>> parts = new ArrayList<>();
        for (ByteBuffer buffer : buffers) {
            S sink = sinks.get();
            parts.add(() -> readPart(file, buffer, sink));
        }
        return PartReaders.readAtOnce(file, parts);
    }

    private static <S extends Consumer<LeaseBlock>> PartResult<S> readPart(Path file, ByteBuffer buffer, S sink) {
        return readPart(file, buffer, sink, 1);
    }

    private static <S extends Consumer<LeaseBlock>> PartResult<S> readPart(Path file, ByteBuffer buffer, S sink,
            int firstLine) {
        String fileName = file.toString();
        Set<String> unknown = new LinkedHashSet<>();
        int count = 0;
        LeaseBlock block = new LeaseBlock();
        byte[] scratch = new byte[64];
        ConfTokenizer t = new ConfTokenizer(file, buffer, firstLine);
        try {
            while (t.next() != Kind.EOF) {
                if (t.isWord(LEASE)) {
                    readLease(t, fileName, unknown, block, scratch);
                    sink.accept(block);
                    count++;
                } else if (IscIaReader.isIa(t)) {
                    count += IscIaReader.read(t, fileName, block, sink);
                } else if (t.kind() == Kind.WORD && SKIPPED_TOP_LEVEL.contains(t.text().toLowerCase(java.util.Locale.ROOT))) {
                    t.skipStatement();
                } else {
                    throw t.error("expected a 'lease' declaration (or DHCPv6 'ia-na', 'ia-ta', 'ia-pd') but found "
                            + t.describe());
                }
            }
            return new PartResult<>(sink, count, unknown, t.linesScanned(), null);
        } catch (LeaseFileException e) {
            return new PartResult<>(sink, count, unknown, t.linesScanned(), e);
        }
    }

    private static <S> Parts<S> combine(Path file, List<PartResult<S>> results, long end) throws LeaseFileException {
        List<S> sinks = new ArrayList<>();
        List<Integer> firstLines = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        int line = 1;
        int count = 0;
        for (PartResult<S> part : results) {
            if (part.error() != null) {
                throw part.error().inPartFrom(line);
            }
            sinks.add(part.sink());
            firstLines.add(line);
            unknown.addAll(part.unknown());
            count += part.leases();
            line += part.lines() - 1;
        }
        List<String> warnings = new ArrayList<>();
        for (String keyword : unknown) {
            warnings.add(file + ": ignored unknown lease statement '" + keyword + "'");
        }
        return new Parts<>(sinks, firstLines, new Summary(count, List.copyOf(warnings)), end, line);
    }

    /**
     * Byte ranges of the file, split just before a line that starts a lease, so that every
     * part holds whole top-level statements (dhcpd writes each {@code lease} at the start of a
     * line and escapes line breaks inside strings). No part is larger than a buffer can map.
     */
    private static List<long[]> split(FileChannel channel, int threads, long size) throws IOException {
        int parts = (int) Math.max(size < MIN_PART * 2 ? 1 : threads, (size + PART_LIMIT - 1) / PART_LIMIT);
        List<long[]> regions = new ArrayList<>();
        long start = 0;
        for (int k = 1; k < parts && start < size; k++) {
            long cut = boundaryAfter(channel, Math.max(start, size * k / parts), size);
            if (cut > start && cut < size) {
                regions.add(new long[] {start, cut});
                start = cut;
            }
        }
        regions.add(new long[] {start, size});
        for (long[] region : regions) {
            if (region[1] - region[0] > MappedFiles.MAX_REGION) {
                throw new IOException("cannot split the lease file into parts under 2 GiB at lease boundaries");
            }
        }
        return regions;
    }

    private static final long MIN_PART = 4L << 20;
    private static final long PART_LIMIT = 1L << 30;
    private static final byte[] LEASE_LINE = "\nlease ".getBytes(StandardCharsets.US_ASCII);

    /** The offset just after the first "\nlease " at or after {@code from}, or {@code size}. */
    private static long boundaryAfter(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(1 << 16);
        long offset = from;
        while (offset < size) {
            window.clear();
            int n = channel.read(window, offset);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i + LEASE_LINE.length <= n; i++) {
                int j = 0;
                while (j < LEASE_LINE.length && window.get(i + j) == LEASE_LINE[j]) {
                    j++;
                }
                if (j == LEASE_LINE.length) {
                    return offset + i + 1;
                }
            }
            if (n < LEASE_LINE.length) {
                break;
            }
            offset += n - LEASE_LINE.length + 1;
        }
        return size;
    }

    private static void readLease(ConfTokenizer t, String fileName, Set<String> unknown, LeaseBlock block,
            byte[] scratch) throws LeaseFileException {
        int line = t.line();
        t.next();
        long address = t.kind() == Kind.WORD ? Ipv4.parse(t.wordBuffer(), 0, t.wordLength()) : -1;
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
                int length = normalizeMac(t.wordBuffer(), 0, t.wordLength(), scratch);
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
            } else if (t.startsLike(3, 's') && t.isWord(SET)) {
                t.skipValueStatement("set");
            } else if (t.startsLike(6, 'o') && t.isWord(OPTION)) {
                t.skipValueStatement("option");
            } else if (t.startsLike(2, 'o') && t.isWord(ON)) {
                readOn(t);
            } else {
                unknown.add(t.text());
                t.skipStatement();
            }
        }
    }

    static BindingState readState(ConfTokenizer t, String what) throws LeaseFileException {
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
    private static void readClientId(ConfTokenizer t, LeaseBlock block) throws LeaseFileException {
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
    private static void readOn(ConfTokenizer t) throws LeaseFileException {
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
