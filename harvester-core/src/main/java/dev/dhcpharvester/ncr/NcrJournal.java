package dev.dhcpharvester.ncr;

import dev.dhcpharvester.publication.AtomicFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The requests not yet settled, on disk: one line of Kea's JSON per request, appended as they
 * arrive and forced to the device before a cycle acts on them, so a crash or a restart loses
 * none that DNS has seen any effect of. A crash can lose what arrived since the last force (a few
 * milliseconds, like the datagrams still in the socket buffer), never a request that was acted on.
 */
final class NcrJournal implements Closeable {

    private final Path file;
    private FileChannel channel;
    private long lines;
    private boolean unforced;

    NcrJournal(Path file) {
        this.file = file;
    }

    /** The requests the journal holds, oldest first; lines that do not decode are reported and skipped. */
    List<NameChangeRequest> load(Consumer<String> warnings) throws IOException {
        List<NameChangeRequest> requests = new ArrayList<>();
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int start = 0;
            int number = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                number++;
                if (end < 0) {
                    warnings.accept(file + " line " + number + ": a request cut short by a crash while it was written; skipped");
                    break;
                }
                String line = text.substring(start, end);
                start = end + 1;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    requests.add(NcrCodec.decodeJson(line).request());
                } catch (InvalidRequestException e) {
                    warnings.accept(file + " line " + number + ": " + e.getMessage() + "; skipped");
                }
            }
        }
        rewrite(requests);
        return requests;
    }

    /** Appends the requests; {@link #force} puts them on the device. */
    void append(Collection<NameChangeRequest> requests) throws IOException {
        StringBuilder text = new StringBuilder();
        for (NameChangeRequest request : requests) {
            text.append(NcrCodec.encodeJson(request)).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        lines += requests.size();
        unforced = true;
    }

    /**
     * Forces what was appended to the device: once per cycle, before the cycle acts on it, so a
     * burst costs a few forces rather than one per request (group commit).
     */
    void force() throws IOException {
        if (unforced) {
            channel.force(false);
            unforced = false;
        }
    }

    /** Lines written since the last rewrite. */
    long lines() {
        return lines;
    }

    /** Replaces the journal with just {@code requests} (atomically), and appends after them from now on. */
    void rewrite(Collection<NameChangeRequest> requests) throws IOException {
        StringBuilder text = new StringBuilder();
        for (NameChangeRequest request : requests) {
            text.append(NcrCodec.encodeJson(request)).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
        close();
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        lines = requests.size();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            force();
            channel.close();
            channel = null;
        }
    }
}
