package dev.dhcpharvester.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.source.BindingState;
import dev.dhcpharvester.source.Lease;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DuplicateNames}: a name held by many hosts, and a name taken by renaming before another host asks for it. */
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
}
