package dev.dhcpharvester.publication.ddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.testing.NamedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Type;

/** Dynamic updates with TSIG and DHCID checks against a real named with update-enabled zones. */
class DdnsPublisherAgainstBindTest {

    @TempDir
    Path dir;
    NamedServer named;
    DdnsPublisher publisher;
    Path state;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        named = NamedServer.start(dir);
        publisher = publisher(named.tsigKeyFile(), List.of(new DnsServer("127.0.0.1", named.dnsPort())));
    }

    DdnsPublisher publisher(Path keyFile, List<DnsServer> servers) throws Exception {
        state = dir.resolve("ddns-state.json");
        return publisher(keyFile, servers, state);
    }

    DdnsPublisher publisher(Path keyFile, List<DnsServer> servers, Path stateFile) throws Exception {
        DdnsPublisher.Options options = new DdnsPublisher.Options(
                List.of(new DdnsZone(Name.fromString("ddns.test."), servers)),
                List.of(new DdnsZone(Name.fromString("2.0.192.in-addr.arpa."), servers)), stateFile);
        return new DdnsPublisher(options, new UpdateSender(TsigKeyFile.read(keyFile).get(0).signer(), Duration.ofSeconds(3)));
    }

    @AfterEach
    void stop() {
        if (named != null) {
            named.close();
        }
    }

    static DdnsHost host(String name, String address, String mac) {
        byte[] identifier = HexFormat.of().parseHex("01" + mac.replace(":", ""));
        String fqdn = name + ".ddns.test";
        return new DdnsHost(fqdn, address, Dhcid.rdata(Dhcid.HARDWARE_ADDRESS, identifier, fqdn), 300);
    }


    @Test
    void namesResolveWithDhcidAndPtrAndAnUnchangedCycleSendsNothing() throws Exception {
        DdnsHost one = host("node-1", "192.0.2.11", "52:54:00:00:00:11");
        DdnsHost two = host("node-2", "192.0.2.12", "52:54:00:00:00:12");

        DdnsPublisher.Result first = publisher.publish(List.of(one, two));
        DdnsPublisher.Result second = publisher.publish(List.of(one, two));

        assertThat(first.count("added")).as(first.toString()).isEqualTo(2);
        assertThat(first.updatesSent()).as("one forward and one reverse message for both").isEqualTo(2);
        assertThat(named.addresses("node-1.ddns.test.")).containsExactly("192.0.2.11");
        assertThat(named.query("node-1.ddns.test.", Type.DHCID)).singleElement()
                .satisfies(r -> assertThat(((DHCIDRecord) r).getData()).isEqualTo(one.dhcid()));
        assertThat(named.query("12.2.0.192.in-addr.arpa.", Type.PTR)).singleElement()
                .satisfies(r -> assertThat(((PTRRecord) r).getTarget().toString()).isEqualTo("node-2.ddns.test."));
        assertThat(second.count("unchanged")).isEqualTo(2);
        assertThat(second.updatesSent()).isZero();
    }

    /** A daemon makes a publisher per harvest: the next one goes on from the state as written, or as edited since. */
    @Test
    void theNextHarvestsPublisherSeesTheStateAsWrittenOrAsEditedSince() throws Exception {
        DdnsHost one = host("node-1", "192.0.2.11", "52:54:00:00:00:11");
        DdnsHost two = host("node-2", "192.0.2.12", "52:54:00:00:00:12");
        publisher.publish(List.of(one, two));

        DdnsPublisher.Result unchanged = publisher(named.tsigKeyFile(), List.of(new DnsServer("127.0.0.1", named.dnsPort())))
                .publish(List.of(one, two));
        assertThat(unchanged.count("unchanged")).as(unchanged.toString()).isEqualTo(2);
        assertThat(unchanged.updatesSent()).isZero();

        // someone removes node-2 from the state file (a new file, as an editor or restore writes it)
        String edited = Files.readString(state).replaceAll("(?s),?\\s*\"node-2\\.ddns\\.test\\.\"\\s*:\\s*\\{[^}]*\\}", "");
        assertThat(edited).doesNotContain("node-2");
        Path replacement = dir.resolve("edited.json");
        Files.writeString(replacement, edited);
        Files.move(replacement, state, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        DdnsPublisher.Result afterEdit = publisher(named.tsigKeyFile(), List.of(new DnsServer("127.0.0.1", named.dnsPort())))
                .publish(List.of(one, two));
        assertThat(afterEdit.count("unchanged")).as(afterEdit.toString()).isEqualTo(1);
        assertThat(afterEdit.count("added") + afterEdit.count("replaced") + afterEdit.count("conflict"))
                .as("node-2 is no longer known as published: it is sent again").isEqualTo(1);
    }

    @Test
    void aMovedHostIsReplacedAndAnEndedLeaseRemovesItsRecords() throws Exception {
        publisher.publish(List.of(host("node-1", "192.0.2.11", "52:54:00:00:00:11"), host("node-2", "192.0.2.12", "52:54:00:00:00:12")));

        DdnsPublisher.Result moved = publisher.publish(List.of(host("node-1", "192.0.2.21", "52:54:00:00:00:11")));

        assertThat(moved.count("replaced")).as(moved.toString()).isEqualTo(1);
        assertThat(moved.count("removed")).isEqualTo(1);
        assertThat(named.addresses("node-1.ddns.test.")).containsExactly("192.0.2.21");
        assertThat(named.query("11.2.0.192.in-addr.arpa.", Type.PTR)).as("old PTR gone").isEmpty();
        assertThat(named.addresses("node-2.ddns.test.")).isEmpty();
        assertThat(named.query("node-2.ddns.test.", Type.DHCID)).as("DHCID gone with the name").isEmpty();
        assertThat(named.query("12.2.0.192.in-addr.arpa.", Type.PTR)).isEmpty();
    }

    @Test
    void aStaticRecordOrAnotherClientsNameIsNeverTouched() throws Exception {
        DdnsPublisher.Result clash = publisher.publish(List.of(host("static", "192.0.2.13", "52:54:00:00:00:13")));
        assertThat(clash.count("conflict")).as(clash.toString()).isEqualTo(1);
        assertThat(named.addresses("static.ddns.test.")).containsExactly("192.0.2.250");

        // another client's name, published by someone else (its own state): not ours to take
        publisher(named.tsigKeyFile(), List.of(new DnsServer("127.0.0.1", named.dnsPort())), dir.resolve("other.json"))
                .publish(List.of(host("shared", "192.0.2.14", "52:54:00:00:00:14")));
        DdnsPublisher.Result other = publisher.publish(List.of(host("shared", "192.0.2.15", "52:54:00:00:00:99")));
        assertThat(other.count("conflict")).as(other.toString()).isEqualTo(1);
        assertThat(named.addresses("shared.ddns.test.")).containsExactly("192.0.2.14");
    }

    @Test
    void aNameThisHarvesterPublishedPassesToTheNextClientThatClaimsIt() throws Exception {
        publisher.publish(List.of(host("reused", "192.0.2.14", "52:54:00:00:00:14")));
        // the first client's lease ended and a new one (a new NIC, a reinstalled host) asks for the name
        DdnsHost next = host("reused", "192.0.2.15", "52:54:00:00:00:99");
        DdnsPublisher.Result handed = publisher.publish(List.of(next));

        assertThat(handed.count("replaced")).as(handed.toString()).isEqualTo(1);
        assertThat(named.addresses("reused.ddns.test.")).containsExactly("192.0.2.15");
        assertThat(named.query("reused.ddns.test.", Type.DHCID)).singleElement()
                .satisfies(r -> assertThat(((DHCIDRecord) r).getData()).isEqualTo(next.dhcid()));
        assertThat(named.query("14.2.0.192.in-addr.arpa.", Type.PTR)).as("old PTR gone").isEmpty();
        assertThat(named.pointers("15.2.0.192.in-addr.arpa.")).containsExactly("reused.ddns.test.");
        assertThat(publisher.publish(List.of(next)).count("unchanged")).isEqualTo(1);
    }

    @Test
    void theFirstServerDownTheSecondTakesTheUpdates() throws Exception {
        DdnsPublisher failover = publisher(named.tsigKeyFile(),
                List.of(new DnsServer("127.0.0.1", 9), new DnsServer("127.0.0.1", named.dnsPort())));

        DdnsPublisher.Result result = failover.publish(List.of(host("node-9", "192.0.2.19", "52:54:00:00:00:19")));

        assertThat(result.count("added")).as(result.toString()).isEqualTo(1);
        assertThat(named.addresses("node-9.ddns.test.")).containsExactly("192.0.2.19");
    }

    @Test
    void aWrongKeyFailsWithTheServersAnswerAndLeavesTheZoneAndStateAlone() throws Exception {
        Path wrong = dir.resolve("wrong.key");
        Files.writeString(wrong, "key \"" + NamedServer.TSIG_KEY_NAME + "\" { algorithm hmac-sha512; secret \""
                + Base64.getEncoder().encodeToString(new byte[64]) + "\"; };\n");
        DdnsPublisher bad = publisher(wrong, List.of(new DnsServer("127.0.0.1", named.dnsPort())));

        DdnsPublisher.Result result = bad.publish(List.of(host("node-3", "192.0.2.13", "52:54:00:00:00:13")));

        assertThat(result.count("failed")).isEqualTo(1);
        assertThat(result.outcomes().get(0).detail()).contains("NOTAUTH").contains("tried again next cycle");
        assertThat(named.addresses("node-3.ddns.test.")).isEmpty();
        assertThat(Files.exists(state)).isFalse();
    }

    @Test
    void aBatchWithOneNameInUseStillAddsTheOthersAndLeavesThatOneAlone() throws Exception {
        List<DdnsHost> hosts = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            hosts.add(host("bulk-" + i, "192.0.2." + (100 + i), String.format("52:54:00:00:01:%02x", i)));
        }
        hosts.add(15, host("static", "192.0.2.99", "52:54:00:00:01:99"));

        DdnsPublisher.Result result = publisher.publish(hosts);

        assertThat(result.count("added")).as(result.toString()).isEqualTo(30);
        assertThat(result.count("conflict")).isEqualTo(1);
        assertThat(named.addresses("bulk-30.ddns.test.")).containsExactly("192.0.2.130");
        assertThat(named.addresses("static.ddns.test.")).containsExactly("192.0.2.250");
        assertThat(named.query("130.2.0.192.in-addr.arpa.", Type.PTR)).hasSize(1);
    }

    @Test
    void twoOwnersInOneZoneDoNotDeleteEachOthersRecords() throws Exception {
        DdnsPublisher siteA = publisher;
        Path stateA = state;
        DdnsPublisher siteB = publisher(named.tsigKeyFile(), List.of(new DnsServer("127.0.0.1", named.dnsPort())),
                dir.resolve("ddns-state-site-b.json"));
        siteA.publish(List.of(host("a-1", "192.0.2.61", "52:54:00:00:00:61")));
        siteB.publish(List.of(host("b-1", "192.0.2.62", "52:54:00:00:00:62")));

        DdnsPublisher.Result aEmptied = siteA.publish(List.of());
        DdnsPublisher.Result bKeeps = siteB.publish(List.of(host("b-1", "192.0.2.62", "52:54:00:00:00:62")));

        assertThat(aEmptied.count("removed")).as(aEmptied.toString()).isEqualTo(1);
        assertThat(named.addresses("a-1.ddns.test.")).isEmpty();
        assertThat(named.addresses("b-1.ddns.test.")).containsExactly("192.0.2.62");
        assertThat(bKeeps.count("unchanged")).isEqualTo(1);
        assertThat(stateA).exists();
    }
}
