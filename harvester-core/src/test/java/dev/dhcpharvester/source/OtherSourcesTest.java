package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dhcpharvester.selection.LeaseSelector;
import dev.dhcpharvester.selection.Selection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kea's memfile CSV and dnsmasq's lease file, and telling the formats apart. */
class OtherSourcesTest {

    static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");
    static final Path KEA = Path.of("../examples/kea-leases4.csv");
    static final Path DNSMASQ = Path.of("../examples/dnsmasq.leases");

    @Test
    void keaRowsAreReadByHeaderNameAndLaterRowsSupersede() throws Exception {
        List<Lease> rows = new ArrayList<>();
        assertThat(KeaCsvLeaseParser.parse(KEA, rows::add)).isEqualTo(8);
        Lease first = rows.get(0);
        assertThat(first.mac()).isEqualTo("52:54:00:7a:00:10");
        assertThat(first.clientId()).isEqualTo("015254007a0010");
        assertThat(first.hostname()).isEqualTo("kea-node-1.cord.lab.");
        assertThat(first.ends()).isEqualTo(Instant.ofEpochSecond(1795610000));
        assertThat(first.starts()).isEqualTo(Instant.ofEpochSecond(1795606000));
        assertThat(rows.get(3).state()).as("declined").isEqualTo(BindingState.ABANDONED);

        LeaseSelector selector = new LeaseSelector(NOON);
        KeaCsvLeaseParser.parse(KEA, selector::add);
        Selection selection = selector.select(List.of());
        assertThat(selection.inForce()).extracting(Lease::address)
                .as("deleted (lifetime 0), expired and declined leases are not in force")
                .containsExactly("10.7.0.10", "10.7.0.14", "10.7.0.15");
    }

    @Test
    void dnsmasqLinesAreReadWithStarsAndInfiniteLeasesAndV6Leases() throws Exception {
        List<Lease> leases = new ArrayList<>();
        DnsmasqLeaseParser.Summary summary = DnsmasqLeaseParser.parse(DNSMASQ, leases::add);

        assertThat(summary.leases()).isEqualTo(6);
        assertThat(summary.warnings()).isEmpty();
        Lease v6 = leases.get(4);
        assertThat(v6.address()).isEqualTo("2001:db8:8::20");
        assertThat(v6.hostname()).isEqualTo("v6-node");
        assertThat(v6.clientId()).as("the client's DUID").isEqualTo("000100012c5f8a9b525400d00024");
        assertThat(v6.mac()).as("from the DUID-LLT").isEqualTo("52:54:00:d0:00:24");
        Lease temporary = leases.get(5);
        assertThat(temporary.address()).as("canonical text").isEqualTo("2001:db8:8::21");
        assertThat(temporary.mac()).as("a DUID-EN carries no MAC").isEmpty();
        assertThat(temporary.hostname()).isEmpty();
        assertThat(leases.get(0).clientId()).isEqualTo("01525400d00020");
        assertThat(leases.get(1).hostname()).isEmpty();
        assertThat(leases.get(2).ends()).as("expiry 0: infinite").isNull();
        LeaseSelector selector = new LeaseSelector(NOON);
        leases.forEach(selector::add);
        assertThat(selector.select(List.of()).inForce()).extracting(Lease::address)
                .containsExactly("10.8.0.20", "10.8.0.21", "10.8.0.22", "2001:db8:8::20", "2001:db8:8::21");
    }

