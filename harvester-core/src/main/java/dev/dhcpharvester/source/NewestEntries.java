package dev.dhcpharvester.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A whole read of an appended lease file (dhcpd's, Kea's CSV) that reads only the newest entry of
 * each IPv4 address. The servers append an entry at every renewal, so most entries of a large
 * file are superseded, and reading each one field by field is most of a harvest's time.
 *
 * <p>Each part of the file is scanned by a format's scan from its end back to its start: where
 * each entry starts and ends, which address it names, its line, and whether it has the shape the
 * server writes. Going backwards, the first entry met for an address is its newest in the part;
 * an entry is the newest in the file when no later part names its address. Then the newest
 * entries, and every entry not in shape, are read field by field by a format's reader, a slice
 * each on every core; a superseded entry in shape is passed over.
 *
 * <p>Each newest entry reaches exactly one sink, with its line in the whole file; the sinks hold
 * disjoint addresses. Any entry a reader cannot read ends the read with its error, and the caller
 * reads the file in order instead, whose message names the first malformed entry.
 */
final class NewestEntries {

    /** An entry's flags: the newest of its address in its part; in the server's shape; a lease. */
    private static final int NEWEST = 1, IN_SHAPE = 2, LEASE = 4;

    private NewestEntries() {
    }

    /** A part's entries, found from its end backwards. */
    static final class Entries {
        int[] starts = new int[1 << 12];
        int[] ends = new int[1 << 12];
        /** Line breaks from an entry's start to the part's end. */
        int[] breaksAfter = new int[1 << 12];
        int[] addresses = new int[1 << 12];
        byte[] flags = new byte[1 << 12];
        int count;
        /** Addresses of the part's leases. */
        final AddressSet seen = new AddressSet();
        /** Lease entries, superseded ones included. */
        int leases;
        /** Line breaks in the part, set by the scan when it is done. */
        int newlines;
        int firstLine;

        /** A lease entry for {@code address}: kept when it is the newest of its address so far, or out of shape. */
        void lease(int start, int end, int breaks, int address, boolean inShape) {
            leases++;
            boolean newest = seen.add(address);
            if (newest || !inShape) {
                add(start, end, breaks, address, LEASE | (newest ? NEWEST : 0) | (inShape ? IN_SHAPE : 0));
            }
        }

        /** An entry that is not a lease (a header statement, or not one at all): always read. */
        void other(int start, int end, int breaks) {
            add(start, end, breaks, 0, 0);
        }

        /** A lease entry whose address the scan cannot read: always read, and its read says what is wrong. */
        void unplacedLease(int start, int end, int breaks) {
            leases++;
            add(start, end, breaks, 0, 0);
        }

        private void add(int start, int end, int breaks, int address, int flag) {
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

        boolean isLease(int e) {
            return (flags[e] & LEASE) != 0;
        }

        /** Whether entry {@code e} is its address's newest in the file, to be passed on (after {@link #toRead}). */
        boolean isNewest(int e) {
            return (flags[e] & NEWEST) != 0;
        }

        /** The file's line at entry {@code e}'s start. */
        int line(int e) {
            return firstLine + newlines - breaksAfter[e];
        }
    }

    /** A format's reading of one entry, field by field. */
    interface EntryReader {
        /**
         * Reads the entry in {@code b[0, length)}, which starts at line {@code line} of the file,
         * passing each lease block it holds to {@code blocks}.
         */
        void read(byte[] b, int length, int line, Consumer<LeaseBlock> blocks) throws LeaseFileException;

        /** Unknown statements met, to warn of. */
        default Set<String> unknown() {
            return Set.of();
        }
    }

    /** A read of a whole file into parts' sinks. */
    interface WholeRead<S> {
        IscLeaseParser.Parts<S> read() throws IOException, LeaseFileException;
    }

    /**
     * The {@code quick} read of the newest entries, or, when it is not for the file (null) or
     * cannot read it, the read {@code inOrder} of every entry, which names the first malformed one.
     */
    static <S> IscLeaseParser.Parts<S> quickOrInOrder(WholeRead<S> quick, WholeRead<S> inOrder)
            throws IOException, LeaseFileException {
        try {
            IscLeaseParser.Parts<S> newest = quick.read();
            if (newest != null) {
                return newest;
            }
        } catch (LeaseFileException e) {
            // the read in order says what is wrong, with the first malformed entry in file order
        }
        return inOrder.read();
    }

