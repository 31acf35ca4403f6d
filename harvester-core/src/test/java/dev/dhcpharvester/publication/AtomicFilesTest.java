package dev.dhcpharvester.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void identicalContentIsNotWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "same");
        FileTime old = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(file, old);

        assertThat(AtomicFiles.writeIfChanged(file, "same".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    }

    @Test
    void replacingKeepsPermissionsAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThat(AtomicFiles.writeIfChanged(file, "new".getBytes(StandardCharsets.US_ASCII))).isTrue();

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aMissingDirectoryIsAnErrorThatLeavesNothingBehind(@TempDir Path dir) {
        assertThatThrownBy(() -> AtomicFiles.writeIfChanged(dir.resolve("no/such/f"), new byte[1]))
                .hasMessageContaining("does not exist");
    }

    @Test
    void streamedContentReplacesTheFileWholeEvenWhenTheWriterClosesTheStream(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.json");
        Files.writeString(file, "old");
        byte[] big = "0123456789abcdef".repeat(20_000).getBytes(StandardCharsets.US_ASCII); // past the buffer

        AtomicFiles.replace(file, out -> {
            out.write(big);
            out.write('!');
            out.close(); // as a JSON writer may
        });

        assertThat(Files.readString(file)).isEqualTo(new String(big, StandardCharsets.US_ASCII) + "!");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aWriterThatFailsHalfWayLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.json");
        Files.writeString(file, "old");

        assertThatThrownBy(() -> AtomicFiles.replace(file, out -> {
            out.write(new byte[100_000]);
            throw new java.io.IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
