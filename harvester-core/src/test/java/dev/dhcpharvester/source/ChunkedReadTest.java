package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dhcpd reader scans a file a chunk at a time, each chunk ending before a line that starts
 * with a letter. Whatever the chunk size, and wherever a statement runs past a chunk's end, it
 * reads what one read of the whole file reads: the same leases in order, lines, warnings and
 * errors.
 */
class ChunkedReadTest {

    @TempDir
    static Path dir;

    /** Statements that run past a line starting with a letter: only a retry with more bytes reads them. */
    static final String AWKWARD = """
            lease 10.0.0.1 {
            starts 3 2026/11/25 10:00:00;
            ends 3 2026/11/25 22:00:00;
            binding state active;
            hardware ethernet 52:54:00:00:00:01;
            client-hostname "one";
            }
            lease 10.0.0.2 {
              starts 3 2026/11/25 10:00:00;
              binding state active;
              hardware ethernet 52:54:00:00:00:02;
              client-hostname "two
            lease 10.0.0.9 {
            }";
            }
            # a comment
            lease 10.0.0.3 {
              starts 3 2026/11/25 10:00:00; ends never; binding state active; hardware ethernet 52:54:00:00:00:03;
              on expiry {
            set x = "y";
              }
            zzz-unknown foo;
            }
            ia-na "\\001\\000\\000\\000\\000\\003\\000\\001RT\\000\\000\\000\\011" {
              cltt 3 2026/11/25 10:00:00;
              iaaddr 2001:db8:7::2a0 {
                binding state active;
                ends never;
              }
            iaaddr 2001:db8:7::2a1 {
            binding state active;
            ends never;
            }
              iaaddr 2001:db8:7::2a2 {
                binding state active;
                ends never;
              }
            }
            """;

    static Stream<String> files() throws IOException {
        List<String> names = new ArrayList<>();
        for (String folder : List.of("leases", "malformed")) {
            try (Stream<Path> files = Files.list(Path.of("src/test/resources", folder))) {
                files.map(p -> folder + "/" + p.getFileName()).sorted().forEach(names::add);
            }
        }
        names.add("awkward");
        names.add("awkward-truncated");
        return names.stream();
    }

    static Path file(String name) throws IOException {
        return switch (name) {
            case "awkward" -> Files.writeString(dir.resolve("awkward.leases"), AWKWARD);
            case "awkward-truncated" -> Files.writeString(dir.resolve("awkward-truncated.leases"),
                    AWKWARD.substring(0, AWKWARD.indexOf("  iaaddr 2001:db8:7::2a2")));
            default -> Path.of("src/test/resources", name);
        };
    }

    /** What a read gave: every block passed on (as a lease), the count, lines and the error. */
    record Read(List<Lease> leases, int count, int lines, List<String> unknown, String error) {
    }

    static Read read(Path file, int chunkSize) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<Lease> leases = new ArrayList<>();
        IscLeaseParser.PartResult<?> part = IscLeaseParser.readPart(file, ByteBuffer.wrap(bytes),
                block -> leases.add(block.toLease()), 1, chunkSize);
        return new Read(leases, part.leases(), part.error() == null ? part.lines() : -1, List.copyOf(part.unknown()),
                part.error() == null ? null : part.error().getMessage());
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyChunkSizeReadsWhatOneReadOfTheWholeFileReads(String name) throws IOException {
        Path file = file(name);
        Read whole = read(file, Integer.MAX_VALUE / 2);
        assertThat(whole.leases().size() + (whole.error() == null ? 0 : 1)).as("the file holds something").isPositive();
        for (int chunk = 1; chunk <= 200; chunk++) {
            assertThat(read(file, chunk)).as("chunks of %d bytes", chunk).isEqualTo(whole);
        }
    }

    @Test
    void theAwkwardFileIsReadAsWritten() throws IOException {
        Read whole = read(file("awkward"), Integer.MAX_VALUE / 2);
        assertThat(whole.error()).isNull();
        assertThat(whole.leases()).extracting(Lease::address).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3",
                "2001:db8:7::2a0", "2001:db8:7::2a1", "2001:db8:7::2a2");
        assertThat(whole.leases().get(1).hostname()).isEqualTo("two\nlease 10.0.0.9 {\n}");
        assertThat(whole.unknown()).containsExactly("zzz-unknown");
        assertThat(whole.lines()).isEqualTo(AWKWARD.split("\n", -1).length);
    }
}
