package dev.dhcpharvester.source;

import dev.dhcpharvester.source.NewestEntries.Entries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@link NewestEntries} read of a Kea lease4 CSV: only the newest row of each address is read
 * field by field (Kea appends a row at every renewal; seven in ten rows of a million-row file
 * over 300,000 addresses are superseded). The scan reads each row's address (its first column)
 * and counts its commas: a superseded row with the header's column count is passed over, its
 * fields not read (a malformed value in it goes unreported; it is not published either way); a
 * row with another column count, or without an address to place, is read, and its error reported.
 */
final class NewestRowReader {

    /** Bytes copied from the mapped file and scanned at a time (more for a longer line). */
    private static final int CHUNK = 1 << 22;

    private NewestRowReader() {
    }

    /**
     * Reads the body's parts ({@code regions}, mapped, in file order, the first at line {@code
     * firstLine}) into a sink per thread; null when the file is not a lease4 file with the address
     * in its first column.
     */
    static <S extends Consumer<LeaseBlock>> IscLeaseParser.Parts<S> read(Path file, KeaCsvLeaseParser.Columns columns,
            List<ByteBuffer> regions, int firstLine, int threads, Supplier<S> sinks)
            throws IOException, LeaseFileException {
        if (columns.v6() || columns.address() != 0) {
            return null;
        }
        return NewestEntries.read(file, regions, firstLine, threads, region -> scan(region, columns.count() - 1),
                sinks, () -> new Reader(file, columns));
    }

    /** Scans a part's rows from its end backwards. */
    private static Entries scan(ByteBuffer region, int commas) {
        Entries out = new Entries();
        int base = region.position();
        int size = region.remaining();
        int chunkSize = CHUNK;
        byte[] chunk = new byte[Math.min(size, chunkSize)];
        int lineEnd = size; // of the row being looked for, at its line break or the part's end
        int breaks = 0; // line breaks from the row's start to the part's end
        while (true) {
            int lo = Math.max(0, lineEnd - chunkSize);
            if (chunk.length < lineEnd - lo) {
                chunk = new byte[lineEnd - lo];
            }
            region.get(base + lo, chunk, 0, lineEnd - lo);
            int end = lineEnd - lo;
            int i = ByteScan.lastBreak(chunk, end - 1);
            while (i >= 0 || lo == 0) {
                row(chunk, i + 1, end, lo, breaks, commas, out);
                if (i < 0) {
                    out.newlines = breaks;
                    return out;
                }
                breaks++;
                end = i;
                i = ByteScan.lastBreak(chunk, end - 1);
            }
            if (end == lineEnd - lo) {
                chunkSize *= 2; // a line longer than the chunk
            }
            lineEnd = lo + end;
        }
    }

    /** Records the row in {@code b[from, to)}, at {@code offset} in the part, unless it is blank. */
    private static void row(byte[] b, int from, int to, int offset, int breaks, int commas, Entries out) {
        int end = to > from && b[to - 1] == '\r' ? to - 1 : to;
        int i = from;
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        if (i == end) {
            return; // blank: no row
        }
        int comma = from;
        while (comma < end && b[comma] != ',') {
            comma++;
        }
        long address = Ipv4.parse(b, from, comma - from);
        if (address < 0) {
            out.unplacedLease(offset + from, offset + to, breaks);
            return;
        }
        boolean inShape = ByteScan.count(b, comma, end, (byte) ',') == commas;
        out.lease(offset + from, offset + to, breaks, (int) address, inShape);
    }

    /** Reads rows, one at a time. */
    private static final class Reader implements NewestEntries.EntryReader {
        private final Path file;
        private final KeaCsvLeaseParser.Row row;

        Reader(Path file, KeaCsvLeaseParser.Columns columns) {
            this.file = file;
            this.row = new KeaCsvLeaseParser.Row(columns, file.toString());
        }

        @Override
        public void read(byte[] b, int length, int line, Consumer<LeaseBlock> blocks) throws LeaseFileException {
            try {
                row.read(b, 0, length, line, blocks);
            } catch (LineReader.RowException bad) {
                throw new LeaseFileException(file, line, bad.getMessage());
            }
        }
    }
}
