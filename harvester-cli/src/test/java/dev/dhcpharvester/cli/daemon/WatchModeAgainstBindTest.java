package dev.dhcpharvester.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.testing.DhcpdNetwork;
import dev.dhcpharvester.testing.NamedServer;
import dev.dhcpharvester.testing.TestNetwork;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch mode end to end: a daemon with {@code --watch} follows a lease file that is appended to
 * as dhcpd does, and a real named resolves the names. The delays from a lease write to a resolving
 * name are measured and printed, not asserted (docs/benchmarks.md has the figures).
 */
class WatchModeAgainstBindTest {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
    static final String HEADER = "# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
            + "# This lease file was written by isc-dhcp-4.4.3-P1\n\n"
            + "# authoring-byte-order entry is generated, DO NOT DELETE\nauthoring-byte-order little-endian;\n\n";

    @TempDir
    Path dir;
    Path dest;
    Path zoneFile;
    Path leases;
    NamedServer named;
    Process daemon;
    // copy on write: the tests stream it while the reader thread appends (a synchronized list's stream is not)
    final List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void startNamed() throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        dest = dir.resolve("dhcp_harvest.inc");
        Files.writeString(dest, "");
        zoneFile = dir.resolve("cord.lab.zone");
        Files.writeString(zoneFile, "$TTL 300\n@ IN SOA ns.cord.lab. h.cord.lab. ( 2026010101 3600 900 604800 300 )\n"
                + "  IN NS ns\nns IN A 127.0.0.1\n$INCLUDE \"" + dest + "\"\n");
        leases = dir.resolve("dhcpd.leases");
        named = NamedServer.start(dir, "cord.lab", zoneFile);
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.toHandle().destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
        if (named != null) {
            named.close();
        }
    }

    /** Starts the watching daemon (safety-net timer: 1 h) and waits for its first harvest. */
    void startDaemon(Path leaseFile) throws Exception {
        startDaemon(leaseFile.toString());
    }

    /** The same, following every file of {@code leaseFiles} (comma-separated). */
    void startDaemon(String leaseFiles) throws Exception {
        startDaemon("-l", leaseFiles, "-d", dest.toString(), "-u", "-z", "cord.lab", "-s", "127.0.0.1", "-p",
                Integer.toString(named.controlPort()), "-k", named.rndcConf().toString(), "--bump-serial", zoneFile.toString());
    }

    /** Starts the watching daemon publishing with {@code publication}'s options. */
    void startDaemon(String... publication) throws Exception {
        List<String> args = new ArrayList<>(List.of(publication));
        args.addAll(List.of("-x", dir.resolve("none").toString(), "-r", "1h", "-e", "0", "--watch", "--debounce", "100ms"));
        daemon = DaemonProcessTest.daemon(args.toArray(String[]::new)).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> out.lines().forEach(output::add), "daemon-output");
        reader.setDaemon(true);
        reader.start();
        awaitOutput("harvest ok", Duration.ofSeconds(60));
    }

    void awaitOutput(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (output.stream().noneMatch(l -> l.contains(text))) {
            assertThat(System.nanoTime()).as("waiting for '%s' in %s", text, output).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Waits until the name resolves to the address (or, with null, no longer resolves); returns the wait. */
    Duration awaitName(String name, String address, Duration limit) throws Exception {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (address == null ? !named.addresses(name).isEmpty() : !named.addresses(name).contains(address)) {
            assertThat(System.nanoTime()).as("waiting for %s -> %s; daemon said %s", name, address, output)
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static String lease(int host, String name, Instant starts, Instant ends) {
        return "lease 198.18.9." + host + " {\n  starts " + weekday(starts) + " " + TIME.format(starts) + ";\n"
                + "  ends " + weekday(ends) + " " + TIME.format(ends) + ";\n  cltt " + weekday(starts) + " "
                + TIME.format(starts) + ";\n  binding state active;\n  next binding state free;\n"
                + "  rewind binding state free;\n  hardware ethernet 52:54:00:00:09:" + String.format("%02x", host) + ";\n"
                + "  client-hostname \"" + name + "\";\n}\n";
    }

    static String lease(int host, String name) {
        Instant now = Instant.now();
        return lease(host, name, now.minusSeconds(60), now.plus(Duration.ofHours(1)));
    }

    static int weekday(Instant t) {
        return t.atZone(ZoneOffset.UTC).getDayOfWeek().getValue() % 7;
    }

    void append(String text) throws IOException {
        Files.writeString(leases, text, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
    }

    @Test
    void anAppendedLeaseResolvesWithoutWaitingForTheTimer() throws Exception {
        Files.writeString(leases, HEADER + lease(1, "first"));
        startDaemon(leases);
        awaitName("first.cord.lab", "198.18.9.1", Duration.ofSeconds(30));

        List<Long> delays = new ArrayList<>();
        for (int i = 2; i <= 11; i++) {
            append(lease(i, "joined-" + i));
            delays.add(awaitName("joined-" + i + ".cord.lab", "198.18.9." + i, Duration.ofSeconds(30)).toMillis());
            Thread.sleep(150); // let the cycle's quiet period pass, as separate joins would
        }
        System.out.println("watch mode, include mode with rndc reload: lease appended -> name resolves, ms: " + delays);
        assertThat(output).anyMatch(l -> l.contains("watching " + leases + ", reading only what is appended"));
    }

    @Test
    void inDynamicDnsModeAnAppendedLeaseResolvesAndOnlyItsNameIsSent() throws Exception {
        Instant now = Instant.now();
        Files.writeString(leases, HEADER + lease(1, "first") + lease(2, "leaving", now.minusSeconds(60), now.plusSeconds(6)));
        startDaemon("-l", leases.toString(), "--mode", "ddns", "-z", "ddns.test", "--dns-server", "127.0.0.1:"
                + named.dnsPort(), "--tsig-key", named.tsigKeyFile().toString(), "--ddns-state",
                dir.resolve("state.json").toString());
        awaitName("first.ddns.test", "198.18.9.1", Duration.ofSeconds(30));

        List<Long> delays = new ArrayList<>();
        for (int i = 3; i <= 8; i++) {
            append(lease(i, "joined-" + i));
            delays.add(awaitName("joined-" + i + ".ddns.test", "198.18.9." + i, Duration.ofSeconds(30)).toMillis());
            Thread.sleep(150);
        }
        System.out.println("watch mode, dynamic DNS: lease appended -> name resolves, ms: " + delays);
        assertThat(output).anyMatch(l -> l.contains("dynamic DNS: 1 added, 0 replaced, 0 removed, 0 unchanged"));
        awaitName("leaving.ddns.test", null, Duration.ofSeconds(30)); // ended without a write to the file
        awaitOutput("dynamic DNS: 0 added, 0 replaced, 1 removed, 0 unchanged", Duration.ofSeconds(10));
        assertThat(named.addresses("first.ddns.test")).containsExactly("198.18.9.1");
    }

    @Test
    void aRowKeaAppendsResolvesAndKeasLeaseFileCleanupLosesNothing() throws Exception {
        Path kea = dir.resolve("kea-leases4.csv");
        String header = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n";
        long expire = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        java.util.function.IntFunction<String> row = host -> "198.18.9." + host + ",52:54:00:00:09:" + String.format("%02x", host)
                + ",,3600," + expire + ",1,0,0,kea-" + host + ".cord.lab.,0,\n";
        Files.writeString(kea, header + row.apply(1));
        startDaemon(kea);
        awaitName("kea-1.cord.lab", "198.18.9.1", Duration.ofSeconds(30));
        assertThat(output).anyMatch(l -> l.contains("watching " + kea + ", reading only what is appended"));
        Files.writeString(kea, row.apply(2), StandardOpenOption.APPEND);
        Duration delay = awaitName("kea-2.cord.lab", "198.18.9.2", Duration.ofSeconds(30));
        System.out.println("watch mode, Kea CSV: row appended -> name resolves in " + delay.toMillis() + " ms");

        // Kea's lease file cleanup: the file moves to .1 and a new one starts; then kea-lfc merges .1 into .2
        Files.move(kea, Path.of(kea + ".1"));
        Files.writeString(kea, header + row.apply(3));
        awaitName("kea-3.cord.lab", "198.18.9.3", Duration.ofSeconds(30));
        Files.writeString(Path.of(kea + ".2"), Files.readString(Path.of(kea + ".1")));
        Files.delete(Path.of(kea + ".1"));
        Files.writeString(kea, row.apply(4), StandardOpenOption.APPEND);
        awaitName("kea-4.cord.lab", "198.18.9.4", Duration.ofSeconds(30));
        for (int host = 1; host <= 4; host++) {
            assertThat(named.addresses("kea-" + host + ".cord.lab")).as("kea-" + host).containsExactly("198.18.9." + host);
        }
    }

    @Test
    void aDhcpdFileAndAKeaLease6FileAreFollowedTogether() throws Exception {
        Path kea6 = dir.resolve("kea-leases6.csv");
        String header = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,"
                + "fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context\n";
        long expire = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        java.util.function.IntFunction<String> row = host -> "2001:db8:9::" + host + ",00:03:00:01:52:54:00:00:0a:"
                + String.format("%02x", host) + ",3600," + expire + ",1,3000,0,1,128,0,0,six-" + host + ",,0,\n";
        Files.writeString(kea6, header + row.apply(1));
        Files.writeString(leases, HEADER + lease(1, "four-1"));
        startDaemon(leases + "," + kea6);
        awaitName("four-1.cord.lab", "198.18.9.1", Duration.ofSeconds(30));
        assertThat(named.addresses6("six-1.cord.lab.")).containsExactly("2001:db8:9::1");
        assertThat(output).anyMatch(l -> l.contains("watching " + leases + ", reading only what is appended"))
                .anyMatch(l -> l.contains("watching " + kea6 + ", reading only what is appended"));

        Files.writeString(kea6, row.apply(2), StandardOpenOption.APPEND);
        long start = System.nanoTime();
        while (named.addresses6("six-2.cord.lab.").isEmpty()) {
            assertThat(System.nanoTime() - start).as("six-2 resolves; daemon said %s", output)
                    .isLessThan(TimeUnit.SECONDS.toNanos(30));
            Thread.sleep(10);
        }
        append(lease(2, "four-2"));
        awaitName("four-2.cord.lab", "198.18.9.2", Duration.ofSeconds(30));
        System.out.println("watch mode, two files: kea6 row appended -> AAAA resolves in "
                + (System.nanoTime() - start) / 1_000_000 + " ms (then a dhcpd lease)");
        assertThat(named.addresses6("six-1.cord.lab.")).containsExactly("2001:db8:9::1");
        assertThat(named.addresses6("six-2.cord.lab.")).containsExactly("2001:db8:9::2");
    }

    @Test
    void aRewriteInTheMiddleOfABurstLosesNothingAndPublishesEachNameOnce() throws Exception {
        Files.writeString(leases, HEADER + lease(1, "first"));
        startDaemon(leases);
        awaitName("first.cord.lab", "198.18.9.1", Duration.ofSeconds(30));

        StringBuilder all = new StringBuilder(HEADER + lease(1, "first"));
        for (int i = 2; i <= 60; i++) {
            String one = lease(i, "burst-" + i);
            all.append(one);
            append(one);
            if (i == 30) { // dhcpd's rewrite: the same leases in a new file renamed over the old one
                Path fresh = dir.resolve("dhcpd.leases.new");
                Files.writeString(fresh, all);
                Files.move(fresh, leases, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Thread.sleep(5);
        }
        for (int i = 2; i <= 60; i++) {
            awaitName("burst-" + i + ".cord.lab", "198.18.9." + i, Duration.ofSeconds(30));
        }
        List<String> lines = Files.readAllLines(dest).stream().filter(l -> l.contains(" IN A ")).toList();
        assertThat(lines).hasSize(60);
        assertThat(lines.stream().map(l -> l.split("\\s+")[0]).distinct()).hasSize(60);
        assertThat(named.addresses("burst-45.cord.lab")).containsExactly("198.18.9.45");
        long cycles = output.stream().filter(l -> l.contains("harvest ok")).count();
        System.out.println("watch mode: 59 leases in a burst with a rewrite: " + cycles + " harvests");
    }

    @Test
    void aLeaseThatEndsIsUnpublishedWhenItEndsWithoutAWriteToTheFile() throws Exception {
        Instant now = Instant.now();
        Files.writeString(leases, HEADER + lease(1, "stays") + lease(2, "leaving", now.minusSeconds(60), now.plusSeconds(4)));
        startDaemon(leases);
        awaitName("leaving.cord.lab", "198.18.9.2", Duration.ofSeconds(30));

        Duration gone = awaitName("leaving.cord.lab", null, Duration.ofSeconds(30));
        Instant ended = now.plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // the file holds seconds
        System.out.println("watch mode: a lease that ended " + Duration.between(ended, Instant.now()).toMillis()
                + " ms ago is unpublished (waited " + gone.toMillis() + " ms, no write to the file)");
        assertThat(named.addresses("stays.cord.lab")).containsExactly("198.18.9.1");
    }

    @Test
    void aClientOfARealDhcpdInANetworkNamespaceGetsItsName() throws Exception {
        assumeTrue(TestNetwork.available(), "needs root and iproute2 for network namespaces");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dhcpd")) && Files.isExecutable(Path.of("/sbin/dhclient")),
                "isc-dhcp-server and isc-dhcp-client are installed by bin/run-tests");
        try (DhcpdNetwork network = DhcpdNetwork.start(dir)) {
            startDaemon(network.leases());
            network.join("watch-client");
            Duration waited = awaitName("watch-client.cord.lab", network.clientAddress(),
                    Duration.ofSeconds(60));
            System.out.println("watch mode: a dhclient in a namespace got " + network.clientAddress()
                    + " from dhcpd; its name resolved " + waited.toMillis() + " ms after the address was bound");
        }
    }
}
