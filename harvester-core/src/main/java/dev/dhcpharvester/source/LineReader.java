package dev.dhcpharvester.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a region of a line-oriented lease file (Kea's CSV, dnsmasq's) as bytes, 4 MB at a time,
 * and hands each line to a {@link Line} callback without making a string of it: the readers
 * look at the bytes and make objects only for the leases they keep.
 */
final class LineReader {

    /** Bytes read per call; a longer line grows the buffer. */
    private static final int CHUNK = 1 << 22;

    /** One line's handler: {@code b[from, to)} without the line break; returns whether it held a lease. */
    interface Line {
        boolean read(byte[] b, int from, int to, int line) throws RowException;
    }

    /** A malformed line, said in one line; where it is, the reader adds. */
    static final class RowException extends Exception {
        private static final long serialVersionUID = 1L;

        RowException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * What a region held: leases, line breaks passed, or the first malformed line (a line number
     * > 0, counted from {@code firstLine}) and what is wrong with it.
     */
    record Result(int leases, int lines, int errorLine, String error) {
    }

    private LineReader() {
    }

    /** Reads {@code [from, to)} of {@code channel}, whose first line is line {@code firstLine}. */
    static Result read(FileChannel channel, long from, long to, int firstLine, Line handler) throws IOException {
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, to - from))];
        int have = 0;
        long position = from;
        int line = firstLine;
        int leases = 0;
        int newlines = 0;
        try {
            while (true) {
                if (have == chunk.length) {
                    chunk = Arrays.copyOf(chunk, chunk.length * 2); // a line longer than the chunk
                }
                int n = position < to
                        ? channel.read(ByteBuffer.wrap(chunk, have, (int) Math.min(chunk.length - have, to - position)), position)
                        : -1;
                if (n > 0) {
                    position += n;
                    have += n;
                }
                boolean last = n <= 0 || position >= to;
                int lineStart = 0;
                for (int i = ByteScan.indexOf(chunk, 0, have, (byte) '\n'); i >= 0; i = ByteScan.indexOf(chunk, lineStart, have, (byte) '\n')) {
                    if (handler.read(chunk, lineStart, i, line)) {
                        leases++;
                    }
                    line++;
                    newlines++;
                    lineStart = i + 1;
                }
                System.arraycopy(chunk, lineStart, chunk, 0, have - lineStart);
                have -= lineStart;
                if (last) {
                    if (have > 0 && handler.read(chunk, 0, have, line)) {
                        leases++; // a last line without its line break
                    }
                    return new Result(leases, newlines, 0, null);
                }
            }
        } catch (RowException e) {
            return new Result(leases, newlines, line, e.getMessage());
        }
    }

    /**
     * Reads {@code [from, size)} of a line-oriented lease file in up to {@code threads} parts at
     * once, split at line breaks, each part into a sink of its own (from {@code sinks}) through a
     * handler made for that sink; a later part's lines supersede an earlier part's, as later lines
     * in the file do. {@code firstLine} is the line at {@code from}. The first malformed line, by its
     * line in the whole file, ends the read.
     */
    static <S extends Consumer<LeaseBlock>> IscLeaseParser.Parts<S> readInParts(Path file, FileChannel channel,
            long from, long size, int firstLine, int threads, Supplier<S> sinks, Function<S, Line> handlers)
            throws IOException, LeaseFileException {
        List<long[]> regions = split(channel, from, size, size - from < MIN_PART * 2 ? 1 : threads);
        List<S> parts = new ArrayList<>();
        List<Callable<Result>> reads = new ArrayList<>();
        for (int k = 0; k < regions.size(); k++) {
            long[] region = regions.get(k);
            int partFirstLine = k == 0 ? firstLine : 1; // later parts count from 1 and are shifted below
            S sink = sinks.get();
            Line handler = handlers.apply(sink);
            parts.add(sink);
            reads.add(() -> read(channel, region[0], region[1], partFirstLine, handler));
        }
        List<Result> results = PartReaders.read(file, reads);
        List<Integer> firstLines = new ArrayList<>();
        int line = firstLine;
        int leases = 0;
        for (int k = 0; k < results.size(); k++) {
            Result part = results.get(k);
            if (part.errorLine() > 0) {
                throw new LeaseFileException(file, k == 0 ? part.errorLine() : line + part.errorLine() - 1, part.error());
            }
            firstLines.add(line);
            line += part.lines();
            leases += part.leases();
        }
        return new IscLeaseParser.Parts<>(parts, firstLines, new IscLeaseParser.Summary(leases, List.of()), size, line);
    }

    /** Parts of at least this size are worth a thread of their own. */
    static final long MIN_PART = 4L << 20;

    /** Cuts [from, size) into {@code parts} regions at line boundaries. */
    static List<long[]> split(FileChannel channel, long from, long size, int parts) throws IOException {
        List<long[]> regions = new ArrayList<>();
        long start = from;
        ByteBuffer window = ByteBuffer.allocate(1 << 16);
        for (int k = 1; k < parts; k++) {
            long at = Math.max(start, from + (size - from) * k / parts);
            window.clear();
            int n = channel.read(window, at);
            int newline = n <= 0 ? -1 : ByteScan.indexOf(window.array(), 0, n, (byte) '\n');
            if (newline >= 0 && at + newline + 1 < size) {
                regions.add(new long[] {start, at + newline + 1});
                start = at + newline + 1;
            }
        }
        regions.add(new long[] {start, size});
        return regions;
    }

    /**
     * Colon-separated hex octets in {@code b[from, end)} (a client id or DUID as Kea and dnsmasq
     * write them) into {@code out}; their count, or 0 when the text is not that or does not fit.
     */
    static int hexOctets(byte[] b, int from, int end, byte[] out) {
        int n = 0;
        int i = from;
        while (i < end) {
            int value = 0;
            int digits = 0;
            while (i < end && Hex.value(b[i]) >= 0) {
                value = value << 4 | Hex.value(b[i]);
                i++;
                digits++;
            }
            if (digits == 0 || digits > 2 || n == out.length) {
                return 0;
            }
            out[n++] = (byte) value;
            if (i < end && b[i++] != ':') {
                return 0;
            }
        }
        return n;
    }
}
