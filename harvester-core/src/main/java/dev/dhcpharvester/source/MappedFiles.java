package dev.dhcpharvester.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Read-only memory maps of lease files: the page cache serves the bytes, the heap never holds them. */
final class MappedFiles {

    /** The largest region one buffer can address. */
    static final long MAX_REGION = Integer.MAX_VALUE - 8;

    private MappedFiles() {
    }

    static ByteBuffer map(FileChannel channel, long from, long length) throws IOException {
        if (length == 0) {
            return ByteBuffer.allocate(0);
        }
        return channel.map(FileChannel.MapMode.READ_ONLY, from, length);
    }

    /**
     * Fills {@code buffer} (to its limit) from {@code position} on; false when the file ends
     * first (the buffer then holds what there was).
     */
    static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                return false;
            }
            at += n;
        }
        return true;
    }
}