    @Test
    void aLargeKeaFileReadInPartsGivesWhatOneReadGives(@TempDir Path dir) throws Exception {
        // about 12 MB: read in up to four parts; rows for an address recur across the parts' boundaries
        StringBuilder csv = new StringBuilder("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,"
                + "hostname,state,user_context\n");
        for (int i = 0; i < 120_000; i++) {
            int host = (i * 7919) % 50_000;
            csv.append("10.1.").append(host / 250).append('.').append(host % 250 + 1).append(',')
                    .append(String.format("52:54:00:%02x:%02x:%02x", host >> 16 & 255, host >> 8 & 255, host & 255))
                    .append(",01:52:54:00:00:00:01,3600,").append(1795600000L + i).append(",1,0,0,h")
                    .append(i % 3 == 0 ? "&#x2cx" : "").append(i).append(',').append(i % 5 == 0 ? 2 : 0).append(",\n");
        }
        Path file = Files.writeString(dir.resolve("kea-leases4.csv"), csv);
        Instant at = Instant.ofEpochSecond(1795600000L + 119_000);
        LeaseSelector one = LeaseSelector.combine(KeaCsvLeaseParser.parseInParts(file, 1, () -> new LeaseSelector(at)).sinks(),
                List.of(2));
        IscLeaseParser.Parts<LeaseSelector> parts = KeaCsvLeaseParser.parseInParts(file, 4, () -> new LeaseSelector(at));
        assertThat(parts.sinks()).hasSize(4);
        assertThat(parts.summary().leases()).isEqualTo(120_000);
        LeaseSelector four = LeaseSelector.combine(parts.sinks(), parts.firstLines());
        List<Lease> expected = one.select(List.of()).inForce();
        assertThat(expected).isNotEmpty();
        assertThat(four.select(List.of()).inForce()).isEqualTo(expected); // origins (file and line) included
        assertThat(expected).anySatisfy(l -> assertThat(l.hostname()).startsWith("h,x"));

        // an error in a later part names the file's line
        List<String> lines = new ArrayList<>(List.of(csv.toString().split("\n")));
        lines.set(100_000, "10.9.9.9,52:54:00:00:00:01");
        Path broken = Files.writeString(dir.resolve("broken.csv"), String.join("\n", lines) + "\n");
        assertThatThrownBy(() -> KeaCsvLeaseParser.parseInParts(broken, 4, () -> new LeaseSelector(at)))
                .hasMessage(broken + ":100001: expected 11 columns as in the header but found 2 (a truncated or changed row)");
    }

    @Test
    void aLargeDnsmasqFileReadInPartsGivesWhatOneReadGives(@TempDir Path dir) throws Exception {
        // about 9 MB, v4 then the server's duid and v6 lines, as dnsmasq writes them
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 120_000; i++) {
            text.append(1795600000L + i).append(String.format(" 52:54:00:%02x:%02x:%02x", i >> 16 & 255, i >> 8 & 255, i & 255))
                    .append(" 10.").append(2 + i / 62_500).append('.').append(i / 250 % 250).append('.').append(i % 250 + 1).append(i % 7 == 0 ? " *" : " h" + i)
                    .append(i % 3 == 0 ? " *" : " 01:52:54:00:00:00:01").append('\n');
        }
        text.append("duid 00:01:00:01:2c:5e:11:22:52:54:00:00:00:01\n");
        for (int i = 0; i < 20_000; i++) {
            text.append(1795700000L + i).append(' ').append(1000 + i).append(" 2001:db8:9::").append(Integer.toHexString(i + 1))
                    .append(" v").append(i).append(" 00:01:00:01:2c:5e:11:22:52:54:00:00:00:02\n");
        }
        Path file = Files.writeString(dir.resolve("dnsmasq.leases"), text);
        Instant at = Instant.ofEpochSecond(1795600000L + 60_000);
        LeaseSelector whole = new LeaseSelector(at);
        DnsmasqLeaseParser.parseBlocks(file, whole);
        IscLeaseParser.Parts<LeaseSelector> parts = DnsmasqLeaseParser.parseInParts(file, 2, () -> new LeaseSelector(at));
        assertThat(parts.sinks()).hasSize(2);
        assertThat(parts.summary().leases()).isEqualTo(140_000);
        List<Lease> expected = whole.select(List.of()).inForce();
        assertThat(expected).hasSize(59_999 + 20_000);
        assertThat(LeaseSelector.combine(parts.sinks(), parts.firstLines()).select(List.of()).inForce())
                .isEqualTo(expected); // origins (file and line) included

