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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several lease sources in one harvest (a DHCPv4 and a DHCPv6 server): both published together,
 * and a source that cannot be read keeps its hosts as last published while the others go on.
 */
class SeveralSourcesTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final String KEA6_HEADER = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,"
            + "fqdn_fwd,fqdn_rev,hostname,hwaddr,state\n";
    static final long EXPIRE = Instant.parse("2026-11-25T18:00:00Z").getEpochSecond();

    @TempDir
    Path dir;
    Path v4;
    Path v6;
    Path dest;

    @BeforeEach
    void leases() throws Exception {
        v4 = new LeaseFileWriter().active("192.0.2.10", "52:54:00:00:00:0a", "four-a")
                .active("192.0.2.11", "52:54:00:00:00:0b", "both").writeTo(dir.resolve("dhcpd.leases"));
        v6 = dir.resolve("kea-leases6.csv");
        Files.writeString(v6, KEA6_HEADER
                + "2001:db8:6::a,00:03:00:01:52:54:00:00:06:0a,43200," + EXPIRE + ",1,3000,0,1,128,0,0,six-a,,0\n"
                + "2001:db8:6::b,00:03:00:01:52:54:00:00:00:0b,43200," + EXPIRE + ",1,3000,0,1,128,0,0,both,,0\n");
        dest = dir.resolve("dhcp_harvest.inc");
    }

    HarvestReport harvest(Path destination, Path... sources) {
        RndcOptions rndc = new RndcOptions("rndc", null, "127.0.0.1", 953, "cord.lab", Duration.ofSeconds(5));
        IncludeOptions include = new IncludeOptions(destination, List.of(), "cord.lab", false, rndc, null, 0.5, false);
        List<LeaseSource> list = java.util.Arrays.stream(sources).map(LeaseSource::file).toList();
        return new Harvester(CLOCK, new ByteArrayOutputStream())
                .run(new HarvestConfig(list, null, NamePolicy.ALL, null, include, null, null));
    }

    @Test
    void aV4AndAV6SourceArePublishedTogetherAndADualStackNameHoldsBoth() throws Exception {
        HarvestReport report = harvest(dest, v4, v6);

        assertThat(report.status()).as(report.summary()).isEqualTo(HarvestReport.Status.OK);
        assertThat(report.sources()).extracting(HarvestReport.Source::format).containsExactly("isc", "kea-csv");
        assertThat(Files.readString(dest)).containsPattern("four-a +IN A 192.0.2.10")
                .containsPattern("both +IN A 192.0.2.11").containsPattern("six-a +IN AAAA 2001:db8:6::a")
                .containsPattern("both +IN AAAA 2001:db8:6::b");
        assertThat(report.counts().published()).isEqualTo(4);
    }

    @Test
    void aSourceThatCannotBeReadKeepsItsHostsAsLastPublishedAndTheOthersGoOn() throws Exception {
        assertThat(harvest(dest, v4, v6).status()).isEqualTo(HarvestReport.Status.OK);
        new LeaseFileWriter().active("192.0.2.10", "52:54:00:00:00:0a", "four-a")
                .active("192.0.2.12", "52:54:00:00:00:0c", "four-new").writeTo(v4); // "both" gone, one new
        Files.writeString(v6, Files.readString(v6) + "2001:db8:6::c,00:03:00:01,43200\n"); // a truncated row

        HarvestReport report = harvest(dest, v4, v6);

        assertThat(report.status()).isEqualTo(HarvestReport.Status.FAILED);
        assertThat(report.exitCode()).as("a malformed file is bad input").isEqualTo(2);
        assertThat(report.error().kind()).isEqualTo("source");
        assertThat(report.error().message()).startsWith("1 of 2 lease sources could not be read, first " + v6 + ":4: expected 14 columns")
                .contains("2 hosts of the failed kept as last published");
        assertThat(report.sources().get(1).error()).contains(v6 + ":4:");
        String fragment = Files.readString(dest);
        assertThat(fragment).as("the readable source's changes are published")
                .containsPattern("four-new +IN A 192.0.2.12").doesNotContain("192.0.2.11");
        assertThat(fragment).as("the failed source's hosts stay as they were")
                .containsPattern("six-a +IN AAAA 2001:db8:6::a").containsPattern("both +IN AAAA 2001:db8:6::b")
                .doesNotContain("2001:db8:6::c");
        assertThat(report.hosts()).filteredOn(h -> h.outcome() == Outcome.KEPT).extracting(HostResult::address)
                .containsExactly("2001:db8:6::a", "2001:db8:6::b");
        assertThat(report.counts().kept()).isEqualTo(2);
        assertThat(HarvestResult.of(report).kept()).isEqualTo(2);
        assertThat(new String(dev.dhcpharvester.report.HtmlReport.render(report), java.nio.charset.StandardCharsets.UTF_8))
                .contains("could not be read: " + v6 + ":4:", "<b>2</b> kept");

        Files.delete(v6);
        HarvestReport missing = harvest(dest, v4, v6);

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.error().message()).contains("lease file " + v6 + " does not exist; check -l");
        assertThat(Files.readString(dest)).as("still kept").containsPattern("six-a +IN AAAA 2001:db8:6::a");

        Files.writeString(v6, KEA6_HEADER
                + "2001:db8:6::a,00:03:00:01:52:54:00:00:06:0a,43200," + EXPIRE + ",1,3000,0,1,128,0,0,six-a,,0\n");
        HarvestReport back = harvest(dest, v4, v6);

        assertThat(back.status()).as(back.summary()).isEqualTo(HarvestReport.Status.OK);
        assertThat(Files.readString(dest)).as("read again: its changes are published").doesNotContain("2001:db8:6::b")
                .containsPattern("six-a +IN AAAA 2001:db8:6::a");
    }

    @Test
    void withNothingRememberedAFailedSourcePublishesNothingAndEverySourceFailingIsTheHarvestFailing() throws Exception {
        Files.writeString(v6, "address,duid\n");
        HarvestReport printed = harvest(null, v4, v6);

        assertThat(printed.exitCode()).isEqualTo(2);
        assertThat(printed.messages()).anySatisfy(m -> assertThat(m).contains("its hosts are not published"));
        assertThat(printed.counts().published()).isEqualTo(2);

        Files.writeString(v4, "lease 192.0.2.1 {\n");
        HarvestReport none = harvest(dest, v4, v6);

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.error().kind()).isEqualTo("bad-input");
        assertThat(none.error().message()).startsWith(v4 + ":");
        assertThat(Files.exists(dest)).isFalse();
    }
}
