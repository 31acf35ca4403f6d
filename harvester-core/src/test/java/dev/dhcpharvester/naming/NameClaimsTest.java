package dev.dhcpharvester.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.source.Addresses;
import dev.dhcpharvester.source.BindingState;
import dev.dhcpharvester.source.Lease;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Name claims kept across harvests decide as {@link DuplicateNames} does over all candidates:
 * after any sequence of hosts coming, going and changing names, every host's fate is the one a
 * fresh resolution of the same candidates gives.
 */
class NameClaimsTest {

    /** Few names, so that they collide: case variants, and names equal to another host's renamed one. */
    private static final String[] NAMES = {"node", "NODE", "web", "node-525400000001", "node-525400000002", "db",
        "web-525400000003"};

    @Property(tries = 200)
    void claimsKeptAcrossChangesDecideAsAFreshResolution(@ForAll long seed, @ForAll boolean perFamily,
            @ForAll @IntRange(min = 1, max = 60) int steps) {
        Random random = new Random(seed);
        NameClaims claims = new NameClaims(perFamily);
        Map<String, Candidate> current = new TreeMap<>(Addresses.ORDER);
        Map<String, NameClaims.Resolution> decided = new HashMap<>();
        for (int step = 0; step < steps; step++) {
            for (int k = random.nextInt(4); k >= 0; k--) {
                String address = random.nextInt(4) == 0 ? "2001:db8::" + random.nextInt(8) : "192.0.2." + random.nextInt(12);
                Candidate candidate = random.nextInt(5) == 0 ? null : candidate(random, address);
                if (candidate == null) {
                    current.remove(address);
                } else {
                    current.put(address, candidate);
                }
                claims.put(address, candidate);
            }
            claims.settle().forEach((address, resolution) -> {
                if (resolution == null) {
                    decided.remove(address);
                } else {
                    decided.put(address, resolution);
                }
            });
            assertThat(decided.keySet()).containsExactlyInAnyOrderElementsOf(current.keySet());

            DuplicateNames.Result fresh = perFamily ? DuplicateNames.resolveDualStack(new ArrayList<>(current.values()))
                    : DuplicateNames.resolve(new ArrayList<>(current.values()));
            for (Candidate unique : fresh.unique()) {
                assertThat(decided.get(unique.lease().address()).unique()).as("step %d", step).isEqualTo(unique);
            }
            for (HostResult duplicate : fresh.duplicates()) {
                assertThat(decided.get(duplicate.address()).duplicate()).as("step %d", step).isEqualTo(duplicate);
            }
        }
    }

    private static Candidate candidate(Random random, String address) {
        String mac = random.nextInt(6) == 0 ? "" : String.format("52:54:00:00:00:%02x", 1 + random.nextInt(4));
        Lease lease = new Lease(address, mac, "", "", null, null, BindingState.ACTIVE, false,
                new Lease.Origin("dhcpd.leases", random.nextInt(100)));
        return new Candidate(lease, NAMES[random.nextInt(NAMES.length)], random.nextBoolean() ? null : "client sent no name");
    }

    @Property(tries = 20)
    void aLoneHostKeepsItsNameAndASharedOneGetsItsMac(@ForAll @IntRange(min = 2, max = 5) int sharing) {
        NameClaims claims = new NameClaims(true);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < sharing; i++) {
            addresses.add("192.0.2." + (10 + i));
            claims.put(addresses.get(i), new Candidate(new Lease(addresses.get(i), "52:54:00:00:00:0" + i, "", "web", null,
                    null, BindingState.ACTIVE, false, new Lease.Origin("f", 1)), "web", null));
        }
        Map<String, NameClaims.Resolution> first = claims.settle();
        assertThat(first.get("192.0.2.10").unique().name()).isEqualTo("web-525400000000");
        for (int i = 1; i < sharing; i++) {
            claims.put(addresses.get(i), null);
        }
        Map<String, NameClaims.Resolution> second = claims.settle();
        assertThat(second.get("192.0.2.10").unique().name()).as("the others left: its name is its own again").isEqualTo("web");
    }
}
