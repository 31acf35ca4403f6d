package dev.dhcpharvester.publication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.source.Addresses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A fragment kept across harvests renders what {@link ZoneFragments#forward} renders for the same hosts. */
class ForwardFragmentTest {

    @Property(tries = 200)
    void aKeptFragmentRendersAsAFreshOneAndCountsItsRemovals(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 30) int steps) {
        Random random = new Random(seed);
        Map<String, PublishedHost> hosts = new TreeMap<>(Addresses.ORDER);
        ForwardFragment fragment = ForwardFragment.empty();
        for (int step = 0; step < steps; step++) {
            Map<String, PublishedHost> before = new TreeMap<>(hosts);
            Map<String, PublishedHost> changes = new HashMap<>();
            for (int k = random.nextInt(6); k >= 0; k--) {
                String address = random.nextInt(3) == 0 ? "2001:db8::" + Integer.toHexString(random.nextInt(300))
                        : "10.0." + random.nextInt(3) + "." + random.nextInt(256);
                PublishedHost host = random.nextInt(4) == 0 ? null : new PublishedHost(
                        "h".repeat(1 + random.nextInt(20)) + (random.nextBoolean() ? "X" : "x"), address,
                        random.nextInt(5) == 0 ? "" : "52:54:00:00:00:01");
                changes.put(address, host);
                if (host == null) {
                    hosts.remove(address);
                } else {
                    hosts.put(address, host);
                }
            }
            ForwardFragment older = fragment;
            fragment = fragment.with(changes);
            assertThat(new String(fragment.bytes())).isEqualTo(new String(ZoneFragments.forward(new ArrayList<>(hosts.values()))));
            assertThat(fragment.hosts()).containsExactlyElementsOf(hosts.values());
            int removed = 0;
            for (PublishedHost old : before.values()) {
                PublishedHost now = hosts.get(old.address());
                removed += now != null && now.name().toLowerCase(Locale.ROOT).equals(old.name().toLowerCase(Locale.ROOT)) ? 0 : 1;
            }
            assertThat(fragment.removedSince(older)).isEqualTo(removed);
        }
    }

    @Property(tries = 5)
    void anEmptyFragmentIsTheHeaderAlone(@ForAll boolean unused) {
        assertThat(ForwardFragment.empty().bytes()).isEqualTo(ZoneFragments.forward(List.of()));
    }
}
