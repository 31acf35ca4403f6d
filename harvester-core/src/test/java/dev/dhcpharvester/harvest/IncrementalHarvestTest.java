package dev.dhcpharvester.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.naming.NamePolicy;
import dev.dhcpharvester.publication.IncludeOptions;
import dev.dhcpharvester.publication.RndcOptions;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.publication.ddns.DdnsSettings;
import dev.dhcpharvester.publication.ddns.DnsServer;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.selection.LeaseFileFollower;
import dev.dhcpharvester.testing.NamedServer;
import dev.dhcpharvester.testing.TestNetwork;
import dev.dhcpharvester.verification.ProbeMemory;
import dev.dhcpharvester.verification.VerifyOptions;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * A watch-mode harvest that decides only what changed publishes exactly what a whole harvest of
 * the same file at the same instant publishes: the same report hosts and counts, the same
 * fragment bytes, through appends, half-written blocks, rewrites, leases starting and ending with
 * the passing of time (and time going back), colliding and hostile names, and reservations.
 */
class IncrementalHarvestTest {

    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("e yyyy/MM/dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String HEADER = "# This lease file was written by isc-dhcp-4.4.3-P1\n\n"
            + "authoring-byte-order little-endian;\n\n";
    /** Names that collide (case, a host's name equal to another's renamed one), need repair, or are refused. */
    private static final String[] NAMES = {"node", "NODE", "web", "node-525400000001", "db", "bad name", "x.cord.lab",
        "x.other.org", "-dash-", "printer", "skip-me", "static"};

    /** The named of the dynamic-mode property, started by its first try ("static.ddns.test" is a static record). */
    private static NamedServer named;
    private static Path namedDir;
    /** The test hosts of the verification property (a namespace per try): 198.18.41.0-7 answer, .8-15 drop every packet. */
    private static final String TEST_HOSTS = "198.18.41.";

    /** How each property draws its leases: the addresses, and whether DHCPv6 blocks come too. */
    private record Mode(boolean dynamic, boolean verified, String prefix) {
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @AfterContainer
    static void stopNamed() throws java.io.IOException {
        if (named != null) {
            named.close();
            named = null;
            try (var files = Files.walk(namedDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Property(tries = 40)
    void aHarvestOfWhatChangedPublishesWhatAWholeHarvestPublishes(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 99) Integer> operations,
            @ForAll long seed) throws Exception {
        check(operations, seed, new Mode(false, false, "192.0.2."));
    }

    /**
     * With verification (-y) the same holds: hosts in a network namespace of this test, half of them
     * silent, are probed by TCP connect as a whole harvest probes them, and answers age as the
     * daemon's probe memory ages them.
     */
    @Property(tries = 5)
    void aVerifiedHarvestOfWhatChangedPublishesWhatAWholeVerifiedHarvestPublishes(
            @ForAll @Size(min = 1, max = 15) List<@IntRange(min = 0, max = 99) Integer> operations,
            @ForAll long seed) throws Exception {
        Assume.that(TestNetwork.available());
        try (TestNetwork ignored = TestNetwork.create("198.18.0.40/30", TEST_HOSTS + "0/28", TEST_HOSTS + "0/29")) {
            check(operations, seed, new Mode(false, true, TEST_HOSTS));
        }
    }

    /**
     * Dynamic DNS mode, against a real named: after each watch-mode harvest (which sends only what
     * changed), a whole harvest's dry run over the same state file finds nothing left to do but
     * the names in conflict, and every name it finds published resolves to its address.
     */
    @Property(tries = 15)
    void aDynamicHarvestOfWhatChangedLeavesDnsAsAWholeHarvestWould(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 99) Integer> operations,
            @ForAll long seed) throws Exception {
        Assume.that(NamedServer.available());
        if (named == null) {
            namedDir = Files.createTempDirectory("incremental-named");
            named = NamedServer.start(namedDir);
        }
        check(operations, seed, new Mode(true, false, "192.0.2."));
    }

    private void check(List<Integer> operations, long seed, Mode mode) throws Exception {
        boolean dynamic = mode.dynamic();
        Path dir = Files.createTempDirectory("incremental");
        try {
            Random random = new Random(seed);
            Path leases = dir.resolve("dhcpd.leases");
            Path reservations = dir.resolve("dhcpd.conf");
            Files.writeString(leases, HEADER);
            Files.writeString(reservations, "");
            MovingClock clock = new MovingClock();
            NamePolicy names = new NamePolicy(List.of(), List.of(), List.of(Pattern.compile("skip")));
            VerifyOptions verify = mode.verified() ? new VerifyOptions(VerifyOptions.Method.TCP, Duration.ofMillis(150), 0,
                    16, List.of(22)) : null;
            HarvestConfig watched = dynamic ? dynamic(leases, reservations, names, dir.resolve("state.json"), false)
                    : config(leases, reservations, names, dir.resolve("watched.inc"), verify);
            HarvestConfig whole = dynamic ? dynamic(leases, reservations, names, dir.resolve("state.json"), true)
                    : config(leases, reservations, names, dir.resolve("whole.inc"), verify);
            Set<String> inConflict = new HashSet<>(); // names DNS refused, which only a whole harvest tries again
            LeaseFileFollower follower = new LeaseFileFollower(leases, 1 + random.nextInt(2));
            Harvester watching = new Harvester(clock, OutputStream.nullOutputStream(), HarvestListener.NONE, follower,
                    new ProbeMemory(Duration.ofMinutes(30))); // answers age within the clock's moves
            String pending = null;
            boolean bothWroteLast = false; // removals count from each one's previous file
            for (int op : operations) {
                String content = Files.readString(leases, StandardCharsets.ISO_8859_1);
                if (op < 45) {
                    StringBuilder more = new StringBuilder(pending == null ? "" : pending);
                    pending = null;
                    for (int k = random.nextInt(4); k >= 0; k--) {
                        more.append(block(random, clock.now, mode));
                    }
                    append(leases, more.toString());
                } else if (op < 55) { // half a block written
                    String next = (pending == null ? "" : pending) + block(random, clock.now, mode);
                    int cut = 1 + random.nextInt(next.length() - 2);
                    append(leases, next.substring(0, cut));
                    pending = next.substring(cut);
                } else if (op < 80) { // time passes: leases start and end without a write
                    clock.now = clock.now.plusSeconds(random.nextInt(3600));
                } else if (op < 85) { // the clock is set back
                    clock.now = clock.now.minusSeconds(random.nextInt(600));
                } else if (op < 92) { // dhcpd's rewrite
                    Path fresh = dir.resolve("new");
                    Files.writeString(fresh, compacted(content), StandardCharsets.ISO_8859_1);
                    Files.move(fresh, leases, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    pending = null;
                } else { // the operator changes the reservations
                    Files.writeString(reservations, "host fixed { hardware ethernet 52:54:00:00:00:0" + random.nextInt(4)
                            + "; fixed-address " + mode.prefix() + random.nextInt(16) + "; }\n");
                }
                HarvestReport incremental = watching.run(watched);
                if (dynamic) {
                    assertThat(incremental.status()).as(incremental.summary()).isEqualTo(HarvestReport.Status.OK);
                    for (DdnsPublisher.HostOutcome o : incremental.ddns().outcomes()) {
                        if (o.action().equals("conflict")) {
                            inConflict.add(key(o.fqdn()));
                        } else {
                            inConflict.remove(key(o.fqdn()));
                        }
                    }
                }
                if (pending != null) {
                    bothWroteLast = false;
                    continue; // a whole read refuses half a block, which the follower waits for: compare later
                }
                HarvestReport fresh = new Harvester(clock, OutputStream.nullOutputStream()).run(whole);
                if (dynamic) {
                    assertThat(incremental.counts()).isEqualTo(fresh.counts());
                    assertThat(incremental.hosts()).containsExactlyElementsOf(fresh.hosts());
                    assertThat(incremental.messages()).isEqualTo(fresh.messages());
                    for (DdnsPublisher.HostOutcome o : fresh.ddns().outcomes()) {
                        if (o.action().equals("unchanged")) {
                            List<String> addresses = o.address().contains(":") ? named.addresses6(o.fqdn())
                                    : named.addresses(o.fqdn());
                            assertThat(addresses).as(o.fqdn()).contains(o.address());
                        } else {
                            assertThat(o.action()).as(o.toString()).isIn("would-add", "would-replace");
                            assertThat(inConflict).as(o.toString()).contains(key(o.fqdn()));
                        }
                    }
                    continue;
                }
                // whether the file was written, and what that removed, depends on what each one wrote last
                String removals = bothWroteLast ? "$^" : "(written|unchanged).*";
                assertThat(incremental.summary().replaceAll(removals, ""))
                        .isEqualTo(fresh.summary().replace("whole.inc", "watched.inc").replaceAll(removals, ""));
                assertThat(incremental.counts()).isEqualTo(fresh.counts());
                assertThat(incremental.hosts()).containsExactlyElementsOf(fresh.hosts());
                assertThat(incremental.messages()).isEqualTo(fresh.messages());
                assertThat(Files.readString(dir.resolve("watched.inc"))).isEqualTo(Files.readString(dir.resolve("whole.inc")));
                if (mode.verified() && fresh.verification() != null) {
                    assertThat(incremental.verification().reachable()).isEqualTo(fresh.verification().reachable());
                    assertThat(incremental.verification().checked()).isEqualTo(fresh.verification().checked());
                }
                if (bothWroteLast) {
                    assertThat(incremental.dns().removed()).isEqualTo(fresh.dns().removed());
                }
                bothWroteLast = true;
                Instant next = watching.nextLeaseChangeAfter(clock.now);
                Instant expected = follower.leases().nextChangeAfter(clock.now);
                if (expected != null) { // the timeline may also hold superseded leases' times: never later
                    assertThat(next).isNotNull().isBeforeOrEqualTo(expected);
                }
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

    private static HarvestConfig dynamic(Path leases, Path reservations, NamePolicy names, Path state, boolean dryRun) {
        DdnsSettings ddns = new DdnsSettings(List.of("ddns.test"), List.of(), List.of(new DnsServer("127.0.0.1",
                named.dnsPort())), Map.of(), named.tsigKeyFile(), null, state, Duration.ofSeconds(5),
                DdnsPublisher.ConflictMode.CHECK_WITH_DHCID, dryRun, null);
        return new HarvestConfig(leases, reservations, names, null,
                config(leases, reservations, names, null, null).include(), null, ddns);
    }

    private static String key(String fqdn) {
        String lower = fqdn.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    private static HarvestConfig config(Path leases, Path reservations, NamePolicy names, Path dest,
            VerifyOptions verify) {
        RndcOptions rndc = new RndcOptions("rndc", null, "127.0.0.1", 953, null, Duration.ofSeconds(5));
        return new HarvestConfig(leases, reservations, names, verify,
                new IncludeOptions(dest, null, "cord.lab", false, rndc, null, 1.0, true), null);
    }

    /** A lease of one of 16 addresses (and 4 IPv6 ones, unless verified), starting or ending within the next hours. */
    private static String block(Random random, Instant now, Mode mode) {
        Instant starts = now.plusSeconds(random.nextInt(3600) - 2400);
        Instant ends = now.plusSeconds(random.nextInt(7200) - 600);
        if (!mode.verified() && random.nextInt(5) == 0) { // probes go only to the test's own hosts
            int host = random.nextInt(4);
            return "ia-na \"\\001\\000\\000\\000\\000\\003\\000\\001RT\\000\\000\\000" + String.format("\\%03o", host + 1)
                    + "\" {\n  cltt " + time(now) + ";\n  iaaddr 2001:db8:7::" + (0x100 + host) + " {\n"
                    + "    binding state active;\n    preferred-life 3000;\n    max-life 4000;\n"
                    + "    ends " + time(ends) + ";\n  }\n  set ddns-fwd-name = \"" + NAMES[random.nextInt(NAMES.length)]
                    + ".cord.lab\";\n}\n";
        }
        int host = random.nextInt(16);
        StringBuilder b = new StringBuilder("lease " + mode.prefix() + host + " {\n")
                .append("  starts ").append(time(starts)).append(";\n")
                .append("  ends ").append(random.nextInt(10) == 0 ? "never" : time(ends)).append(";\n")
                .append("  binding state ").append(random.nextInt(6) == 0 ? "free" : "active").append(";\n");
        if (random.nextInt(6) != 0) {
            b.append("  hardware ethernet 52:54:00:00:00:0").append(random.nextInt(4)).append(";\n");
        }
        if (random.nextInt(5) != 0) {
            b.append("  client-hostname \"").append(NAMES[random.nextInt(NAMES.length)]).append("\";\n");
        }
        return b.append("}\n").toString();
    }

    private static String time(Instant t) {
        return TIME.format(t).replaceFirst("^7", "0");
    }

    /** The file as dhcpd's cleanup rewrites it: the newest block per address. */
    private static String compacted(String content) {
        Map<String, String> newest = new LinkedHashMap<>();
        for (String block : content.split("(?m)^(?=lease |ia-na )")) {
            if ((block.startsWith("lease ") || block.startsWith("ia-na ")) && block.endsWith("}\n")) {
                String key = block.substring(0, block.indexOf('\n'));
                newest.remove(key);
                newest.put(key, block);
            }
        }
        return HEADER + String.join("", newest.values());
    }

    private static void append(Path file, String text) throws java.io.IOException {
        Files.writeString(file, text, StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
    }
}
