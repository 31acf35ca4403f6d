package dev.dhcpharvester.harvest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.dhcpharvester.publication.AtomicFiles;
import dev.dhcpharvester.report.ReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each lease source contributed to the last publication, in a small file beside what was
 * published ({@code .NAME.sources.json} next to the fragment or the dynamic mode's state file).
 * When one of several sources cannot be read, its hosts stay in DNS as this file says they were,
 * rather than being removed with the source's outage. Kept only for harvests of several sources.
 */
final class SourceMemory {

    /** A host as last published: its final label and address, and what its DHCID was computed from. */
    record Host(String name, String address, String mac, String clientId) {
    }

    private final Path file;

    private SourceMemory(Path file) {
        this.file = file;
    }

    /** The memory of the harvests that publish into {@code published}. */
    static SourceMemory beside(Path published) {
        Path absolute = published.toAbsolutePath();
        return new SourceMemory(absolute.resolveSibling("." + absolute.getFileName() + ".sources.json"));
    }

    Path file() {
        return file;
    }

    /** Source label to its hosts as last published; empty when nothing was recorded yet. */
    Map<String, List<Host>> read() throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return ReportJson.mapper().readValue(file.toFile(), new TypeReference<TreeMap<String, List<Host>>>() { });
        } catch (IOException e) {
            throw new IOException("cannot read " + file + " (what each lease source last published): " + e.getMessage()
                    + "; delete it to start afresh", e);
        }
    }

    void save(Map<String, List<Host>> hosts) throws IOException {
        AtomicFiles.writeIfChanged(file, ReportJson.mapper().writeValueAsBytes(new TreeMap<>(hosts)));
    }
}
