package dev.dhcpharvester.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.naming.HostnameSanitizer;
import dev.dhcpharvester.naming.NamePolicy;
import dev.dhcpharvester.publication.IncludeOptions;
import dev.dhcpharvester.publication.ReverseFragment;
import dev.dhcpharvester.publication.RndcOptions;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import dev.dhcpharvester.testing.LeaseFileWriter;
import dev.dhcpharvester.testing.NamedServer;
import dev.dhcpharvester.util.Processes;
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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Client names are hostile: whatever a client sends, the zone stays loadable and holds only valid labels. */
class HostileNamesAgainstBindTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    static final List<String> HOSTILE = List.of(
            "evil\n$INCLUDE /etc/shadow",
            "$INCLUDE /etc/passwd",
            "$ORIGIN attacker.example.",
            "name ; comment",
            "a;b",
            "paren(",
            "two words",
            "quote\"d",
            "back\\slash",
            "tab\tbed",
            "nul\0byte",
            "crlf\r\nwww IN A 6.6.6.6",
            "ünïcödé",
            "😀emoji",
            "@",
            "*",
            "x".repeat(300),
            "..",
            "-",
            "under_score",
            "www IN A 6.6.6.6");

    static String zone(Path include, Path reverseInclude) {
        return """
                $TTL 300
                @ IN SOA ns.cord.lab. hostmaster.cord.lab. ( 1 3600 900 604800 300 )
                  IN NS ns
                ns IN A 127.0.0.1
                $INCLUDE "%s"
                """.formatted(include);
    }

    static HarvestReport harvest(Path leases, Path dest, Path reverse) {
        RndcOptions rndc = new RndcOptions("rndc", null, "127.0.0.1", 953, "cord.lab", Duration.ofSeconds(5));
        IncludeOptions include = new IncludeOptions(dest, reverse == null ? List.of() : List.of(new ReverseFragment(null, reverse)),
                "cord.lab", false, rndc, null, 0.5, true);
        return new Harvester(CLOCK, new ByteArrayOutputStream())
                .run(new HarvestConfig(leases, null, NamePolicy.ALL, null, include, null));
    }

    static void assertNamedCheckzonePasses(Path dir, Path zoneFile) throws Exception {
        Processes.Result check = Processes.run(List.of("named-checkzone", "-q", "-k", "fail", "-i", "local", "cord.lab",
                zoneFile.toString()), new byte[0], Duration.ofSeconds(30));
        assertThat(check.exitCode()).as("named-checkzone: %s %s", check.stdout(), check.stderr()).isZero();
    }

    @Test
    void hostileNamesNeverReachTheZoneAndTheZoneLoadsInNamed(@TempDir Path dir) throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        LeaseFileWriter writer = new LeaseFileWriter();
        for (int i = 0; i < HOSTILE.size(); i++) {
            writer.active("10.9.0." + (i + 1), String.format("52:54:00:00:00:%02x", i + 1), HOSTILE.get(i));
        }
        Path leases = writer.writeTo(dir.resolve("dhcpd.leases"));
        Path dest = dir.resolve("dhcp_harvest.inc");
        Path reverse = dir.resolve("reverse.inc");
        Path zoneFile = dir.resolve("cord.lab.zone");
        Files.writeString(zoneFile, zone(dest, reverse));

        HarvestReport report = harvest(leases, dest, reverse);

        assertThat(report.status()).isEqualTo(HarvestReport.Status.OK);
        assertThat(report.hosts()).hasSize(HOSTILE.size());
        assertThat(report.hosts()).filteredOn(h -> h.outcome() == Outcome.REJECTED).allSatisfy(h ->
                assertThat(h.reason()).isNotBlank());
        assertThat(report.hosts()).filteredOn(h -> h.outcome().published()).extracting(HostResult::name)
                .allSatisfy(name -> assertThat(HostnameSanitizer.isValidLabel(name)).as(name).isTrue())
                .contains("two-words", "under-score", "unicode");
        String fragment = Files.readString(dest, StandardCharsets.US_ASCII);
        assertThat(fragment).doesNotContain("$INCLUDE", "$ORIGIN", "6.6.6.6", "(", "\"", "\\", "@", "*");
        assertNamedCheckzonePasses(dir, zoneFile);

        try (NamedServer named = NamedServer.start(dir, "cord.lab", zoneFile)) {
            List<Record> zone = named.transfer();
            long published = report.hosts().stream().filter(h -> h.outcome().published()).count();
            assertThat(zone.stream().filter(r -> r.getType() == Type.A && !r.getName().toString().startsWith("ns.")))
                    .hasSize((int) published);
            for (Record r : zone) {
                Name relative = r.getName().relativize(Name.fromString("cord.lab."));
                assertThat(relative.labels()).as(r.toString()).isLessThanOrEqualTo(1);
                if (relative.labels() == 1 && !relative.toString().equals("@")) {
                    assertThat(HostnameSanitizer.isValidLabel(relative.toString())).as(r.toString()).isTrue();
                }
            }
        }
    }

    /** Any bytes a client may send as its name yield include files that named-checkzone accepts. */
    @Property(tries = 25)
    void anyByteStringsAsClientNamesYieldALoadableZone(@ForAll @Size(min = 40, max = 40) List<byte[]> names,
            @ForAll long seed) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/named-checkzone")) || Files.isExecutable(Path.of("/usr/sbin/named-checkzone")));
        Path dir = Files.createTempDirectory("hostile");
        try {
            LeaseFileWriter writer = new LeaseFileWriter();
            Random random = new Random(seed);
            for (int i = 0; i < names.size(); i++) {
                writer.active("10.8." + random.nextInt(256) + "." + (i + 1), String.format("52:54:00:00:01:%02x", i),
                        names.get(i));
            }
            Path leases = writer.writeTo(dir.resolve("dhcpd.leases"));
            Path dest = dir.resolve("dhcp_harvest.inc");
            Path zoneFile = dir.resolve("cord.lab.zone");
            Files.writeString(zoneFile, zone(dest, null));

            HarvestReport report = harvest(leases, dest, null);

            assertThat(report.status()).as(report.summary()).isEqualTo(HarvestReport.Status.OK);
            assertNamedCheckzonePasses(dir, zoneFile);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
