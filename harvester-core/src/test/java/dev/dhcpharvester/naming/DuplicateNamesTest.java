package dev.dhcpharvester.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.source.BindingState;
import dev.dhcpharvester.source.Lease;
import dev.dhcpharvester.report.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link DuplicateNames}: a name held by many hosts, a name taken by renaming before another host
 * asks for it, and every decision as the hash-table algorithm it replaced made it, on random hosts.
 */
class DuplicateNamesTest {

    @Test
    void everyHostSharingANameIsRenamedAndARenamedNameIsTakenFromLaterHosts() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            candidates.add(candidate("192.0.2." + i, String.format("52:54:00:00:00:%02x", i), "node"));
        }
        candidates.add(candidate("192.0.2.200", "52:54:00:00:00:ff", "node-525400000001")); // taken by the renaming above
        DuplicateNames.Result result = DuplicateNames.resolve(candidates);
        assertThat(result.unique()).hasSize(50).extracting(Candidate::name).doesNotHaveDuplicates()
                .allMatch(n -> n.startsWith("node-"));
        assertThat(result.duplicates()).extracting(HostResult::address).containsExactly("192.0.2.200");
    }

    private static Candidate candidate(String address, String mac, String name) {
        return new Candidate(new Lease(address, mac, "", name, null, null, BindingState.ACTIVE, false,
                new Lease.Origin("f", 1)), name, null);
    }

    /** "aan" and "ac0" have one hash code, so do all names made of them: distinct keys in one hash run. */
    private static final String[] COLLIDING = {"aan", "ac0"};

    @Test
    void decidesAsAHashTableOfNamesDidOnRandomHostsIncludingCraftedHashCollisions() {
        assertThat("aan".hashCode()).isEqualTo("ac0".hashCode());
        Random random = new Random(11);
        for (int run = 0; run < 300; run++) {
            int hosts = 1 + random.nextInt(run < 250 ? 60 : 3000);
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                String name = switch (random.nextInt(6)) {
                    case 0 -> "node";
                    case 1 -> "Node";
                    case 2 -> "node-5254000000" + String.format("%02x", random.nextInt(8)); // a renaming's result
                    case 3 -> COLLIDING[random.nextInt(2)] + "-" + COLLIDING[random.nextInt(2)] + "-" + COLLIDING[random.nextInt(2)];
                    case 4 -> "h" + random.nextInt(hosts);
                    default -> "u" + i;
                };
                String mac = random.nextInt(10) == 0 ? "" : String.format("52:54:00:00:00:%02x", random.nextInt(hosts < 40 ? 8 : 256));
                String address = random.nextBoolean() ? "192.0.2." + i % 256 + "" : "2001:db8::" + Integer.toHexString(i);
                candidates.add(candidate(address, mac, name));
            }
            for (boolean perFamily : new boolean[] {false, true}) {
                DuplicateNames.Result result = perFamily ? DuplicateNames.resolveDualStack(candidates)
                        : DuplicateNames.resolve(candidates);
                DuplicateNames.Result expected = byHashTable(candidates, perFamily);
                assertThat(result.unique()).as("run %d", run).isEqualTo(expected.unique());
                assertThat(result.duplicates()).as("run %d", run).isEqualTo(expected.duplicates());
            }
        }
    }

    @Test
    void groupsEqualKeysUnderTheFirstOfThemAmongManyWithOneHash() {
        String[] keys = {"aan", "x", "ac0", "aan", "ac0", "x", "aanaan", "ac0ac0", "aanac0", "ac0aan", "aanaan", "x"};
        assertThat(EqualKeys.firstOfEach(keys)).containsExactly(0, 1, 2, 0, 2, 1, 6, 7, 8, 9, 6, 1);
    }

    /** The decisions as the map of holders and set of taken names made them before. */
    private static DuplicateNames.Result byHashTable(List<Candidate> candidates, boolean perFamily) {
        Map<String, Integer> holders = new HashMap<>();
        for (Candidate c : candidates) {
            holders.merge(DuplicateNames.nameKey(c.name(), c.lease().address(), perFamily), 1, Integer::sum);
        }
        Set<String> taken = new HashSet<>();
        List<Candidate> unique = new ArrayList<>();
        List<HostResult> duplicates = new ArrayList<>();
        for (Candidate c : candidates) {
            String key = DuplicateNames.nameKey(c.name(), c.lease().address(), perFamily);
            int holding = holders.get(key);
            if (holding > 1 && c.lease().hasMac()) {
                c = DuplicateNames.renamed(c, holding);
                key = DuplicateNames.nameKey(c.name(), c.lease().address(), perFamily);
            }
            if (taken.add(key)) {
                unique.add(c);
            } else {
                duplicates.add(c.result(Outcome.DUPLICATE, "name '" + c.name() + "' is already published for another address"));
            }
        }
        return new DuplicateNames.Result(unique, duplicates);
    }
}
