package dev.dhcpharvester.source;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads, of a dhcpd lease file read whole, only the newest block of each address. dhcpd appends a
 * block at every renewal, so most blocks of a large file are superseded (seven in ten of a
 * million blocks over 300,000 addresses), and reading each one statement by statement is most of
 * a harvest's time.
 *
 * <p>Each part of the file is first scanned from its end back to its start, a byte at a time:
 * where each top-level statement starts (a line that starts with a letter, as dhcpd writes them),
 * which address each lease names, its line, and whether it has the shape dhcpd gives a block
 * (a {@code lease ADDRESS {} line, indented statement lines, a closing {@code }} line). Going
 * backwards, the first block met for an address is its newest. Then only the newest blocks, and
 * every statement not in that shape, are read statement by statement, on every core: a
 * superseded block in dhcpd's shape is passed over, its shape checked but not its statements (a
 * malformed value or an unknown statement in it goes unreported; it is not published either way).
 *
 * <p>Each newest block reaches exactly one sink, with its line in the whole file; the sinks hold
 * disjoint addresses. The read is not for a file with DHCPv6 statements (a block there holds
 * several addresses): it then returns null. A statement it cannot read throws, and the caller reads
 * the file in order instead, whose message names the first malformed statement.
 */
final class NewestBlockReader {

    /** Bytes copied from the mapped file and scanned at a time. */
    private static final int CHUNK = 1 << 22;

    /** A statement's flags: the newest lease of its address in its part; in dhcpd's block shape. */
    private static final int NEWEST = 1, IN_SHAPE = 2, LEASE = 4;

    private NewestBlockReader() {
    }

    /**
     * Reads the parts ({@code regions}, mapped, in file order) and returns a sink per thread, or
     * null when the file holds DHCPv6 statements.
     */
    static <S extends Consumer<LeaseBlock>> IscLeaseParser.Parts<S> read(Path file, List<ByteBuffer> regions,
            int threads, Supplier<S> sinks) throws IOException, LeaseFileException {
        List<Callable<Statements>> scans = new ArrayList<>();
        for (ByteBuffer region : regions) {
            scans.add(() -> scan(region));
        }
        // a part is null when it holds DHCPv6 statements
        List<Statements> parts = scans.size() == 1 ? java.util.Collections.singletonList(call(scans.get(0)))
                : PartReaders.readAtOnce(file, scans);
        for (Statements part : parts) {
            if (part == null) {
                return null;
            }
        }
        int leases = 0;
        int firstLine = 1;
        for (Statements part : parts) {
            part.firstLine = firstLine;
            firstLine += part.newlines;
            leases += part.leases;
        }
        long[] toRead = toRead(parts);
        List<Callable<Reader<S>>> reads = new ArrayList<>();
        for (int k = 0; k < Math.max(1, threads); k++) {
            int slice = k;
            S sink = sinks.get();
            reads.add(() -> new Reader<>(file, sink).read(parts, regions, toRead, slice, Math.max(1, threads)));
        }
        List<Reader<S>> readers = reads.size() == 1 ? List.of(call(reads.get(0))) : PartReaders.readAtOnce(file, reads);
        List<S> out = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (Reader<S> reader : readers) {
            if (reader.error != null) {
                throw reader.error;
            }
            out.add(reader.sink);
            unknown.addAll(reader.unknown);
        }
        List<String> warnings = unknown.stream()
                .map(keyword -> file + ": ignored unknown lease statement '" + keyword + "'").toList();
        long end = 0;
        for (ByteBuffer region : regions) {
            end += region.remaining();
        }
        return new IscLeaseParser.Parts<>(out, java.util.Collections.nCopies(out.size(), 1),
                new IscLeaseParser.Summary(leases, warnings), end, firstLine);
    }

