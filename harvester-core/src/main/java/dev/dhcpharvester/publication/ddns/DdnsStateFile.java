package dev.dhcpharvester.publication.ddns;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dhcpharvester.publication.AtomicFiles;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What dynamic DNS mode last published: the state file (a JSON object, fully qualified name ->
 * {@link DdnsPublisher.Published}) and beside it {@code FILE.journal}, the changes made since the
 * state file was last written whole, one JSON line each. A cycle that changes a few names appends
 * a few lines (forced to the device) instead of rewriting every name; once the journal holds as
 * many changes as the state has names, or at least {@link #MIN_COMPACTION}, the state is written
 * whole again and the journal deleted.
 *
 * <p>The journal's first line names the state file it follows (size, modification time, file
 * key). A state file written, edited or deleted since makes the journal stale, and it is ignored:
 * deleting the state file still re-sends every name. A last line cut short by a crash is ignored
 * too; its name is re-sent or found unchanged by the DHCID checks.
 *
 * <p>One instance per file and process ({@link #of}, for the few most recently used), kept while
 * the files are as it left them, so that the publisher a daemon makes per harvest does not parse
 * 100,000 names again. A file changed by someone else is read again.
 */
final class DdnsStateFile {

    /** Changes the journal may hold before the state is written whole, however few names there are. */
    static final int MIN_COMPACTION = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** State files this process keeps in memory, the least recently used forgotten first. */
    static final int KEPT = 8;
    private static final Map<Path, DdnsStateFile> OPEN = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, DdnsStateFile> eldest) {
            return size() > KEPT; // a long-lived Jenkins agent publishes for many workspaces
        }
    };

    /** The journal's first line: which state file it follows. */
    record Header(long stateSize, String stateModified, String stateKey) {
        static Header of(BasicFileAttributes state) {
            return new Header(state.size(), state.lastModifiedTime().toString(), String.valueOf(state.fileKey()));
        }
    }

    /** One journal line: a name as published now, or {@code published} null when it was removed. */
    record Change(String name, DdnsPublisher.Published published) {
    }

    /** A file's identity as last seen: null when it does not exist. */
    private record Stamp(Object key, long size, Object modified) {
        static Stamp of(Path file) throws IOException {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.fileKey(), a.size(), a.lastModifiedTime());
            } catch (NoSuchFileException e) {
                return null;
            }
        }
    }

    private final Path file;
    private final Path journal;
    private final TreeMap<String, DdnsPublisher.Published> state = new TreeMap<>();
    /** Changes applied in memory and not yet written (a publisher that saves at most every so often). */
    private final Map<String, DdnsPublisher.Published> unwritten = new LinkedHashMap<>();
    private int journalled;
    private boolean loaded;
    /** An append failed part way: the journal may end in half a line, so the next save writes the whole state. */
    private boolean journalTorn;
    private Stamp fileStamp;
    private Stamp journalStamp;

    /** A view of its own, as another process has; {@link #of} shares one. */
    DdnsStateFile(Path file) {
        this.file = file;
        this.journal = journalOf(file);
    }

    /**
     * This process's view of the state file at {@code file}, shared by the publishers made for it
     * while it is among the {@link #KEPT} most recently used. A publisher keeps its view; a view
     * forgotten here is only not shared any more (each checks the files' stamps before use).
     */
    static DdnsStateFile of(Path file) {
        synchronized (OPEN) {
            return OPEN.computeIfAbsent(file.toAbsolutePath().normalize(), DdnsStateFile::new);
        }
    }

    /** The journal beside a state file. */
    static Path journalOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".journal");
    }

    /**
     * The names published, as last written and applied since; read again when either file is not
     * as this process left it. Read-only: changes go through {@link #apply}.
     */
    synchronized Map<String, DdnsPublisher.Published> read() throws IOException {
        Stamp now;
        Stamp journalNow;
        try {
            now = Stamp.of(file);
            journalNow = Stamp.of(journal);
        } catch (IOException e) {
            throw new IOException("cannot read the dynamic DNS state " + file + ": " + e, e);
        }
        if (!loaded || !Objects.equals(now, fileStamp) || !Objects.equals(journalNow, journalStamp)) {
            load(now, journalNow);
        }
        return Collections.unmodifiableMap(state);
    }

    /**
     * Applies changes (a name -> its record, or null: removed) in memory; {@link #save} writes
     * them. The state must have been {@link #read} first: changes to a state never read would
     * write over the names the file holds.
     */
    synchronized void apply(Map<String, DdnsPublisher.Published> changes) {
        if (!loaded) {
            throw new IllegalStateException("the dynamic DNS state " + file + " is changed before it is read");
        }
        changes.forEach((name, published) -> {
            if (published == null) {
                state.remove(name);
            } else {
                state.put(name, published);
            }
            unwritten.remove(name); // kept in the order of the latest change
            unwritten.put(name, published);
        });
    }

    /** Whether changes wait to be written. */
    synchronized boolean unsaved() {
        return !unwritten.isEmpty();
    }

    /** Writes the changes applied since the last save: to the journal, or the whole state when that is due. */
    synchronized void save() throws IOException {
        if (unwritten.isEmpty()) {
            return;
        }
        try {
            if (fileStamp == null || journalTorn
                    || journalled + unwritten.size() > Math.max(MIN_COMPACTION, state.size())) {
                writeWhole();
            } else {
                append();
            }
        } catch (IOException e) {
            // the names are in DNS and in memory: the next harvest writes them again
            throw new IOException("cannot write the dynamic DNS state " + file + ": " + e
                    + "; DNS holds what was sent, and the next harvest writes the state again", e);
        }
        unwritten.clear();
    }

    private void writeWhole() throws IOException {
        AtomicFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
        Files.deleteIfExists(journal);
        journalled = 0;
        journalTorn = false;
        fileStamp = Stamp.of(file);
        journalStamp = null;
    }

    private void append() throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        boolean fresh = journalStamp == null;
        if (fresh) {
            writeLine(lines, Header.of(Files.readAttributes(file, BasicFileAttributes.class)));
        }
        for (Map.Entry<String, DdnsPublisher.Published> change : unwritten.entrySet()) {
            writeLine(lines, new Change(change.getKey(), change.getValue()));
        }
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            // memory still holds what was sent to DNS; the next save writes it whole over the torn journal
            journalTorn = true;
            journalStamp = Stamp.of(journal);
            throw e;
        }
        journalled += unwritten.size();
        journalStamp = Stamp.of(journal);
    }

    private static void writeLine(ByteArrayOutputStream out, Object line) throws IOException {
        out.write(JSON.writeValueAsBytes(line));
        out.write('\n');
    }

    private void load(Stamp now, Stamp journalNow) throws IOException {
        state.clear();
        unwritten.clear();
        journalled = 0;
        journalTorn = false;
        if (now != null) {
            try {
                state.putAll(JSON.readValue(file.toFile(),
                        new TypeReference<Map<String, DdnsPublisher.Published>>() { }));
            } catch (IOException e) {
                throw new IOException("cannot read the dynamic DNS state " + file + ": " + e.getMessage()
                        + "; delete it to re-send every name (the DHCID checks keep that safe)", e);
            }
            // a journal that follows another state file is written over, with the whole state, at the next save
            journalTorn = journalNow != null && !replay(Files.readAttributes(file, BasicFileAttributes.class));
        }
        fileStamp = now;
        journalStamp = journalNow;
        loaded = true;
    }

    /** Applies the journal's changes to the state just read if the journal follows this state file; returns whether it does. */
    private boolean replay(BasicFileAttributes stateNow) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            if (!Header.of(stateNow).equals(header(reader.readLine()))) {
                return false; // the journal of an earlier state file: what it says is in this one, or was edited out
            }
            int number = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                Change change;
                try {
                    change = JSON.readValue(line, Change.class);
                } catch (IOException e) {
                    if (reader.readLine() == null) {
                        break; // the last line, cut short by a crash
                    }
                    throw new IOException("cannot read the dynamic DNS state journal " + journal + " at line " + number
                            + ": " + e.getMessage() + "; delete it and " + file.getFileName()
                            + " to re-send every name (the DHCID checks keep that safe)", e);
                }
                if (change.published() == null) {
                    state.remove(change.name());
                } else {
                    state.put(change.name(), change.published());
                }
                journalled++;
            }
        }
        return true;
    }

    /** A journal's first line as a header, or null when it is none. */
    private static Header header(String line) {
        try {
            return line == null ? null : JSON.readValue(line, Header.class);
        } catch (IOException e) {
            return null;
        }
    }
}