    /**
     * Scans the parts ({@code regions}, mapped, in file order, the first at line {@code firstLine})
     * with {@code scan}, then reads what
     * is to be read with a reader per thread; null when the scan of any part gave null (a file
     * not for this read).
     */
    static <S extends Consumer<LeaseBlock>> IscLeaseParser.Parts<S> read(Path file, List<ByteBuffer> regions,
            int firstLine, int threads, Function<ByteBuffer, Entries> scan, Supplier<S> sinks,
            Supplier<EntryReader> readers) throws IOException, LeaseFileException {
        List<Callable<Entries>> scans = new ArrayList<>();
        for (ByteBuffer region : regions) {
            scans.add(() -> scan.apply(region));
        }
        List<Entries> parts = PartReaders.read(file, scans);
        int leases = 0;
        int line = firstLine;
        for (Entries part : parts) {
            if (part == null) {
                return null;
            }
            part.firstLine = line;
            line += part.newlines;
            leases += part.leases;
        }
        long[] toRead = toRead(parts);
        int slices = Math.max(1, threads);
        List<Callable<Slice<S>>> reads = new ArrayList<>();
        for (int k = 0; k < slices; k++) {
            Slice<S> slice = new Slice<>(file, sinks.get(), readers.get());
            int first = k;
            reads.add(() -> slice.read(parts, regions, toRead, first, slices));
        }
        List<Slice<S>> done = PartReaders.read(file, reads);
        List<S> out = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (Slice<S> slice : done) {
            if (slice.error != null) {
                throw slice.error;
            }
            out.add(slice.sink);
            unknown.addAll(slice.reader.unknown());
        }
        List<String> warnings = unknown.stream()
                .map(keyword -> file + ": ignored unknown lease statement '" + keyword + "'").toList();
        long end = 0;
        for (ByteBuffer region : regions) {
            end += region.remaining();
        }
        return new IscLeaseParser.Parts<>(out, Collections.nCopies(out.size(), 1),
                new IscLeaseParser.Summary(leases, warnings), end, line);
    }

    /**
     * The entries to read, each its part above its index: every newest entry (newest in its part
     * and named by no later part) and every entry not in shape; the rest are superseded entries in
     * shape, passed over. Clears the newest flag of an entry a later part supersedes.
     */
    private static long[] toRead(List<Entries> parts) {
        int total = 0;
        for (Entries part : parts) {
            total += part.count;
        }
        long[] out = new long[total];
        int n = 0;
        for (int k = 0; k < parts.size(); k++) {
            Entries part = parts.get(k);
            for (int e = 0; e < part.count; e++) {
                boolean newest = part.isNewest(e) && !inLaterPart(parts, k, part.addresses[e]);
                if (!newest) {
                    part.flags[e] &= ~NEWEST;
                }
                if (newest || (part.flags[e] & IN_SHAPE) == 0) {
                    out[n++] = (long) k << 32 | e;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean inLaterPart(List<Entries> parts, int k, int address) {
        for (int later = k + 1; later < parts.size(); later++) {
            if (parts.get(later).seen.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code first} of {@code slices} runs of the entries to read, read into one sink: each
     * entry's bytes copied from its part, read by the format's reader, and its one lease block
     * passed on when it is the newest. An entry that held other blocks than the scan found in it (a
     * lease entry one block of its address, any other none) means the scan split the file otherwise
     * than the grammar does: an error, and the file is read in order.
     */
    private static final class Slice<S extends Consumer<LeaseBlock>> implements Consumer<LeaseBlock> {
        private final Path file;
        private final S sink;
        private final EntryReader reader;
        private byte[] bytes = new byte[1 << 12];
        private LeaseFileException error;
        /** The entry being read: its address, whether its block is passed on, the blocks it held. */
        private int address;
        private boolean passOn;
        private int blocks;

        Slice(Path file, S sink, EntryReader reader) {
            this.file = file;
            this.sink = sink;
            this.reader = reader;
        }

        Slice<S> read(List<Entries> parts, List<ByteBuffer> regions, long[] toRead, int first, int slices) {
            try {
                // a run, not every slices-th entry: each thread's reads go one way through the mapped file,
                // and no page of it is read by both (a 1M-lease harvest's CPU 3-4% less)
                int from = (int) ((long) toRead.length * first / slices);
                int to = (int) ((long) toRead.length * (first + 1) / slices);
                for (int j = from; j < to; j++) {
                    Entries part = parts.get((int) (toRead[j] >>> 32));
                    ByteBuffer region = regions.get((int) (toRead[j] >>> 32));
                    int e = (int) toRead[j];
                    int length = part.ends[e] - part.starts[e];
                    if (length > bytes.length) {
                        bytes = new byte[Math.max(length, 2 * bytes.length)];
                    }
                    region.get(region.position() + part.starts[e], bytes, 0, length);
                    address = part.addresses[e];
                    passOn = part.isNewest(e);
                    blocks = 0;
                    reader.read(bytes, length, part.line(e), this);
                    if (blocks != (part.isLease(e) ? 1 : 0)) {
                        throw new LeaseFileException(file, part.line(e), "expected one lease entry");
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
}
