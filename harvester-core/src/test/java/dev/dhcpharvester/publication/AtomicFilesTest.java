package dev.dhcpharvester.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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

    @Test
    void aFileHoldsPartsOnlyWhenEveryByteAndTheLengthMatch(@TempDir Path dir) throws Exception {
        byte[] big = new byte[(1 << 20) * 2 + 77]; // longer than the buffer it is compared through
        new java.util.Random(7).nextBytes(big);
        byte[] tail = "tail\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Path file = dir.resolve("f");
        Files.write(file, concat(big, tail));

        assertThat(AtomicFiles.holds(file, List.of(big, tail))).isTrue();
        assertThat(AtomicFiles.holds(file, List.of(concat(big, tail)))).isTrue();
        assertThat(AtomicFiles.holds(dir.resolve("missing"), List.of(big))).isFalse();
        assertThat(AtomicFiles.holds(file, List.of(big))).isFalse();
        for (int at : new int[] {0, (1 << 20) - 1, 1 << 20, big.length - 1, big.length + 3}) {
            byte[] changed = concat(big, tail);
            changed[at] ^= 1;
            assertThat(AtomicFiles.holds(file, List.of(changed))).as("byte %d changed", at).isFalse();
        }
        Files.write(file, new byte[0]);
        assertThat(AtomicFiles.holds(file, List.of())).isTrue();
        assertThat(AtomicFiles.holds(file, List.of(tail))).isFalse();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
