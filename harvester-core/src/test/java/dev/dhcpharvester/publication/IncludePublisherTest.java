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
    void theRecordOfTheLastReloadIsGoneBeforeTheFragmentChangesSoACrashBeforeTheReloadCannotSkipIt(@TempDir Path dir)
            throws Exception {
        Path dest = dir.resolve("dhcp_harvest.inc");
        Path record = dir.resolve(".dhcp_harvest.inc.reloaded");
        publisher(dest, "true", false).publish(hosts(3));
        assertThat(record).exists();
        // an "rndc" that answers only while the record is absent, as it must be while the new fragment awaits its reload
        Path rndc = dir.resolve("rndc-checking");
        Files.writeString(rndc, "#!/bin/sh\ntest ! -e '" + record + "'\n");
        rndc.toFile().setExecutable(true);

        IncludeResult next = publisher(dest, rndc.toString(), false).publish(hosts(4));

        assertThat(next.written()).isTrue();
        assertThat(next.reload().succeeded()).isTrue();
        assertThat(record).exists();
        assertThat(publisher(dest, "false", false).publish(hosts(4)).reload()).as("recorded: not reloaded again").isNull();
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

        // a fragment this process did not write (another process, an edit): read from the file, in any case and layout
        Files.writeString(dest, Files.readString(dest).toUpperCase(java.util.Locale.ROOT).replace(" IN A ", "\tIN  A\t")
                + "extra-1 IN A 10.9.9.1\nextra-2 IN A 10.9.9.2\nextra-3 IN A 10.9.9.3\nextra-4 IN A 10.9.9.4\n"
                + "extra-5 IN A 10.9.9.5\nextra-6 IN AAAA 2001:db8::6\nEXTRA-1 IN A 10.9.9.1\n"); // a record repeated counts once
        assertThatThrownBy(() -> publisher(dest, "true", false).publish(hosts(2)))
                .hasMessageContaining("refusing to remove 9 of the 11 hosts");
    }

    @Test
    void removalsAreCountedByNameWithoutCaseAndAddressInOneWalk() {
        List<PublishedHost> previous = List.of(new PublishedHost("a", "10.0.0.1", ""), new PublishedHost("b", "10.0.0.2", ""),
                new PublishedHost("c", "10.0.0.3", ""), new PublishedHost("d", "10.0.0.10", ""),
                new PublishedHost("d", "2001:db8::1", ""), new PublishedHost("e", "2001:db8::a", ""));
        List<PublishedHost> next = List.of(new PublishedHost("A", "10.0.0.1", ""), new PublishedHost("x", "10.0.0.2", ""),
                new PublishedHost("c", "10.0.0.4", ""), new PublishedHost("d", "10.0.0.10", ""),
                new PublishedHost("d", "2001:db8::1", ""), new PublishedHost("f", "2001:db8::b", ""));

        assertThat(IncludePublisher.removedBetween(previous, next)).as("b renamed, c moved, e gone").isEqualTo(3);
        assertThat(IncludePublisher.removedBetween(previous, previous)).isZero();
        assertThat(IncludePublisher.removedBetween(previous, List.of())).isEqualTo(6);
        assertThat(IncludePublisher.removedBetween(List.of(new PublishedHost("k", "10.0.0.5", ""),
                new PublishedHost("l", "10.0.0.5", "")), List.of(new PublishedHost("l", "10.0.0.5", ""))))
                .as("two records of one address (a kept host and a new one)").isEqualTo(1);
    }

    @Test
    void aFragmentInAddressOrderIsCountedInOneWalkAsItsRecordsWouldBe() {
        java.util.Random random = new java.util.Random(21);
        String[] names = {"a", "A", "b", "node", "NODE", "web"};
        int walked = 0;
        for (int run = 0; run < 2000; run++) {
            StringBuilder fragment = new StringBuilder("; header\n$TTL 300\n");
            List<PublishedHost> next = new ArrayList<>();
            int address = 0x0a00_0000 + random.nextInt(3);
            for (int i = random.nextInt(40); i > 0; i--) {
                address += random.nextInt(3); // repeats of an address, as a kept host beside a new one
                String ip = dev.dhcpharvester.source.Ipv4.format(address & 0xffff_ffffL);
                switch (random.nextInt(12)) {
                    case 0 -> fragment.append("; a comment\n");
                    case 1 -> fragment.append("x IN TXT \"t\"\n");
                    case 2 -> fragment.append(run % 7 == 0 ? "v6 IN AAAA 2001:db8::1\n" : "\n");
                    case 3 -> fragment.append(run % 11 == 0 ? "late IN A 10.0.0.0\n" : "\n"); // out of order
                    default -> fragment.append(names[random.nextInt(names.length)]).append("\tIN  A ").append(ip)
                            .append(" ; 52:54:00:00:00:01\n");
                }
                if (random.nextInt(3) > 0) {
                    next.add(new PublishedHost(names[random.nextInt(names.length)], ip, ""));
                }
            }
            byte[] bytes = fragment.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            IncludePublisher.Removal walk = IncludePublisher.removalInOrder(bytes, next);
            IncludePublisher.Removal records = IncludePublisher.removalOfRecords(bytes, next);
            if (walk != null) {
                walked++;
                assertThat(walk).as("%s", fragment).isEqualTo(records);
            } else {
                assertThat(fragment.toString()).as("only a fragment out of order or with IPv6 is left to the records")
                        .containsAnyOf("AAAA", "10.0.0.0");
            }
        }
        assertThat(walked).isGreaterThan(1500);
        assertThat(IncludePublisher.removalInOrder("a IN A 10.0.0.1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                List.of(new PublishedHost("a", "2001:db8::1", "")))).as("next with IPv6: the records' count").isNull();
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