        List<String> lines = new ArrayList<>(List.of(text.toString().split("\n")));
        lines.set(110_000, "1795600000 52:54:00:00:00:01 10.9.9.9");
        Path broken = Files.writeString(dir.resolve("broken.leases"), String.join("\n", lines) + "\n");
        assertThatThrownBy(() -> DnsmasqLeaseParser.parseInParts(broken, 2, () -> new LeaseSelector(at)))
                .hasMessage(broken + ":110001: expected 'expiry mac address hostname client-id' but found 3 fields");
    }

    @Test
    void theFormatIsToldFromTheContent() throws Exception {
        assertThat(LeaseFormat.detect(KEA)).isEqualTo(LeaseFormat.KEA_CSV);
        assertThat(LeaseFormat.detect(DNSMASQ)).isEqualTo(LeaseFormat.DNSMASQ);
        assertThat(LeaseFormat.detect(Path.of("../examples/dhcpd.leases"))).isEqualTo(LeaseFormat.ISC);
    }

    @Test
    void aTruncatedKeaRowOrAChangedHeaderNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path truncated = dir.resolve("t.csv");
        Files.writeString(truncated, Files.readString(KEA) + "10.7.0.99,52:54:00:7a:00:99,,4000\n");
        assertThatThrownBy(() -> KeaCsvLeaseParser.parse(truncated, l -> { }))
                .hasMessage(truncated + ":10: expected 11 columns as in the header but found 4 (a truncated or changed row)");
        Path header = dir.resolve("h.csv");
        Files.writeString(header, "address,mac,lifetime\n10.0.0.1,x,1\n");
        assertThatThrownBy(() -> KeaCsvLeaseParser.parse(header, l -> { }))
                .hasMessage(header + ":1: the header has no 'hwaddr' column");
    }

    @Test
    void aMalformedDnsmasqLineNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.leases");
        Files.writeString(file, "1795610000 52:54:00:d0:00:20 10.8.0.20 a *\nsoon 52:54:00:d0:00:21 10.8.0.21 b *\n");
        assertThatThrownBy(() -> DnsmasqLeaseParser.parse(file, l -> { }))
                .hasMessage(file + ":2: expected the expiry time in seconds but found 'soon'");
    }

    @Test
    void keaCleanupFilesAreReadOldestFirstAndACompletedCleanupReplacesThem(@TempDir Path dir) throws Exception {
        String header = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n";
        Path file = dir.resolve("kea-leases4.csv");
        Files.writeString(Path.of(file + ".2"), header + "10.9.0.1,52:54:00:00:09:01,,4000,1795610000,1,0,0,from-previous,0,\n"
                + "10.9.0.2,52:54:00:00:09:02,,4000,1795610000,1,0,0,superseded,0,\n");
        Files.writeString(Path.of(file + ".1"), header + "10.9.0.2,52:54:00:00:09:02,,4000,1795610000,1,0,0,from-copy,0,\n");
        Files.writeString(file, header + "10.9.0.3,52:54:00:00:09:03,,4000,1795610000,1,0,0,from-current,0,\n");

        assertThat(KeaCsvLeaseParser.filesOf(file)).containsExactly(Path.of(file + ".2"), Path.of(file + ".1"), file);
        assertThat(names(file)).containsExactly("from-previous", "from-copy", "from-current");

        Files.writeString(Path.of(file + ".completed"), header + "10.9.0.1,52:54:00:00:09:01,,4000,1795610000,1,0,0,cleaned,0,\n");
        assertThat(KeaCsvLeaseParser.filesOf(file)).containsExactly(Path.of(file + ".completed"), file);
        assertThat(names(file)).containsExactly("cleaned", "from-current");
    }

    static List<String> names(Path file) throws Exception {
        LeaseSelector selector = new LeaseSelector(NOON);
        KeaCsvLeaseParser.parseWithCleanupFiles(file, selector::add);
        return selector.select(List.of()).inForce().stream().map(Lease::hostname).toList();
    }
}
