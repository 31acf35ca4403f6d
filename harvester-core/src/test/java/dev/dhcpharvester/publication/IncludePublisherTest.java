package dev.dhcpharvester.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publication with real programs standing in for rndc: {@code true} succeeds, {@code false} fails. */
class IncludePublisherTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    static List<PublishedHost> hosts(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new PublishedHost("h" + i, "10.0.0." + (i + 1), "52:54:00:00:00:01"))
                .toList();
    }

    static IncludePublisher publisher(Path dest, String rndc, boolean force) {
        RndcOptions rndcOptions = new RndcOptions(rndc, null, "127.0.0.1", 953, "cord.lab", Duration.ofSeconds(10));
        return new IncludePublisher(new IncludeOptions(dest, null, "cord.lab", true, rndcOptions, null, 0.5, force),
                CLOCK, new ByteArrayOutputStream());
    }

    @Test
    void anUnchangedHarvestWritesNothingAndDoesNotReload(@TempDir Path dir) throws Exception {
        Path dest = dir.resolve("dhcp_harvest.inc");
        IncludeResult first = publisher(dest, "true", false).publish(hosts(3));
        IncludeResult second = publisher(dest, "true", false).publish(hosts(3));

        assertThat(first.written()).isTrue();
        assertThat(first.reload()).isNotNull();
        assertThat(second.written()).isFalse();
        assertThat(second.reload()).isNull();
    }

    @Test
    void aFailedReloadIsRetriedByTheNextHarvestThoughTheFileIsUnchanged(@TempDir Path dir) throws Exception {
        Path dest = dir.resolve("dhcp_harvest.inc");
        publisher(dest, "true", false).publish(hosts(3));

        assertThatThrownBy(() -> publisher(dest, "false", false).publish(hosts(4)))
                .isInstanceOf(PublicationException.class)
                .hasMessageContaining("rndc reload failed (exit 1)");
        IncludeResult retry = publisher(dest, "true", false).publish(hosts(4));

        assertThat(retry.written()).as("file already has the new content").isFalse();
        assertThat(retry.reload()).as("but the zone is reloaded").isNotNull();
        assertThat(retry.reload().succeeded()).isTrue();
    }

    @Test
    void aHarvestThatWouldRemoveMostHostsIsRefusedAndLeavesTheFile(@TempDir Path dir) throws Exception {
        Path dest = dir.resolve("dhcp_harvest.inc");
        publisher(dest, "true", false).publish(hosts(20));
        byte[] before = Files.readAllBytes(dest);

        assertThatThrownBy(() -> publisher(dest, "true", false).publish(hosts(5)))
                .isInstanceOf(PublicationException.class)
                .hasMessageContaining("refusing to remove 15 of the 20 hosts")
                .hasMessageContaining("--force");
        assertThat(Files.readAllBytes(dest)).isEqualTo(before);

        IncludeResult forced = publisher(dest, "true", true).publish(hosts(5));
        assertThat(forced.removed()).isEqualTo(15);
        assertThat(forced.written()).isTrue();
    }

    @Test
    void aMissingRndcIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> publisher(dir.resolve("f.inc"), "/nonexistent/rndc", false).publish(hosts(1)))
                .isInstanceOf(PublicationException.class)
                .hasMessageContaining("cannot run /nonexistent/rndc");
    }

    @Test
    void theKeyFileDecidesBetweenRndcConfAndBareKey(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("rndc.conf");
        Files.writeString(conf, "key \"k\" { algorithm hmac-sha256; secret \"AAAA\"; };\noptions {\n default-key \"k\";\n};\n");
        Path key = dir.resolve("rndc.key");
        Files.writeString(key, "key \"k\" { algorithm hmac-sha256; secret \"AAAA\"; };\n");
        List<List<String>> commands = new ArrayList<>();
        for (Path file : List.of(conf, key)) {
            commands.add(new RndcReloader(new RndcOptions("rndc", file, "127.0.0.1", 9953, "cord.lab",
                    Duration.ofSeconds(1))).command());
        }
        assertThat(commands.get(0)).containsExactly("rndc", "-s", "127.0.0.1", "-p", "9953", "-c", conf.toString(),
                "reload", "cord.lab");
        assertThat(commands.get(1)).containsSequence("-k", key.toString());
    }
}
