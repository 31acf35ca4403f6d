package dev.dhcpharvester.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.publication.ddns.Dhcid;
import dev.dhcpharvester.source.BindingState;
import dev.dhcpharvester.source.Lease;
import dev.dhcpharvester.testing.LeaseFileWriter;
import dev.dhcpharvester.testing.NamedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Type;

/** --mode ddns end to end: the CLI harvests a lease file into a real named's update-enabled zones. */
class DdnsModeAgainstBindTest {

    @TempDir
    Path dir;
    NamedServer named;
    Path leases;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        named = NamedServer.start(dir);
        leases = new LeaseFileWriter()
                .active("192.0.2.31", "52:54:00:00:00:31", "web-1")
                .active("192.0.2.32", "52:54:00:00:00:32", "web-2")
                .writeTo(dir.resolve("dhcpd.leases"));
    }

    @AfterEach
    void stop() {
        if (named != null) {
            named.close();
        }
    }

    Cli harvest(Path key, String... extra) {
        List<String> args = new ArrayList<>(List.of("-l", leases.toString(), "-x", dir.resolve("none").toString(),
                "--mode", "ddns", "-z", "ddns.test", "--reverse-zone", "2.0.192.in-addr.arpa",
                "--dns-server", "127.0.0.1:" + named.dnsPort(), "--tsig-key", key.toString(),
                "--ddns-state", dir.resolve("state.json").toString(), "--as-of", "2026-11-25T12:00:00Z"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }


    @Test
    void harvestedHostsResolveWithTheirDhcidAndAnUnchangedRunSendsNothing() throws Exception {
        Cli first = harvest(named.tsigKeyFile());
        Cli second = harvest(named.tsigKeyFile());

        assertThat(first.exitCode).as(first.toString()).isZero();
        assertThat(first.out).contains("dynamic DNS: 2 added");
        assertThat(named.addresses("web-1.ddns.test.")).containsExactly("192.0.2.31");
        Lease lease = new Lease("192.0.2.32", "52:54:00:00:00:32", "", "web-2", null, null, BindingState.ACTIVE, false,
                new Lease.Origin("f", 1));
        assertThat(named.query("web-2.ddns.test.", Type.DHCID)).singleElement().satisfies(r -> assertThat(
                ((DHCIDRecord) r).getData()).isEqualTo(Dhcid.forLease(lease, "web-2.ddns.test")));
        assertThat(named.query("web-2.ddns.test.", Type.A)).singleElement()
                .satisfies(r -> assertThat(r.getTTL()).as("a third of the 12 h lease").isEqualTo(14_400));
        assertThat(second.exitCode).isZero();
        assertThat(second.out).contains("2 unchanged", "0 updates sent");
    }

    @Test
    void dhcpv6LeasesBecomeAaaaRecordsWithDuidDhcidsAndIp6ArpaPointers() throws Exception {
        Path kea6 = dir.resolve("kea-leases6.csv");
        Files.writeString(kea6, """
                address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state
                2001:db8:6::a,00:03:00:01:52:54:00:00:06:0a,43200,1795629600,1,3000,0,1,128,0,0,six-a.ddns.test.,,0
                2001:db8:6::b,00:02:00:00:09:bf:01:02,43200,1795629600,1,3000,0,1,128,0,0,six-b,,0
                """);
        leases = kea6;

        Cli cli = harvest(named.tsigKeyFile(), "--reverse-zone", "8.b.d.0.1.0.0.2.ip6.arpa");

        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out).contains("dynamic DNS: 2 added");
        assertThat(named.addresses6("six-a.ddns.test.")).containsExactly("2001:db8:6::a");
        assertThat(named.addresses6("six-b.ddns.test.")).containsExactly("2001:db8:6::b");
        assertThat(named.addresses("six-a.ddns.test.")).isEmpty();
        Lease six = new Lease("2001:db8:6::b", "", "0002000009bf0102", "six-b", null, null, BindingState.ACTIVE, false,
                new Lease.Origin("f", 1));
        assertThat(named.query("six-b.ddns.test.", Type.DHCID)).singleElement().satisfies(r -> assertThat(
                ((DHCIDRecord) r).getData()).as("RFC 4701 identifier type 2: the DUID").isEqualTo(Dhcid.forLease(six, "six-b.ddns.test")));
        assertThat(named.pointers(dev.dhcpharvester.source.Ipv6.reverseName("2001:db8:6::a"))).containsExactly("six-a.ddns.test.");
    }

    @Test
    void aSourceThatCannotBeReadKeepsItsNamesWhileTheOtherSourcesChangesAreSent() throws Exception {
        Path kea6 = dir.resolve("kea-leases6.csv");
        Files.writeString(kea6, """
                address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state
                2001:db8:6::a,00:03:00:01:52:54:00:00:06:0a,43200,1795629600,1,3000,0,1,128,0,0,six-a,,0
                """);
        Cli first = harvest(named.tsigKeyFile(), "-l", kea6.toString());
        assertThat(first.exitCode).as(first.toString()).isZero();
        assertThat(first.out).contains("dynamic DNS: 3 added");

        Files.writeString(kea6, "address,duid,valid_lifetime\n2001:db8:6::a,00:03\n"); // a truncated file
        new LeaseFileWriter().active("192.0.2.31", "52:54:00:00:00:31", "web-1").writeTo(leases); // web-2 gone
        Cli second = harvest(named.tsigKeyFile(), "-l", kea6.toString());

        assertThat(second.exitCode).as(second.toString()).isEqualTo(2);
        assertThat(second.err).contains("1 of 2 lease sources could not be read", "1 hosts of the failed kept", "1 removed");
        assertThat(named.addresses("web-2.ddns.test.")).as("the readable source's change is sent").isEmpty();
        assertThat(named.addresses("web-1.ddns.test.")).containsExactly("192.0.2.31");
        assertThat(named.addresses6("six-a.ddns.test.")).as("the failed source's name is left alone").containsExactly("2001:db8:6::a");
    }

    @Test
    void aWrongKeyIsExitOneWithTheServersAnswerAndAMissingKeyFileIsBadInput() throws Exception {
        Path wrong = dir.resolve("wrong.key");
        Files.writeString(wrong, "key \"" + NamedServer.TSIG_KEY_NAME + "\" { algorithm hmac-sha512; secret \"AAAAAAAAAAAAAAAAAAAAAA==\"; };\n");

        Cli bad = harvest(wrong);
        Cli missing = harvest(dir.resolve("nope.key"));

        assertThat(bad.exitCode).as(bad.toString()).isEqualTo(1);
        assertThat(bad.err.strip().lines()).singleElement().asString()
                .startsWith("harvest failed: 2 names not updated").contains("NOTAUTH");
        assertThat(named.addresses("web-1.ddns.test.")).isEmpty();
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("nope.key: no such file; check --tsig-key");
    }

    @Test
    void dryRunPrintsTheChangesAndSendsNothing() throws Exception {
        Cli dry = harvest(named.tsigKeyFile(), "--dry-run");

        assertThat(dry.exitCode).as(dry.toString()).isZero();
        assertThat(dry.out).contains("add web-1.ddns.test A 192.0.2.31", "add web-2.ddns.test A 192.0.2.32",
                "dry run: 2 would be added, 0 replaced, 0 removed, 0 unchanged; nothing sent");
        assertThat(named.addresses("web-1.ddns.test.")).isEmpty();
        assertThat(Files.exists(dir.resolve("state.json"))).isFalse();
    }

    @Test
    void aCycleThatWouldRemoveMostNamesIsRefusedUnlessForced() throws Exception {
        LeaseFileWriter many = new LeaseFileWriter();
        for (int i = 1; i <= 12; i++) {
            many.active("192.0.2." + (50 + i), String.format("52:54:00:00:00:%02x", 50 + i), "many-" + i);
        }
        many.writeTo(leases);
        assertThat(harvest(named.tsigKeyFile()).exitCode).isZero();
        new LeaseFileWriter().active("192.0.2.51", "52:54:00:00:00:33", "many-1").writeTo(leases);

        Cli refused = harvest(named.tsigKeyFile());
        Cli forced = harvest(named.tsigKeyFile(), "--force");

        assertThat(refused.exitCode).isEqualTo(1);
        assertThat(refused.err).contains("refusing to remove 11 of the 12 names", "--force");
        assertThat(forced.exitCode).as(forced.toString()).isZero();
        assertThat(named.addresses("many-7.ddns.test.")).isEmpty();
    }

    @Test
    void withoutDhcidModeWritesNoDhcidRecords() throws Exception {
        Cli cli = harvest(named.tsigKeyFile(), "--conflict-mode", "no-check-without-dhcid");

        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(named.addresses("web-1.ddns.test.")).containsExactly("192.0.2.31");
        assertThat(named.query("web-1.ddns.test.", Type.DHCID)).isEmpty();
    }

    @Test
    void perZoneServersAndReverseZonesDerivedFromTheAddresses() throws Exception {
        Cli cli = Cli.run("-l", leases.toString(), "-x", dir.resolve("none").toString(), "--mode", "ddns",
                "--forward-zone", "ddns.test", "--dns-server", "ddns.test=127.0.0.1:" + named.dnsPort(),
                "--tsig-key", named.tsigKeyFile().toString(), "--ddns-state", dir.resolve("s.json").toString(),
                "--as-of", "2026-11-25T12:00:00Z");
        Cli noServer = Cli.run("-l", leases.toString(), "--mode", "ddns", "--forward-zone", "ddns.test",
                "--dns-server", "other.test=127.0.0.1", "--as-of", "2026-11-25T12:00:00Z");

        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(named.addresses("web-2.ddns.test.")).containsExactly("192.0.2.32");
        assertThat(named.query("32.2.0.192.in-addr.arpa.", Type.PTR)).as("PTR in the derived /24 zone").hasSize(1);
        assertThat(noServer.exitCode).isEqualTo(2);
        assertThat(noServer.err).contains("zone ddns.test has no server");
    }
}
