package dev.dhcpharvester.selection;

import dev.dhcpharvester.source.IscLeaseParser;
import dev.dhcpharvester.source.LeaseFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An ISC dhcpd lease file followed across harvests (watch mode). dhcpd appends a block for every
 * lease change, so a harvest reads only the bytes added since the last one and updates the leases
 * it keeps; when dhcpd rewrites the file (its periodic cleanup writes a new file and renames it
 * over the old one) it reads the whole file again. A rewrite shows as a new file identity (inode),
 * a file shorter than what was read, or changed bytes at its head or where the last read ended.
 * Either way the leases kept equal those of a whole read of the same bytes.
 *
 * <p>Not thread-safe: one harvest at a time uses it (the daemon runs them one at a time).
 */
public final class LeaseFileFollower {

    /** What the last {@link #refresh} did. */
    public enum Read {
        /** Read the whole file: the first time, or after a rewrite. */
        WHOLE,
        /** Read only what was appended. */
        APPENDED,
        /** Nothing new (or only a block still being written). */
        UNCHANGED
    }

    private static final int MARK = 256;

    private final Path file;
    private final int threads;

    private LeaseSelector leases;
    private Object identity;
    private long end;
    private int nextLine;
    private byte[] head;
    private byte[] tail;
    private long bytesRead;
    private Read lastRead;
    private List<String> warnings = List.of();

    /** @param threads how many threads read the whole file, each a part of it */
    public LeaseFileFollower(Path file, int threads) {
        this.file = file;
        this.threads = threads;
    }

    public Path file() {
        return file;
    }

    /**
     * Brings the leases up to date with the file. On an error nothing changes: the next refresh
     * reads the same bytes again (or the whole file, if the server rewrote it in the meantime).
     */
    public Read refresh() throws IOException, LeaseFileException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Object key = attributes.fileKey();
        long size = attributes.size();
        if (leases == null || !Objects.equals(key, identity) || size < end || !marksUnchanged()) {
            readWhole(key);
            return lastRead = Read.WHOLE;
        }
        if (size == end) {
            bytesRead = 0;
            return lastRead = Read.UNCHANGED;
        }
        IscLeaseParser.Appended appended = IscLeaseParser.parseAppended(file, end, nextLine, leases);
        bytesRead = appended.end() - end;
        if (appended.end() == end) {
            return lastRead = Read.UNCHANGED;
        }
        end = appended.end();
        nextLine = appended.nextLine();
        tail = bytes(end - Math.min(MARK, end), (int) Math.min(MARK, end));
        if (!appended.warnings().isEmpty()) {
            warnings = appended.warnings();
        }
        return lastRead = Read.APPENDED;
    }

    private void readWhole(Object key) throws IOException, LeaseFileException {
        IscLeaseParser.Parts<LeaseSelector> whole = IscLeaseParser.parseInParts(file, threads, LeaseSelector::following,
                true);
        leases = LeaseSelector.combine(whole.sinks(), whole.firstLines());
        identity = key;
        end = whole.end();
        nextLine = whole.nextLine();
        head = bytes(0, (int) Math.min(MARK, end));
        tail = bytes(end - Math.min(MARK, end), (int) Math.min(MARK, end));
        warnings = whole.summary().warnings();
        bytesRead = end;
    }

    /** Whether the bytes at the head and where the last read ended are still those read. */
    private boolean marksUnchanged() throws IOException {
        return Arrays.equals(head, bytes(0, head.length)) && Arrays.equals(tail, bytes(end - tail.length, tail.length));
    }

    private byte[] bytes(long from, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(file)) {
            while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
                // keep reading
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** The leases read so far, to select from at each harvest's instant. */
    public LeaseSelector leases() {
        return leases;
    }

    /** What the last refresh did. */
    public Read lastRead() {
        return lastRead;
    }

    /** Bytes the last refresh parsed. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Warnings of the last whole read and the appends since (unknown statements). */
    public List<String> warnings() {
        return warnings;
    }
}
