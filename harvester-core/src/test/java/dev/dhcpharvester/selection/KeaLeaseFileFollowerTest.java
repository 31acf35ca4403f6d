package dev.dhcpharvester.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.source.IscLeaseParser;
import dev.dhcpharvester.source.KeaCsvLeaseParser;
import dev.dhcpharvester.source.LeaseFileException;
import dev.dhcpharvester.source.LeaseFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Following Kea's memfile CSV (lease4 or lease6): whatever mix of appended rows, half-written rows
 * and lease file cleanups (the file moved aside to {@code .1}, a new one started, then {@code .1}
 * and {@code .2} merged into a new {@code .2}) Kea produces, the leases followed equal a whole read.
 */
class KeaLeaseFileFollowerTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String HEADER = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n";
    static final String HEADER6 = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,"
            + "fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context\n";

    static String row(Random random, boolean v6) {
        int host = random.nextInt(40);
        long expire = NOW.getEpochSecond() + (random.nextInt(5) == 0 ? -60 : random.nextInt(7200));
        String name = random.nextBoolean() ? "host-" + random.nextInt(1000) : "";
        int state = random.nextInt(6) == 0 ? 2 : 0;
        if (v6) { // now and then a delegated prefix, which is skipped
            int type = random.nextInt(8) == 0 ? 2 : 0;
            return "2001:db8:6::" + Integer.toHexString(host) + "," + String.format("00:03:00:01:52:54:00:00:00:%02x", host)
                    + ",3600," + expire + ",1,3000," + type + ",1," + (type == 2 ? 64 : 128) + ",0,0," + name + ",," + state + ",\n";
        }
        return "192.0.2." + host + "," + String.format("52:54:00:00:00:%02x", host) + ",,3600," + expire + ",1,0,0,"
                + name + "," + state + ",\n";
    }

    /** What kea-lfc writes: the newest row per address of the files it merges, oldest first. */
    static String merged(String header, String... contents) {
        Map<String, String> newest = new LinkedHashMap<>();
        for (String content : contents) {
            for (String line : content.split("\n")) {
                if (!line.isEmpty() && !line.startsWith("address,")) {
                    String address = line.substring(0, line.indexOf(','));
                    newest.remove(address);
                    newest.put(address, line + "\n");
                }
            }
        }
        return header + String.join("", newest.values());
    }

    /** A whole read as a one-shot harvest does it: the cleanup's files, then the file up to its last whole row. */
    static Selection wholeRead(Path file) throws IOException, LeaseFileException {
        LeaseSelector all = null;
        for (Path part : KeaCsvLeaseParser.filesOf(file)) {
            IscLeaseParser.Parts<LeaseSelector> parts = KeaCsvLeaseParser.parseInParts(part, 1, () -> new LeaseSelector(NOW),
                    part.equals(file));
            LeaseSelector read = LeaseSelector.combine(parts.sinks(), parts.firstLines());
            all = all == null ? read : LeaseSelector.combine(List.of(all, read), List.of(1, 1));
        }
        return all.select(List.of());
    }

    @Property(tries = 60)
    void followingEqualsAWholeReadThroughAppendsPartialRowsAndCleanups(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 99) Integer> operations,
            @ForAll long seed, @ForAll boolean v6) throws Exception {
        Path dir = Files.createTempDirectory("follow-kea");
        try {
            Random random = new Random(seed);
            Path file = dir.resolve(v6 ? "kea-leases6.csv" : "kea-leases4.csv");
            String header = v6 ? HEADER6 : HEADER;
            Path one = Path.of(file + ".1");
            Path two = Path.of(file + ".2");
            Files.writeString(file, header);
            LeaseFileFollower follower = new LeaseFileFollower(file, 1 + random.nextInt(3), LeaseFormat.KEA_CSV);
            String pending = null;
            for (int op : operations) {
                if (op < 60) { // Kea appends rows (finishing one it had half written)
                    StringBuilder more = new StringBuilder(pending == null ? "" : pending);
                    pending = null;
                    for (int k = random.nextInt(5); k >= 0; k--) {
                        more.append(row(random, v6));
                    }
                    append(file, more.toString());
                } else if (op < 78) { // a write that stops in the middle of a row
                    String next = (pending == null ? "" : pending) + row(random, v6);
                    int cut = 1 + random.nextInt(next.length() - 2);
                    append(file, next.substring(0, cut));
                    pending = next.substring(cut);
                } else if (op < 90 && !Files.exists(one) && pending == null) { // cleanup starts: the file moves to .1
                    Files.move(file, one);
                    Files.writeString(file, header);
                } else if (Files.exists(one)) { // kea-lfc finishes: .2 and .1 merged into a new .2
                    String older = Files.exists(two) ? Files.readString(two) : "";
                    Files.writeString(two, merged(header, older, Files.readString(one)));
                    Files.delete(one);
                }
                follower.refresh();
                assertThat(follower.leases().selectAt(NOW, List.of())).isEqualTo(wholeRead(file));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
