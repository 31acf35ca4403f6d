package dev.dhcpharvester.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import dev.dhcpharvester.source.BindingState;
import dev.dhcpharvester.source.Lease;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NamingTest {

    static Lease lease(String address, String mac, String name) {
        return new Lease(address, mac, "", name, null, null, BindingState.ACTIVE, false, new Lease.Origin("f", 1));
    }

    @Test
    void withNoIncludeOrFilterEveryHostIsPublished() {
        Naming.Result result = new Naming(NamePolicy.ALL).apply(List.of(lease("10.0.0.1", "00:00:00:00:00:01", "a"),
                lease("10.0.0.2", "00:00:00:00:00:02", "b")));
        assertThat(result.candidates()).extracting(Candidate::name).containsExactly("a", "b");
    }

    @Test
    void includeNamesAndFiltersMatchingAtTheStartSelectAndExcludesRemove() {
        NamePolicy policy = new NamePolicy(List.of("Head"), List.of(Pattern.compile("compute"), Pattern.compile("^(?!cord)")),
                List.of(Pattern.compile("compute-9")));
        assertThat(policy.rejection("head")).as("include is case-insensitive").isEmpty();
        assertThat(policy.rejection("compute-1")).isEmpty();
        assertThat(policy.rejection("compute-99")).contains("matches --exclude 'compute-9'");
        assertThat(policy.rejection("cord-switch")).contains("not in --include and matches no --filter");
        assertThat(policy.rejection("my-compute")).as("matched at the start, as re.match")
                .isEmpty(); // '^(?!cord)' selects everything not starting with cord
        NamePolicy strict = new NamePolicy(List.of(), List.of(Pattern.compile("compute")), List.of());
        assertThat(strict.rejection("my-compute")).isPresent();
    }

    @Test
    void forDynamicDnsAHostWithoutClientIdentityIsRejectedAndTheOthersGoOn() {
        List<Lease> leases = List.of(lease("10.0.0.1", "", "nomac"), lease("10.0.0.2", "00:00:00:00:00:02", "b"));
        Naming.Result result = new Naming(NamePolicy.ALL, "cord.lab", true).apply(leases);
        assertThat(result.candidates()).extracting(Candidate::name).containsExactly("b");
        assertThat(result.setAside()).singleElement().satisfies(h -> {
            assertThat(h.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(h.reason()).isEqualTo("its lease has neither a client identifier nor a hardware address,"
                    + " so no DHCID can mark the name as its client's (RFC 4701)");
        });
        assertThat(new Naming(NamePolicy.ALL, "cord.lab").apply(leases).candidates()).hasSize(2); // a fragment needs none
    }

    @Test
    void aLeaseWithoutANameIsNamedAfterItsMac() {
        Naming.Result result = new Naming(NamePolicy.ALL).apply(List.of(lease("10.0.0.1", "52:54:00:12:34:10", "")));
        assertThat(result.candidates()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("UNK-525400123410");
            assertThat(c.published().outcome()).isEqualTo(Outcome.RENAMED);
        });
    }

    @Test
    void rejectedAndFilteredHostsAreSetAsideWithReasons() {
        NamePolicy policy = new NamePolicy(List.of(), List.of(), List.of(Pattern.compile("printer")));
        Naming.Result result = new Naming(policy).apply(List.of(lease("10.0.0.1", "00:00:00:00:00:01", "bad;name"),
                lease("10.0.0.2", "00:00:00:00:00:02", "printer-2"), lease("10.0.0.3", "", "")));
        assertThat(result.candidates()).isEmpty();
        assertThat(result.setAside()).extracting(HostResult::address, HostResult::outcome).containsExactly(
                tuple("10.0.0.1", Outcome.REJECTED), tuple("10.0.0.2", Outcome.FILTERED),
                tuple("10.0.0.3", Outcome.REJECTED));
    }

    @Test
    void aNameHeldByTwoAddressesGetsTheMacAppendedComparedWithoutCase() {
        List<Candidate> candidates = new Naming(NamePolicy.ALL).apply(List.of(
                lease("10.0.0.1", "52:54:00:00:00:01", "node"), lease("10.0.0.2", "52:54:00:00:00:02", "NODE"),
                lease("10.0.0.3", "52:54:00:00:00:03", "other"))).candidates();

        DuplicateNames.Result result = DuplicateNames.resolve(candidates);

        assertThat(result.unique()).extracting(Candidate::name)
                .containsExactly("node-525400000001", "NODE-525400000002", "other");
        assertThat(result.duplicates()).isEmpty();
    }

    @Test
    void aDualStackNameKeepsAnIpv4AndAnIpv6AddressInAFragmentButNotInDynamicDns() {
        List<Candidate> candidates = new Naming(NamePolicy.ALL).apply(List.of(
                lease("10.0.0.1", "52:54:00:00:00:01", "node"), lease("2001:db8::1", "52:54:00:00:00:01", "node"),
                lease("2001:db8::2", "52:54:00:00:00:02", "node"))).candidates();

        assertThat(DuplicateNames.resolveDualStack(candidates).unique()).extracting(Candidate::name)
                .as("names compared within each family: the two IPv6 holders are told apart by MAC")
                .containsExactly("node", "node-525400000001", "node-525400000002");
        assertThat(DuplicateNames.resolve(candidates).unique()).extracting(Candidate::name)
                .as("one address per name in dynamic DNS (RFC 4703)")
                .containsExactly("node-525400000001", "node-525400000002");
        assertThat(DuplicateNames.resolve(candidates).duplicates()).extracting(HostResult::address)
                .as("the same MAC on both families: the second is a duplicate").containsExactly("2001:db8::1");
    }

    @Test
    void theSameMacOnTwoAddressesWithOneNameLeavesTheSecondOutAsDuplicate() {
        List<Candidate> candidates = new Naming(NamePolicy.ALL).apply(List.of(
                lease("10.0.0.1", "52:54:00:00:00:01", "node"), lease("10.0.0.2", "52:54:00:00:00:01", "node")))
                .candidates();

        DuplicateNames.Result result = DuplicateNames.resolve(candidates);

        assertThat(result.unique()).extracting(Candidate::name).containsExactly("node-525400000001");
        assertThat(result.duplicates()).singleElement().extracting(HostResult::address, HostResult::outcome)
                .containsExactly("10.0.0.2", Outcome.DUPLICATE);
    }

    @Test
    void aLongNameIsShortenedToFitTheMacSuffixWithinALabel() {
        String long60 = "n".repeat(60);
        List<Candidate> candidates = new Naming(NamePolicy.ALL).apply(List.of(
                lease("10.0.0.1", "52:54:00:00:00:01", long60), lease("10.0.0.2", "52:54:00:00:00:02", long60)))
                .candidates();

        assertThat(DuplicateNames.resolve(candidates).unique()).allSatisfy(c -> {
            assertThat(c.name()).hasSize(63);
            assertThat(HostnameSanitizer.isValidLabel(c.name())).isTrue();
        });
    }

    @Test
    void aNameQualifiedInTheZoneIsPublishedRelativeToItAndOneInAnotherZoneIsRejected() {
        Naming.Result result = new Naming(NamePolicy.ALL, "cord.lab.").apply(List.of(
                lease("10.0.0.1", "52:54:00:00:00:01", "node-1.cord.lab."),
                lease("10.0.0.2", "52:54:00:00:00:02", "NODE-2.Cord.Lab"),
                lease("10.0.0.3", "52:54:00:00:00:03", "intruder.other.org"),
                lease("10.0.0.4", "52:54:00:00:00:04", "deep.sub.cord.lab"),
                lease("10.0.0.5", "52:54:00:00:00:05", "plain")));

        assertThat(result.candidates()).extracting(Candidate::name, Candidate::renameReason).containsExactly(
                tuple("node-1", null), tuple("NODE-2", null),
                tuple("deep", "repaired: kept the first label of a qualified name"), tuple("plain", null));
        assertThat(result.setAside()).singleElement().satisfies(h -> {
            assertThat(h.address()).isEqualTo("10.0.0.3");
            assertThat(h.reason()).isEqualTo("qualified name outside the zone cord.lab");
        });
    }
}
