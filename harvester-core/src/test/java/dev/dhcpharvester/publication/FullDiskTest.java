package dev.dhcpharvester.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full file system, for real: a tiny tmpfs this test mounts (root only). */
class FullDiskTest {

    static boolean run(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
    }

    @Test
    void aFullDiskIsOneClearErrorAndTheOldFragmentStaysWhole(@TempDir Path dir) throws Exception {
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")), "needs root to mount");
        Path mount = Files.createDirectory(dir.resolve("small"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()), "tmpfs mount");
        try {
            Path dest = mount.resolve("dhcp_harvest.inc");
            List<PublishedHost> few = IntStream.range(0, 20)
                    .mapToObj(i -> new PublishedHost("h" + i, "10.0.0." + (i + 1), "52:54:00:00:00:01")).toList();
            IncludeOptions options = new IncludeOptions(dest, null, null, false,
                    new RndcOptions("rndc", null, "127.0.0.1", 953, null, Duration.ofSeconds(1)), null, 0.5, true);
            IncludePublisher publisher = new IncludePublisher(options,
                    Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC), new ByteArrayOutputStream());
            publisher.publish(few);
            byte[] before = Files.readAllBytes(dest);
            List<PublishedHost> many = IntStream.range(0, 5000)
                    .mapToObj(i -> new PublishedHost("host-" + i, "10.1." + (i >> 8) + "." + (i & 255), "52:54:00:00:00:02"))
                    .toList();

            assertThatThrownBy(() -> publisher.publish(many))
                    .isInstanceOf(PublicationException.class)
                    .hasMessageStartingWith("cannot write " + dest + ": ")
                    .hasMessageContaining("No space left on device")
                    .hasMessageEndingWith("the previous file is unchanged");

            assertThat(Files.readAllBytes(dest)).isEqualTo(before);
            try (var files = Files.list(mount)) {
                assertThat(files).containsExactly(dest);
            }
        } finally {
            run("umount", mount.toString());
        }
    }
}
