package dev.dhcpharvester.selection;

import dev.dhcpharvester.source.IscLeaseParser;
import dev.dhcpharvester.source.KeaCsvLeaseParser;
import dev.dhcpharvester.source.LeaseFileException;
import dev.dhcpharvester.source.LeaseFormat;
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
 * A lease file followed across harvests (watch mode): ISC dhcpd's, or Kea's memfile CSV. Both
 * servers append an entry for every lease change, so a harvest reads only the bytes added since
 * the last one and updates the leases it keeps; when the server rewrites the file (dhcpd's
 * periodic cleanup writes a new file and renames it over the old one; Kea's lease file cleanup
 * moves it aside to {@code .1} and starts a new one) it reads the whole file again, with Kea's
 * cleanup files. A rewrite shows as a new file identity (inode), a file shorter than what was
 * read, or changed bytes at its head or where the last read ended. Either way the leases kept
 * equal those of a whole read of the same bytes.
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
    private final LeaseFormat format;

    private LeaseSelector leases;
    private Object identity;
    private long end;
    private int nextLine;
    private byte[] head;
    private byte[] tail;
    private long bytesRead;
    private Read lastRead;
    private List<String> warnings = List.of();
    private List<List<Object>> cleanup = List.of();
    /** Whether the file was read whole since the last {@link #drainChanges}. */
    private boolean readWholeSinceDrain;

    /** @param threads how many threads read the whole file, each a part of it */
    public LeaseFileFollower(Path file, int threads) {
        this(file, threads, LeaseFormat.ISC);
    }

    /** @param format {@link LeaseFormat#ISC} or {@link LeaseFormat#KEA_CSV} */
    public LeaseFileFollower(Path file, int threads, LeaseFormat format) {
        if (format != LeaseFormat.ISC && format != LeaseFormat.KEA_CSV) {
            throw new IllegalArgumentException("only dhcpd's and Kea's lease files are followed, not " + format.label());
        }
        this.file = file;
        this.threads = threads;
        this.format = format;
    }

    public LeaseFormat format() {
        return format;
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
        if (leases == null || !Objects.equals(key, identity) || size < end || !marksUnchanged()
                || !cleanupFiles().equals(cleanup)) {
            readWhole(key);
            return lastRead = Read.WHOLE;
        }
        if (size == end) {
            bytesRead = 0;
            return lastRead = Read.UNCHANGED;
        }
        IscLeaseParser.Appended appended = format == LeaseFormat.KEA_CSV
                ? KeaCsvLeaseParser.parseAppended(file, end, nextLine, leases)
                : IscLeaseParser.parseAppended(file, end, nextLine, leases);
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
        IscLeaseParser.Parts<LeaseSelector> whole;
        if (format == LeaseFormat.KEA_CSV) {
            LeaseSelector cleaned = null; // what Kea's lease file cleanup holds, oldest first
            for (Path part : KeaCsvLeaseParser.filesOf(file)) {
                if (!part.equals(file)) {
                    IscLeaseParser.Parts<LeaseSelector> old = KeaCsvLeaseParser.parseInParts(part, threads,
                            LeaseSelector::following);
                    LeaseSelector read = LeaseSelector.combine(old.sinks(), old.firstLines());
                    cleaned = cleaned == null ? read : LeaseSelector.combine(List.of(cleaned, read), List.of(1, 1));
                }
            }
            whole = KeaCsvLeaseParser.parseInParts(file, threads, LeaseSelector::following, true);
            leases = LeaseSelector.combine(whole.sinks(), whole.firstLines());
            if (cleaned != null) {
                leases = LeaseSelector.combine(List.of(cleaned, leases), List.of(1, 1));
            }
        } else {
            whole = IscLeaseParser.parseInParts(file, threads, LeaseSelector::following, true);
            leases = LeaseSelector.combine(whole.sinks(), whole.firstLines());
        }
        leases.recordChanges();
        readWholeSinceDrain = true;
        identity = key;
        cleanup = cleanupFiles();
        end = whole.end();
        nextLine = whole.nextLine();
        head = bytes(0, (int) Math.min(MARK, end));
        tail = bytes(end - Math.min(MARK, end), (int) Math.min(MARK, end));
        warnings = whole.summary().warnings();
        bytesRead = end;
    }

    /**
     * Kea's cleanup files as they are now (each one's name, identity, size and time): when
     * kea-lfc merges them, the leases are the same but now held by other files and lines, which a
     * whole read reports, so it reads the whole again. None for dhcpd.
     */
    private List<List<Object>> cleanupFiles() throws IOException {
        if (format != LeaseFormat.KEA_CSV) {
            return List.of();
        }
        List<List<Object>> files = new java.util.ArrayList<>();
        for (Path part : KeaCsvLeaseParser.filesOf(file)) {
            if (!part.equals(file)) {
                try {
                    BasicFileAttributes a = Files.readAttributes(part, BasicFileAttributes.class);
                    files.add(java.util.Arrays.asList(part.toString(), a.fileKey(), a.size(), a.lastModifiedTime()));
                } catch (java.nio.file.NoSuchFileException e) {
                    files.add(java.util.Arrays.asList(part.toString())); // gone meanwhile: kea-lfc at work
                }
            }
        }
        return files;
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

    /**
     * The addresses whose newest entry changed since the last call (what appends brought), or
     * null when the file was read whole since then: every address may have changed.
     */
    public java.util.Set<String> drainChanges() {
        java.util.Set<String> changed = leases == null ? null : leases.drainChanged();
        if (readWholeSinceDrain || changed == null) {
            readWholeSinceDrain = false;
            return null;
        }
        return changed;
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
