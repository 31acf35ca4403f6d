package dev.dhcpharvester.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.naming.NamePolicy;
import dev.dhcpharvester.publication.IncludeOptions;
import dev.dhcpharvester.publication.RndcOptions;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import dev.dhcpharvester.testing.LeaseFileWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A harvest whose report leaves the published hosts out ({@link Harvester.Listing#NOT_PUBLISHED},
 * a one-shot harvest without a report file) publishes the same fragment and counts the same as one
 * that lists every host, and lists exactly the hosts that were not published.
 */
class HostListingTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void leavingThePublishedHostsOutChangesNeitherTheFragmentNorTheCounts() throws Exception {
        Random random = new Random(7);
        LeaseFileWriter leases = new LeaseFileWriter();
        for (int i = 0; i < 3000; i++) {
            int m = i % 97 == 0 ? i + 1 : i; // some hosts share a MAC: a shared name stays a duplicate
            String mac = String.format("52:54:00:%02x:%02x:%02x", m >> 16, (m >> 8) & 0xff, m & 0xff);
            String name = i % 97 == 0 || i % 97 == 1 ? "twin-" + i / 97 : switch (random.nextInt(6)) {
                case 0 -> "shared-" + random.nextInt(40); // renamed: held by several addresses
                case 1 -> ""; // no name: UNK-<MAC>
                case 2 -> "bad name;" + i; // repaired or rejected
                case 3 -> "skip-" + i; // excluded by the policy
                default -> "host-" + i;
            };
            leases.active("10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff), mac,
                    name.getBytes(StandardCharsets.UTF_8));
        }
        Path file = leases.writeTo(dir.resolve("dhcpd.leases"));
        NamePolicy policy = new NamePolicy(List.of(), List.of(), List.of(Pattern.compile("skip-")));

        HarvestReport every = harvest(file, policy, dir.resolve("every.inc"), Harvester.Listing.EVERY_HOST);
        HarvestReport notPublished = harvest(file, policy, dir.resolve("not-published.inc"), Harvester.Listing.NOT_PUBLISHED);

        assertThat(every.status()).as(every.summary()).isEqualTo(HarvestReport.Status.OK);
        assertThat(Files.readString(dir.resolve("not-published.inc"))).isEqualTo(Files.readString(dir.resolve("every.inc")));
        assertThat(notPublished.counts()).isEqualTo(every.counts());
        assertThat(every.counts().renamed()).isPositive();
        assertThat(every.counts().published()).isGreaterThan(every.counts().renamed());
        assertThat(every.counts().filtered()).isPositive();
        assertThat(every.counts().rejected()).isPositive();
        assertThat(every.counts().duplicate()).isPositive();
        assertThat(notPublished.summary()).isEqualTo(every.summary().replace("every.inc", "not-published.inc"));
        assertThat(notPublished.hosts()).containsExactlyElementsOf(
                every.hosts().stream().filter(h -> !h.outcome().published()).toList());
        assertThat(notPublished.hosts()).extracting(HostResult::outcome).doesNotContain(Outcome.PUBLISHED, Outcome.RENAMED);
    }

    private HarvestReport harvest(Path leases, NamePolicy policy, Path dest, Harvester.Listing listing) {
        RndcOptions rndc = new RndcOptions("rndc", null, "127.0.0.1", 953, "cord.lab", Duration.ofSeconds(5));
        IncludeOptions include = new IncludeOptions(dest, List.of(), "cord.lab", false, rndc, null, 0.5, false);
        return new Harvester(CLOCK, new ByteArrayOutputStream())
                .run(new HarvestConfig(leases, null, policy, null, include, null), listing);
    }
}
