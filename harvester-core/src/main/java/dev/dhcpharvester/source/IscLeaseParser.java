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
    private static final byte[] STATE = bytes("state");

    /** The statements of a lease block, by index into {@link #STATEMENTS}. */
    private static final int STARTS = 0, ENDS = 1, TSTP = 2, TSFP = 3, ATSFP = 4, CLTT = 5, BINDING = 6, NEXT = 7,
            REWIND = 8, HARDWARE = 9, UID = 10, CLIENT_HOSTNAME = 11, ABANDONED = 12, BOOTP = 13, RESERVED = 14,
            SET = 15, OPTION = 16, ON = 17;
    private static final byte[][] STATEMENTS = {bytes("starts"), bytes("ends"), bytes("tstp"), bytes("tsfp"),
        bytes("atsfp"), bytes("cltt"), bytes("binding"), bytes("next"), bytes("rewind"), bytes("hardware"), bytes("uid"),
        bytes("client-hostname"), bytes("abandoned"), bytes("bootp"), bytes("reserved"), bytes("set"), bytes("option"),
        bytes("on")};
    private static final int[][] STATEMENTS_BY_FIRST = ConfTokenizer.indexByFirstLetter(STATEMENTS);

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
            if (buffers.size() > 1 && results.subList(0, results.size() - 1).stream().anyMatch(r -> r.error() != null)
                    && size <= MappedFiles.MAX_REGION) {
                // a part ended in error, perhaps because its end fell inside a statement (a quoted
                // string holding a line break and "lease "): read as one part, which says what is wrong, if anything
                results = readInTurn(file, List.of(MappedFiles.map(channel, 0, size)), sinks);
            }
            return combine(file, results, size);
        }
    }

    /**
     * As {@link #parseInParts(Path, int, Supplier)} for a harvest that reads the file whole and
     * wants what is in force: only each address's newest block reaches a sink, once, with its line
     * in the whole file, and the sinks hold disjoint addresses (their first lines are all 1). A
     * superseded block in the shape dhcpd writes is passed over without reading its statements
     * ({@link NewestBlockReader}); {@link Summary#leases()} still counts it. A file with DHCPv6
     * statements, or one whose statements the quick scan cannot place, is read in order as
     * {@link #parseInParts(Path, int, Supplier)} reads it, which names any malformed statement.
     */
    public static <S extends Consumer<LeaseBlock>> Parts<S> parseNewestInParts(Path file, int threads, Supplier<S> sinks)
            throws IOException, LeaseFileException {
        return NewestEntries.quickOrInOrder(() -> readNewest(file, threads, sinks),
                () -> parseInParts(file, threads, sinks));
    }

    /** The quick read of {@link #parseNewestInParts}: null for a file with DHCPv6 statements; throws for any it cannot read. */
    static <S extends Consumer<LeaseBlock>> Parts<S> readNewest(Path file, int threads, Supplier<S> sinks)
            throws IOException, LeaseFileException {
        try (FileChannel channel = FileChannel.open(file)) {
            List<ByteBuffer> buffers = new ArrayList<>();
            for (long[] region : split(channel, threads, channel.size())) {
                buffers.add(MappedFiles.map(channel, region[0], region[1] - region[0]));
            }
            return NewestBlockReader.read(file, buffers, threads, sinks);
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
    record PartResult<S>(S sink, int leases, Set<String> unknown, int lines, LeaseFileException error) {
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

    private static <S extends Consumer<LeaseBlock>> PartResult<S> readPart(Path file, ByteBuffer region, S sink,
            int firstLine) {
        return readPart(file, region, sink, firstLine, CHUNK);
    }

    /** Bytes copied from the mapped file and scanned at a time. */
    private static final int CHUNK = 1 << 22;
    /** A statement longer than this is not one dhcpd wrote: the error its truncated read gave stands. */
    private static final int LONGEST_STATEMENT = 1 << 26;

    /**
     * Reads {@code region} a chunk at a time, each chunk ending where a line starts with a letter,
     * as dhcpd starts each top-level statement. A statement that still runs past its chunk's end
     * (a line inside it that starts with a letter) is read again from its start with a larger chunk,
     * and the blocks it already passed on are not passed on twice.
     */
    static <S extends Consumer<LeaseBlock>> PartResult<S> readPart(Path file, ByteBuffer region, S sink,
            int firstLine, int chunkSize) {
        String fileName = file.toString();
        Set<String> unknown = new LinkedHashSet<>();
        LeaseBlock block = new LeaseBlock();
        byte[] scratch = new byte[64];
        PassOn passOn = new PassOn(sink);
        int base = region.position();
        int size = region.remaining();
        byte[] chunk = new byte[Math.min(size, chunkSize)];
        int start = 0;
        int line = firstLine;
        int length = chunkSize;
        while (start < size) {
            int end = statementLineAfter(region, base, start, length, size);
            if (end - start > chunk.length) {
                chunk = new byte[end - start];
            }
            region.get(base + start, chunk, 0, end - start);
            ConfTokenizer t = new ConfTokenizer(file, chunk, 0, end - start, line);
            int statementStart = 0;
            int statementLine = line;
            int passedBefore = passOn.passed;
            try {
                while (true) {
                    statementStart = t.position();
                    statementLine = t.linesScanned();
                    passedBefore = passOn.passed;
                    if (t.next() == Kind.EOF) {
                        break;
                    }
                    readTopLevel(t, fileName, unknown, block, scratch, passOn);
                }
            } catch (LeaseFileException e) {
                if (end == size || !t.atEnd() || end - start - statementStart > LONGEST_STATEMENT) {
                    return new PartResult<>(sink, passOn.passed, unknown, t.linesScanned(), e);
                }
                // the chunk ended inside this statement: read it again with more of the file
                passOn.skip = passOn.passed - passedBefore; // passed on and counted already
                length = 2 * (end - start - statementStart);
                start += statementStart;
                line = statementLine;
                continue;
            }
            start = end;
            line = t.linesScanned();
            length = chunkSize;
        }
        return new PartResult<>(sink, passOn.passed, unknown, line, null);
    }

    /** One top-level statement, its first word read. */
    static void readTopLevel(ConfTokenizer t, String fileName, Set<String> unknown, LeaseBlock block,
            byte[] scratch, Consumer<LeaseBlock> sink) throws LeaseFileException {
        if (t.isWord(LEASE)) {
            readLease(t, fileName, unknown, block, scratch);
            sink.accept(block);
        } else if (IscIaReader.isIa(t)) {
            IscIaReader.read(t, fileName, block, sink);
        } else if (t.kind() == Kind.WORD && SKIPPED_TOP_LEVEL.contains(t.text().toLowerCase(java.util.Locale.ROOT))) {
            t.skipStatement();
        } else {
            throw t.error("expected a 'lease' declaration (or DHCPv6 'ia-na', 'ia-ta', 'ia-pd') but found "
                    + t.describe());
        }
    }

    /**
     * Passes blocks on and counts them, except the first {@code skip}: after a statement is read
     * again, those it passed on (and were counted) the first time.
     */
    private static final class PassOn implements Consumer<LeaseBlock> {
        private final Consumer<LeaseBlock> sink;
        int passed;
        int skip;

        PassOn(Consumer<LeaseBlock> sink) {
            this.sink = sink;
        }

        @Override
        public void accept(LeaseBlock block) {
            if (skip > 0) {
                skip--;
            } else {
                passed++;
                sink.accept(block);
            }
        }
    }

    /**
     * The end of a chunk of at least {@code length} bytes from {@code start}: just after the first
     * line break, at or after that length, that is followed by a letter; or {@code size}.
     */
    private static int statementLineAfter(ByteBuffer region, int base, int start, int length, int size) {
        for (long i = (long) start + Math.max(length, 1) - 1; i + 1 < size; i++) {
            if (region.get(base + (int) i) == '\n') {
                int next = region.get(base + (int) i + 1) | 0x20;
                if (next >= 'a' && next <= 'z') {
                    return (int) i + 1;
                }
            }
        }
        return size;
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
        while (true) {
            // dhcpd's own layout is recognised without tokenising: this loop runs for every line of the file
            int statement = t.indentedKeyword(STATEMENTS, STATEMENTS_BY_FIRST);
            if (statement < 0) {
                if (t.next() == Kind.RBRACE) {
                    return;
                }
                if (t.kind() != Kind.WORD) {
                    String where = "lease " + Ipv4.format(address);
                    if (t.kind() == Kind.EOF) {
                        throw new LeaseFileException(t.file(), line, where + " is not closed by '}'");
                    }
                    throw t.error("expected a statement in " + where + " but found " + t.describe());
                }
                statement = t.keywordIndex(STATEMENTS, STATEMENTS_BY_FIRST);
                if (statement < 0) {
                    unknown.add(t.text());
                    t.skipStatement();
                    continue;
                }
            }
            readStatement(statement, t, block, scratch);
        }
    }

    /** With the keyword of {@code statement} just read, reads the rest of it into the block. */
    private static void readStatement(int statement, ConfTokenizer t, LeaseBlock block, byte[] scratch)
            throws LeaseFileException {
        switch (statement) {
            case STARTS -> {
                block.starts = LeaseTimes.read(t, "starts");
                if (block.starts == LeaseTimes.NEVER) {
                    throw t.error("expected a start time but found 'never'");
                }
            }
            case ENDS -> block.ends = LeaseTimes.read(t, "ends");
            // failover times and pending states: not used, only checked
            case TSTP, TSFP, ATSFP, CLTT -> {
                if (!t.skipCanonicalTime()) {
                    t.skipSimpleStatement(new String(STATEMENTS[statement], StandardCharsets.US_ASCII));
                }
            }
            case BINDING -> {
                int state = t.wordAfter(SPACE_STATE_SPACE, STATE_WORDS);
                block.state = state >= 0 ? STATES[state] : readState(t, "binding");
            }
            case NEXT -> t.skipSimpleStatement("next binding state");
            case REWIND -> t.skipSimpleStatement("rewind binding state");
            case HARDWARE -> {
                if (t.canonicalMacAfter(SPACE_ETHERNET_SPACE, scratch) > 0) {
                    block.setMac(scratch, 17);
                    return;
                }
                t.expect(Kind.WORD, "a hardware type after 'hardware'");
                t.expect(Kind.WORD, "a hardware address after 'hardware ...'");
                int length = normalizeMac(t.wordBuffer(), 0, t.wordLength(), scratch);
                if (length < 0) {
                    throw t.error("expected a hardware address like 00:16:3e:12:34:56 but found " + t.describe());
                }
                block.setMac(scratch, length);
                t.expect(Kind.SEMI, "';' after the hardware address");
            }
            case UID -> {
                readClientId(t, block);
                if (!t.semicolon()) {
                    t.expect(Kind.SEMI, "';' after uid");
                }
            }
            case CLIENT_HOSTNAME -> {
                if (!t.stringAfterBlank()) {
                    t.expect(Kind.STRING, "a quoted name after 'client-hostname'");
                }
                block.setHostname(t.stringBuffer(), t.stringLength());
                if (!t.semicolon()) {
                    t.expect(Kind.SEMI, "';' after client-hostname");
                }
            }
            case ABANDONED -> {
                block.abandoned = true;
                t.expect(Kind.SEMI, "';' after 'abandoned'");
            }
            case BOOTP -> t.expect(Kind.SEMI, "';' after 'bootp'");
            case RESERVED -> t.expect(Kind.SEMI, "';' after 'reserved'");
            case SET -> t.skipValueStatement("set");
            case OPTION -> t.skipValueStatement("option");
            case ON -> readOn(t);
            default -> throw new IllegalStateException("statement " + statement);
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
        if (t.next() != Kind.SEMI) { // the message built only when needed: this runs for every lease
            throw t.error("expected ';' after '" + what + " state " + state.label() + "' but found " + t.describe());
        }
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
    private static final byte[][] STATE_WORDS = java.util.Arrays.stream(STATES).map(BindingState::keyword)
            .toArray(byte[][]::new);
    private static final byte[] SPACE_STATE_SPACE = bytes(" state ");
    private static final byte[] SPACE_ETHERNET_SPACE = bytes(" ethernet ");

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
        if (length < out.length && isNormalMac(b, from, length)) {
            System.arraycopy(b, from, out, 0, length); // as servers write it: nothing to change
            return length;
        }
        return normalizeOctets(b, from, length, out);
    }

    /** Whether the address is in normal form already: octets of two lower-case hex digits, colons between. */
    private static boolean isNormalMac(byte[] b, int from, int length) {
        int place = 0; // in the octet and its colon: 0, 1, then 2 for the colon
        for (int i = from; i < from + length; i++) {
            byte c = b[i];
            if (place == 2 ? c != ':' : (c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
            place = place == 2 ? 0 : place + 1;
        }
        return place == 2;
    }

    /** {@link #normalizeMac}, an octet at a time: one hex digit or two, either case. */
    static int normalizeOctets(byte[] b, int from, int length, byte[] out) {
        int n = 0;
        int i = from;
        int end = from + length;
        while (i < end) {
            int start = i;
            while (i < end && Hex.value(b[i]) >= 0) {
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
                out[n++] = (byte) Hex.digit(Hex.value(b[k]));
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
        if (t.stringAfterBlank() || t.next() == Kind.STRING) {
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
