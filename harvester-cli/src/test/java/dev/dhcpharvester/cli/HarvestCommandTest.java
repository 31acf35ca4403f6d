package dev.dhcpharvester.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dhcpharvester.report.ReportJson;
import dev.dhcpharvester.testing.LeaseFileWriter;
import dev.dhcpharvester.testing.TestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HarvestCommandTest {

    static final Path EXAMPLE_LEASES = Path.of("../examples/dhcpd.leases");
    static final Path EXAMPLE_RESERVATIONS = Path.of("../examples/dhcpd.reservations");

    @Test
    void leasesAreReadThroughKeasControlAgent(@TempDir Path dir) throws Exception {
        assumeTrue(dev.dhcpharvester.testing.KeaControlAgent.available(), "kea-ctrl-agent is installed by bin/run-tests");
        try (dev.dhcpharvester.testing.KeaControlAgent kea = dev.dhcpharvester.testing.KeaControlAgent.start(dir)) {
            kea.addLease("198.18.9.20", "52:54:00:00:09:20", "db-host-20");
            kea.addLease("198.18.9.21", "52:54:00:00:09:21", "db-host-21");
            kea.addLease6("2001:db8:9::20", "00:03:00:01:52:54:00:00:09:20", "db-host-20");
            Path credentials = Files.writeString(dir.resolve("kea-api.credentials"),
                    dev.dhcpharvester.testing.KeaControlAgent.USER + ":" + dev.dhcpharvester.testing.KeaControlAgent.PASSWORD + "\n");
            Path dest = dir.resolve("hosts.inc");
            Path report = dir.resolve("report.json");
            Cli cli = Cli.run("-l", kea.url().toString(), "-l", kea.url() + "#dhcp6", "--kea-api-credentials",
                    credentials.toString(), "-x", dir.resolve("none").toString(), "-d", dest.toString(), "--report", report.toString());
            assertThat(cli.exitCode).as(cli.toString()).isZero();
            assertThat(Files.readString(dest)).as("kea-dhcp4's and kea-dhcp6's leases through one agent, dual stack")
                    .containsPattern("db-host-20 +IN A 198.18.9.20 ").contains("198.18.9.21")
                    .containsPattern("db-host-20 +IN AAAA 2001:db8:9::20 +; 52:54:00:00:09:20");
            assertThat(ReportJson.mapper().readTree(report.toFile()).at("/sources/1/path").asText()).isEqualTo(kea.url() + "#dhcp6");
            JsonNode source = ReportJson.mapper().readTree(report.toFile()).path("sources").get(0);
            assertThat(source.path("format").asText()).isEqualTo("kea-api");
            assertThat(source.path("path").asText()).isEqualTo(kea.url().toString());
            assertThat(Files.readString(report)).doesNotContain(dev.dhcpharvester.testing.KeaControlAgent.PASSWORD);

            Cli watch = Cli.run("-l", kea.url().toString(), "--watch", "-r", "1h", "-d", dest.toString());
            assertThat(watch.exitCode).isEqualTo(2);
            assertThat(watch.err).contains("--watch follows a lease file");

            Cli noCredentials = Cli.run("-l", kea.url().toString(), "-x", dir.resolve("none").toString(), "-d", dest.toString());
            assertThat(noCredentials.exitCode).isEqualTo(1);
            assertThat(noCredentials.err).contains("refused the credentials (HTTP 401)").contains("nothing published");
        }
    }

    @Test
    void theNcrListenerRefusesWhatWouldBeUnsafeOrWrong(@TempDir Path dir) throws Exception {
        Cli remote = Cli.run("--ncr-listen", "0.0.0.0:53001", "-z", "ddns.test", "--dns-server", "127.0.0.1");
        assertThat(remote.exitCode).as(remote.toString()).isEqualTo(2);
        assertThat(remote.err).contains("refusing to take NCRs on 0.0.0.0 without --ncr-allow-remote");

        Cli badAddress = Cli.run("--ncr-listen", "localhost:53001", "-z", "ddns.test", "--dns-server", "127.0.0.1");
        assertThat(badAddress.exitCode).isEqualTo(2);
        assertThat(badAddress.err).contains("--ncr-listen takes ADDRESS:PORT with an IP address");

        Path config = Files.writeString(dir.resolve("kea-dhcp-ddns.conf"), "{ \"DhcpDdns\": { \"ncr-protocol\": \"TCP\" } }");
        Cli badConfig = Cli.run("--kea-d2-config", config.toString());
        assertThat(badConfig.exitCode).isEqualTo(2);
        assertThat(badConfig.err).contains(config + ": ncr-protocol TCP is not supported");

        Cli withRepeat = Cli.run("--ncr-listen", "127.0.0.1:0", "-z", "ddns.test", "--dns-server", "127.0.0.1", "-r", "1h");
        assertThat(withRepeat.exitCode).isEqualTo(2);
        assertThat(withRepeat.err).contains("--ncr-listen runs its own daemon");

        Cli noServer = Cli.run("--ncr-listen", "127.0.0.1:0", "-z", "ddns.test");
        assertThat(noServer.exitCode).isEqualTo(2);
        assertThat(noServer.err).contains("zone ddns.test has no server");

        Path notADirectory = Files.writeString(dir.resolve("a-file"), "");
        Cli badJournal = Cli.run("--ncr-listen", "127.0.0.1:0", "-z", "ddns.test", "--dns-server", "127.0.0.1",
                "--ncr-journal", notADirectory.resolve("journal").toString(), "-e", "0");
        assertThat(badJournal.exitCode).isEqualTo(1);
        assertThat(badJournal.err).contains("cannot use the NCR journal " + notADirectory.resolve("journal"))
                .contains("check --ncr-journal");
    }

    @Test
    void theBundledExamplePrintsAnAlignedSortedFragment() {
        Cli cli = Cli.run("-l", EXAMPLE_LEASES.toString(), "-x", EXAMPLE_RESERVATIONS.toString(), "-d", "-",
                "--as-of", "2026-11-25T12:00:00Z");

        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out.lines().skip(1)).containsExactly(
                "head-node              IN A 10.6.0.2        ; 52:54:00:aa:00:01",
                "ONOS-controller        IN A 10.6.0.3        ; 52:54:00:aa:00:02",
                "compute-1-525400123410 IN A 10.6.0.10       ; 52:54:00:12:34:10",
                "compute-2              IN A 10.6.0.11       ; 52:54:00:12:34:11",
                "UNK-525400123413       IN A 10.6.0.13       ; 52:54:00:12:34:13",
                "Janes-MacBook-Pro      IN A 10.6.0.14       ; 52:54:00:12:34:14",
                "compute-1-525400123416 IN A 10.6.0.16       ; 52:54:00:12:34:16");
        assertThat(cli.err.strip()).isEqualTo("harvest ok: 8 hosts in force, 7 published (5 renamed), 0 unreachable,"
                + " 0 filtered, 1 rejected, 0 duplicate; printed");
    }

    @Test
    void theReportRecordsEveryCandidateWithItsOutcome(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Cli cli = Cli.run("-l", EXAMPLE_LEASES.toString(), "-x", EXAMPLE_RESERVATIONS.toString(),
                "-d", dir.resolve("out.inc").toString(), "--as-of", "2026/11/25 12:00:00", "-f", "compute",
                "--report", report.toString());

        assertThat(cli.exitCode).as(cli.toString()).isZero();
        JsonNode json = ReportJson.mapper().readTree(report.toFile());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(json.get("status").asText()).isEqualTo("ok");
        assertThat(json.at("/counts/candidates").asInt()).isEqualTo(8);
        assertThat(json.at("/counts/filtered").asInt()).isEqualTo(4);
        assertThat(json.at("/counts/rejected").asInt()).isEqualTo(1);
        assertThat(json.at("/counts/published").asInt()).isEqualTo(3);
        assertThat(json.get("hosts")).hasSize(8);
        JsonNode evil = json.get("hosts").get(6);
        assertThat(evil.get("address").asText()).isEqualTo("10.6.0.15");
        assertThat(evil.get("outcome").asText()).isEqualTo("rejected");
        assertThat(evil.get("requestedName").asText()).isEqualTo("evil\n$INCLUDE /etc/shadow");
        assertThat(evil.get("reason").asText()).contains("control character");
        assertThat(json.at("/dns/written").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--timeout fast -y             | -t/--timeout: 'fast' is not a duration",
        "--verify-method carrier-pigeon -y | --verify-method must be icmp, fping, ping, tcp or both",
        "--reverse-dest /tmp/r.inc     | --reverse-dest needs the forward zone (-z/--zone)",
        "--as-of yesterday             | --as-of 'yesterday' is not a time",
        "-f (unclosed                  | --filter '(unclosed' is not a valid regular expression",
        "--no-such-option              | Unknown option: '--no-such-option'",
        "-p 70000                      | -p/--port must be a port number",
    })
    void badUsageExitsWithTwoAndSaysWhatIsWrong(String args, String message) {
        Cli cli = Cli.run(args.trim().split("\\s+"));

        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
        assertThat(cli.err).contains(message);
    }

    @Test
    void aMissingLeaseFileIsBadInput(@TempDir Path dir) {
        Cli cli = Cli.run("-l", dir.resolve("nope.leases").toString(), "-d", "-");

        assertThat(cli.exitCode).isEqualTo(2);
        assertThat(cli.err.strip()).isEqualTo("harvest failed: lease file " + dir.resolve("nope.leases")
                + " does not exist; check -l (nothing published)");
    }

    @Test
    void anUnwritableDestinationIsADnsFailureThatKeepsTheOldFile(@TempDir Path dir) {
        Cli cli = Cli.run("-l", EXAMPLE_LEASES.toString(), "-d", dir.resolve("missing-dir/x.inc").toString(),
                "--as-of", "2026-11-25T12:00:00Z");

        assertThat(cli.exitCode).isEqualTo(1);
        assertThat(cli.err.strip()).startsWith("harvest failed: cannot write " + dir.resolve("missing-dir/x.inc"))
                .endsWith("the previous file is unchanged");
    }

    @Test
    void verificationLeavesOutSilentHostsAndReportsThemUnreachable(@TempDir Path dir) throws Exception {
        assumeTrue(TestNetwork.available(), "needs root to create a network namespace");
        try (TestNetwork ignored = TestNetwork.create("198.18.0.4/30", "198.18.2.0/24", "198.18.2.0/25")) {
            Path leases = new LeaseFileWriter()
                    .active("198.18.2.10", "52:54:00:00:02:10", "alive-1")
                    .active("198.18.2.11", "52:54:00:00:02:11", "alive-2")
                    .active("198.18.2.200", "52:54:00:00:02:c8", "gone-1")
                    .writeTo(dir.resolve("dhcpd.leases"));
            Path report = dir.resolve("report.json");

            Cli cli = Cli.run("-l", leases.toString(), "-x", dir.resolve("none").toString(), "-d", "-", "-y",
                    "-t", "300ms", "--as-of", "2026-11-25T12:00:00Z", "--report", report.toString());

            assertThat(cli.exitCode).as(cli.toString()).isZero();
            assertThat(cli.out).contains("alive-1", "alive-2").doesNotContain("gone-1");
            JsonNode json = ReportJson.mapper().readTree(report.toFile());
            assertThat(json.at("/counts/unreachable").asInt()).isEqualTo(1);
            assertThat(json.at("/verification/probed").asInt()).isEqualTo(3);
            assertThat(json.at("/hosts/2/outcome").asText()).isEqualTo("unreachable");

            Cli strict = Cli.run("-l", leases.toString(), "-x", dir.resolve("none").toString(), "-d", "-", "-y",
                    "-t", "300ms", "--as-of", "2026-11-25T12:00:00Z", "--max-unreachable", "0");
            assertThat(strict.exitCode).as(strict.toString()).isEqualTo(1);
            assertThat(strict.out).as("the others are still published").contains("alive-1", "alive-2");
            assertThat(strict.err).contains("harvest failed: 1 of 3 probed hosts did not answer, more than the limit of 0");
        }
    }

    @Test
    void versionAndHelpExitZero() {
        assertThat(Cli.run("--version").exitCode).isZero();
        Cli help = Cli.run("--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("-l, --leases", "Exit codes:", "--bump-serial");
        assertThat(Files.exists(EXAMPLE_LEASES)).isTrue();
    }

    @Test
    void aConfigFileSuppliesOptionsTheCommandLineOverridesAndUnknownKeysAreNamed(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "leases: ../examples/dhcpd.leases\nreservations: ../examples/dhcpd.reservations\n"
                + "dest: \"-\"\nfilter: [compute]\nas-of: 2026-11-25T12:00:00Z\n");

        Cli fromFile = Cli.run("--config", config.toString());
        Cli overridden = Cli.run("--config", config.toString(), "-f", "head");

        assertThat(fromFile.exitCode).as(fromFile.toString()).isZero();
        assertThat(fromFile.out).contains("compute-2").doesNotContain("head-node");
        assertThat(overridden.out).contains("head-node").doesNotContain("compute-2");

        Files.writeString(config, "leases: x\nfliter: y\n");
        Cli unknown = Cli.run("--config", config.toString());
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).contains("unknown key 'fliter'");

        Files.writeString(config, "timeout: soon\nverify: true\nleases: ../examples/dhcpd.leases\ndest: \"-\"\n");
        Cli badValue = Cli.run("--config", config.toString());
        assertThat(badValue.exitCode).isEqualTo(2);
        assertThat(badValue.err).contains("'soon' is not a duration");
    }

    @Test
    void theExampleDaemonConfigurationHasOnlyKnownKeys() {
        Cli cli = Cli.run("--config", "../examples/harvester.yaml", "--help");
        assertThat(cli.exitCode).as(cli.toString()).isZero();
    }

    @Test
    void keaAndDnsmasqLeaseFilesAreRecognisedAndHarvested(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json");
        Cli kea = Cli.run("-l", "../examples/kea-leases4.csv", "-x", dir.resolve("none").toString(), "-d", "-",
                "--as-of", "2026-11-25T12:00:00Z", "--report", report.toString());
        Cli dnsmasq = Cli.run("-l", "../examples/dnsmasq.leases", "--source-format", "dnsmasq",
                "-x", dir.resolve("none").toString(), "-d", "-", "--as-of", "2026-11-25T12:00:00Z");

        assertThat(kea.exitCode).as(kea.toString()).isZero();
        assertThat(kea.out).contains("kea-node-1 ", "UNK-5254007A0014 ", "renewed ").doesNotContain("kea-node-2", "gone-already");
        assertThat(ReportJson.mapper().readTree(report.toFile()).at("/sources/0/format").asText()).isEqualTo("kea-csv");
        assertThat(dnsmasq.exitCode).as(dnsmasq.toString()).isZero();
        assertThat(dnsmasq.out).contains("dns-node-1 ", "UNK-525400D00021 ", "forever-host ").doesNotContain("expired-host");
        assertThat(dnsmasq.out).as("DHCPv6 leases as AAAA records, after the IPv4 ones")
                .containsPattern("(?s)forever-host +IN A .*\\nv6-node +IN AAAA 2001:db8:8::20 +; 52:54:00:d0:00:24\\n");
    }

    @Test
    void aConfigFileListsSeveralSourcesAndReverseFragments(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("harvester.yaml"), """
                leases:
                  - ../examples/dhcpd.leases
                  - ../examples/dnsmasq.leases
                reservations: %s
                dest: "-"
                zone: cord.lab
                reverse-dest:
                  - 6.10.in-addr.arpa=%s
                  - 8.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa=%s
                as-of: "2026-11-25T12:00:00Z"
                """.formatted(dir.resolve("none"), dir.resolve("rev4.inc"), dir.resolve("rev6.inc")));

        Cli cli = Cli.run("--config", config.toString());

        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out).contains("compute-2 ", "dns-node-1 ").containsPattern("v6-node +IN AAAA 2001:db8:8::20");
        assertThat(Files.readString(dir.resolve("rev4.inc"))).contains("11.0.6.10.in-addr.arpa.").doesNotContain("10.8.0");
        assertThat(Files.readString(dir.resolve("rev6.inc"))).contains("IN PTR v6-node.cord.lab.");
    }
}
