package dev.dhcpharvester.source;

import dev.dhcpharvester.source.NewestEntries.Entries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@link NewestEntries} read of a dhcpd lease file: only the newest block of each address is
 * read statement by statement (seven in ten blocks of a million-block file over 300,000
 * addresses are superseded).
 *
 * <p>The scan finds where each top-level statement starts (a line that starts with a letter, as
 * dhcpd writes them), which address each lease names, and whether the block has the shape dhcpd
 * gives it (a {@code lease ADDRESS {} line, indented statement lines, a closing {@code }} line
 * alone). A superseded block in that shape is passed over, its shape checked but not its
 * statements: a malformed value or an unknown statement in it goes unreported (it is not published
 * either way). The read is not for a file with DHCPv6 statements (a block there holds several
 * addresses): it then returns null.
 */
final class NewestBlockReader {

    /** Bytes copied from the mapped file and scanned at a time. */
    private static final int CHUNK = 1 << 22;

    private NewestBlockReader() {
    }

    /** Reads the parts ({@code regions}, mapped, in file order) into a sink per thread; null for a DHCPv6 file. */
    static <S extends Consumer<LeaseBlock>> IscLeaseParser.Parts<S> read(Path file, List<ByteBuffer> regions,
            int threads, Supplier<S> sinks) throws IOException, LeaseFileException {
        return NewestEntries.read(file, regions, 1, threads, NewestBlockReader::scan, sinks, () -> new Reader(file));
    }

    /**
     * Scans a part from its end backwards: at each line start, a letter starts a statement; any
     * other line start counts towards the shape of the statement it is in. Null for DHCPv6.
     */
    private static Entries scan(ByteBuffer region) {
        return scan(region, CHUNK);
    }

    /** {@link #scan(ByteBuffer)}, {@code chunkSize} bytes of the part copied and scanned at a time (for tests). */
    static Entries scan(ByteBuffer region, int chunkSize) {
        Entries out = new Entries();
        int base = region.position();
        int size = region.remaining();
        byte[] chunk = new byte[Math.min(size, chunkSize) + HEAD];
        int end = size; // of the statement being scanned
        int breaks = 0;
        // the shape of the statement's lines after its first, seen from its last line backwards
        boolean closed = false;
        boolean indented = false;
        boolean inShape = true;
        for (int hi = size; hi > 0; ) {
            int lo = Math.max(0, hi - chunkSize);
            // more bytes to look at after a line break: a statement's head (the address of a lease)
            int length = hi - lo + Math.min(HEAD, size - hi);
            region.get(base + lo, chunk, 0, length);
            for (int i = ByteScan.lastBreak(chunk, hi - lo - 1); i >= 0; i = ByteScan.lastBreak(chunk, i - 1)) {
                breaks++;
                if (i + 1 >= length) {
                    continue; // the part's last line break
                }
                byte c = chunk[i + 1];
                if (c == ' ' || c == '\t') {
                    inShape &= closed; // nothing but the closing brace after the statements
                    indented = true;
                } else if (isLetter(c)) {
                    if (!statement(chunk, i + 1, lo + i + 1, end, breaks - 1, inShape && closed, out)) {
                        return null;
                    }
                    end = lo + i + 1;
                    closed = false;
                    indented = false;
                    inShape = true;
                } else if (c == '}') {
                    // the block's last line, and only that, is a closing brace alone
                    byte next = i + 2 < length ? chunk[i + 2] : (byte) '\n';
                    inShape &= !closed && !indented && (next == '\n' || next == '\r');
                    closed = true;
                } else if (c != '#' && c != '\n' && c != '\r') { // comments and blank lines are anywhere
                    inShape = false;
                }
            }
            hi = lo;
        }
        if (end > 0 && !statement(chunk, 0, 0, end, breaks, inShape && closed, out)) { // the chunk is the part's first
            return null;
        }
        out.newlines = breaks;
        return out;
    }

    /**
     * Records the statement in {@code [start, end)} of the part, whose start is followed by
     * {@code breaks} line breaks to the part's end, and whose head is in {@code chunk} from {@code
     * at}; false when it is a DHCPv6 one. The head is read from the chunk the scan holds, not from
     * the mapped part: a small copy out of a mapped buffer costs more than the rest of the scan of
     * an entry (a half of a 1M-lease file 0.35-0.55 s with it, 0.22-0.40 s without).
     */
    private static boolean statement(byte[] chunk, int at, int start, int end, int breaks, boolean linesInShape,
            Entries out) {
        int n = at + Math.min(HEAD, end - start);
        if (!startsWith(chunk, at, n, LEASE_SPACE)) {
            if (startsWith(chunk, at, n, IA)) {
                return false;
            }
            out.other(start, end, breaks); // a header statement (or not one at all): read it
            return true;
        }
        int from = at + LEASE_SPACE.length;
        int to = from;
        while (to < n && chunk[to] != ' ' && chunk[to] != '\n') {
            to++;
        }
        long address = Ipv4.parse(chunk, from, to - from);
        if (address < 0) {
            out.unplacedLease(start, end, breaks);
            return true;
        }
        boolean inShape = linesInShape && to + 2 < n && chunk[to] == ' ' && chunk[to + 1] == '{'
                && (chunk[to + 2] == '\n' || chunk[to + 2] == '\r');
        out.lease(start, end, breaks, (int) address, inShape);
        return true;
    }

    /** Bytes of a statement's start the scan looks at: {@code lease}, an address, {@code {}. */
    private static final int HEAD = 32;
    private static final byte[] LEASE_SPACE = {'l', 'e', 'a', 's', 'e', ' '};
    private static final byte[] IA = {'i', 'a', '-'};

    /** Whether {@code b[at, n)} starts with {@code prefix}, letters in either case. */
    private static boolean startsWith(byte[] b, int at, int n, byte[] prefix) {
        if (n - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[at + i] | 0x20) != prefix[i] && b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(byte c) {
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'z';
    }

    /** Reads statements, a top-level statement (or a few, with comments) at a time. */
    private static final class Reader implements NewestEntries.EntryReader {
        private final String fileName;
        private final Set<String> unknown = new LinkedHashSet<>();
        private final LeaseBlock block = new LeaseBlock();
        private final byte[] scratch = new byte[64];
        private final ConfTokenizer t;

        Reader(Path file) {
            this.fileName = file.toString();
            this.t = new ConfTokenizer(file, new byte[0], 0, 0, 1);
        }

        @Override
        public void read(byte[] b, int length, int line, Consumer<LeaseBlock> blocks) throws LeaseFileException {
            t.rescan(b, 0, length, line);
            while (t.next() != ConfTokenizer.Kind.EOF) {
                IscLeaseParser.readTopLevel(t, fileName, unknown, block, scratch, blocks);
            }
        }

        @Override
        public Set<String> unknown() {
            return unknown;
        }
    }
}
