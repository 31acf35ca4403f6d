package dev.dhcpharvester.publication;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * Replaces a file so that a reader (named) sees the old content or the new, never a mix: write a
 * temporary file in the same directory, fsync it, rename it over the target, fsync the directory.
 * The target's permissions and group are kept. Identical content is not written at all.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code target} unless it already holds exactly that; returns whether it wrote. */
    public static boolean writeIfChanged(Path target, byte[] content) throws IOException {
        if (holds(target, List.of(content))) {
            return false;
        }
        replace(target, content);
        return true;
    }

    /**
     * Whether the file holds exactly {@code parts}, one after the other (false when there is no such
     * file). Compared a megabyte at a time: the fragment of 500,000 hosts is 29 MB, which a harvest
     * need not hold twice to find it unchanged.
     */
    public static boolean holds(Path file, List<byte[]> parts) throws IOException {
        long size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        try {
            if (!Files.isRegularFile(file) || Files.size(file) != size) {
                return false;
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[(int) Math.min(size, 1 << 20)];
                for (byte[] part : parts) {
                    for (int at = 0; at < part.length; ) {
                        int n = in.readNBytes(buffer, 0, Math.min(buffer.length, part.length - at));
                        if (n == 0 || Arrays.mismatch(buffer, 0, n, part, at, at + n) >= 0) {
                            return false;
                        }
                        at += n;
                    }
                }
                return in.read() < 0;
            }
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    /** Replaces {@code target} with {@code content} atomically. */
    public static void replace(Path target, byte[] content) throws IOException {
        replace(target, List.of(content));
    }

    /** Replaces {@code target} with its content given in parts, written one after the other, atomically. */
    public static void replace(Path target, List<byte[]> parts) throws IOException {
        replaceThrough(target, (FileChannel channel) -> {
            ByteBuffer[] buffers = new ByteBuffer[parts.size()];
            long size = 0;
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = ByteBuffer.wrap(parts.get(i));
                size += parts.get(i).length;
            }
            for (long written = 0; written < size; ) {
                written += channel.write(buffers);
            }
        });
    }

    /** What a replaced file holds, written to an output stream (which the writer need not close). */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code target} atomically with what {@code content} writes, streamed to the new file
     * (a report of 170,000 hosts is 25 MB: not held in memory a second time to be written).
     */
    public static void replace(Path target, Content content) throws IOException {
        replaceThrough(target, (FileChannel channel) -> {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            content.writeTo(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    out.flush(); // the channel is closed once forced to disk, below
                }
            });
            out.flush();
        });
    }

    private interface ChannelContent {
        void writeTo(FileChannel channel) throws IOException;
    }

    private static void replaceThrough(Path target, ChannelContent content) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            throw new IOException("directory " + dir + " does not exist");
        }
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(channel);
                channel.force(true);
            }
            keepAttributes(file, temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + file + " atomically: " + e.getMessage(), e);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void keepAttributes(Path existing, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        if (Files.exists(existing)) {
            PosixFileAttributes old = Files.readAttributes(existing, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            view.setPermissions(old.permissions());
            GroupPrincipal group = old.group();
            try {
                view.setGroup(group);
            } catch (IOException notOurGroup) {
                // an unprivileged harvester may not give the file away; permissions still hold
            }
        } else {
            view.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // some file systems do not allow opening a directory; the rename itself is still atomic
        }
    }
}