    /**
     * The statements to read, each its part above its index: every newest block (newest in its part
     * and named by no later part) and every statement not in a block's shape; the rest are
     * superseded blocks in shape, passed over.
     */
    private static long[] toRead(List<Statements> parts) {
        int total = 0;
        for (Statements part : parts) {
            total += part.count;
        }
        long[] out = new long[total];
        int n = 0;
        for (int k = 0; k < parts.size(); k++) {
            Statements part = parts.get(k);
            for (int s = 0; s < part.count; s++) {
                boolean newest = (part.flags[s] & NEWEST) != 0 && !inLaterPart(parts, k, part.addresses[s]);
                if (!newest) {
                    part.flags[s] &= ~NEWEST;
                }
                if (newest || (part.flags[s] & IN_SHAPE) == 0) {
                    out[n++] = (long) k << 32 | s;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean inLaterPart(List<Statements> parts, int k, int address) {
        for (int later = k + 1; later < parts.size(); later++) {
            if (parts.get(later).seen.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** A part's top-level statements, found from its end backwards. */
    private static final class Statements {
        int[] starts = new int[1 << 12];
        int[] ends = new int[1 << 12];
        /** Line breaks from a statement's start to the part's end. */
        int[] breaksAfter = new int[1 << 12];
        int[] addresses = new int[1 << 12];
        byte[] flags = new byte[1 << 12];
        int count;
        /** Addresses of the part's leases. */
        final AddressSet seen = new AddressSet();
        /** Lease statements, superseded ones included. */
        int leases;
        int newlines;
        int firstLine;

        void add(int start, int end, int breaks, int address, int flag) {
            if (count == starts.length) {
                int n = count * 2;
                starts = Arrays.copyOf(starts, n);
                ends = Arrays.copyOf(ends, n);
                breaksAfter = Arrays.copyOf(breaksAfter, n);
                addresses = Arrays.copyOf(addresses, n);
                flags = Arrays.copyOf(flags, n);
            }
            starts[count] = start;
            ends[count] = end;
            breaksAfter[count] = breaks;
            addresses[count] = address;
            flags[count] = (byte) flag;
            count++;
        }

        boolean isLease(int s) {
            return (flags[s] & LEASE) != 0;
        }

        int line(int s) {
            return firstLine + newlines - breaksAfter[s];
        }
    }

    /**
     * Scans a part from its end backwards: at each line start, a letter starts a statement; any
     * other line start counts towards the shape of the statement it is in. Null for DHCPv6.
     */
    private static Statements scan(ByteBuffer region) {
        Statements out = new Statements();
        int base = region.position();
        int size = region.remaining();
        byte[] chunk = new byte[Math.min(size, CHUNK) + 2];
        byte[] head = new byte[32];
        int end = size; // of the statement being scanned
        int breaks = 0;
        // the shape of the statement's lines after its first, seen from its last line backwards
        boolean closed = false;
        boolean indented = false;
        boolean inShape = true;
        for (int hi = size; hi > 0; ) {
            int lo = Math.max(0, hi - CHUNK);
            int length = hi - lo + Math.min(2, size - hi); // two bytes more to look at after a line break
            region.get(base + lo, chunk, 0, length);
            for (int i = lastBreak(chunk, hi - lo - 1); i >= 0; i = lastBreak(chunk, i - 1)) {
                breaks++;
                if (i + 1 >= length) {
                    continue; // the part's last line break
                }
                byte c = chunk[i + 1];
                if (c == ' ' || c == '\t') {
                    inShape &= closed; // nothing but the closing brace after the statements
                    indented = true;
                } else if (isLetter(c)) {
                    if (!statement(region, base, lo + i + 1, end, breaks - 1, inShape && closed, head, out)) {
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
        if (end > 0 && !statement(region, base, 0, end, breaks, inShape && closed, head, out)) {
            return null;
        }
        out.newlines = breaks;
        return out;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_SEVEN = 0x7f7f_7f7f_7f7f_7f7fL;
    private static final long LINE_BREAKS = 0x0a0a_0a0a_0a0a_0a0aL;

    /**
     * The index of the last line break in {@code b[0, from]}, or -1. Eight bytes at a time: this
     * loop passes over every byte of the file.
     */
    static int lastBreak(byte[] b, int from) {
        int i = from;
        for (; i >= 7; i -= 8) {
            long x = (long) LONGS.get(b, i - 7) ^ LINE_BREAKS; // a line break is a zero byte now
            long zeros = ~((x & LOW_SEVEN) + LOW_SEVEN | x | LOW_SEVEN); // the top bit of each zero byte, exactly
            if (zeros != 0) {
                return i - (Long.numberOfLeadingZeros(zeros) >>> 3);
            }
        }
        while (i >= 0 && b[i] != '\n') {
            i--;
        }
        return i;
    }

    /**
     * Records the statement in {@code [start, end)} of the region, whose start is followed by
     * {@code breaks} line breaks to the part's end; false when it is a DHCPv6 one.
     */
    private static boolean statement(ByteBuffer region, int base, int start, int end, int breaks, boolean linesInShape,
            byte[] head, Statements out) {
        int n = Math.min(head.length, end - start);
        region.get(base + start, head, 0, n);
        if (!startsWith(head, n, LEASE_SPACE)) {
            if (startsWith(head, n, IA)) {
                return false;
            }
            out.add(start, end, breaks, 0, 0); // a header statement (or not one at all): read it
            return true;
        }
        out.leases++;
        int from = LEASE_SPACE.length;
        int to = from;
        while (to < n && head[to] != ' ' && head[to] != '\n') {
            to++;
        }
        long address = Ipv4.parse(head, from, to - from);
        if (address < 0) {
            out.add(start, end, breaks, 0, 0); // the read says what is wrong
            return true;
        }
        boolean inShape = linesInShape && to + 2 < n && head[to] == ' ' && head[to + 1] == '{'
                && (head[to + 2] == '\n' || head[to + 2] == '\r');
        boolean newest = out.seen.add((int) address);
        if (newest || !inShape) {
            out.add(start, end, breaks, (int) address, LEASE | (newest ? NEWEST : 0) | (inShape ? IN_SHAPE : 0));
        }
        return true;
    }

    private static final byte[] LEASE_SPACE = {'l', 'e', 'a', 's', 'e', ' '};
    private static final byte[] IA = {'i', 'a', '-'};

    private static boolean startsWith(byte[] b, int n, byte[] prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] | 0x20) != prefix[i] && b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(byte c) {
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'z';
    }

    /** Reads a slice of the statements to read into its sink. */
    private static final class Reader<S extends Consumer<LeaseBlock>> implements Consumer<LeaseBlock> {
        final Path file;
        final S sink;
        final Set<String> unknown = new LinkedHashSet<>();
        LeaseFileException error;
        private final LeaseBlock block = new LeaseBlock();
        private final byte[] scratch = new byte[64];
        private byte[] bytes = new byte[1 << 12];
        /** The statement being read: its address, whether its block is passed on; blocks it held. */
        private int address;
        private boolean passOn;
        private int blocks;

        Reader(Path file, S sink) {
            this.file = file;
            this.sink = sink;
        }

        Reader<S> read(List<Statements> parts, List<ByteBuffer> regions, long[] toRead, int slice, int slices) {
            String fileName = file.toString();
            ConfTokenizer t = new ConfTokenizer(file, bytes, 0, 0, 1);
            try {
                for (int j = slice; j < toRead.length; j += slices) {
                    int k = (int) (toRead[j] >>> 32);
                    Statements part = parts.get(k);
                    int s = (int) toRead[j];
                    int length = part.ends[s] - part.starts[s];
                    if (length > bytes.length) {
                        bytes = new byte[Math.max(length, 2 * bytes.length)];
                    }
                    ByteBuffer region = regions.get(k);
                    region.get(region.position() + part.starts[s], bytes, 0, length);
                    t.rescan(bytes, 0, length, part.line(s));
                    address = part.addresses[s];
                    passOn = (part.flags[s] & NEWEST) != 0;
                    blocks = 0;
                    while (t.next() != ConfTokenizer.Kind.EOF) {
                        IscLeaseParser.readTopLevel(t, fileName, unknown, block, scratch, this);
                    }
                    if (blocks != (part.isLease(s) ? 1 : 0)) {
                        // the scan split the statements otherwise than the grammar does: not for this read
                        throw t.error("expected one lease block from line " + part.line(s));
                    }
                }
            } catch (LeaseFileException e) {
                error = e;
            }
            return this;
        }

        @Override
        public void accept(LeaseBlock read) {
            blocks += read.address() == address && read.address6() == null ? 1 : 2; // 2: not the one the scan found
            if (passOn && blocks == 1) {
                sink.accept(read);
            }
        }
    }

    private static <T> T call(Callable<T> task) throws IOException {
        try {
            return task.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
