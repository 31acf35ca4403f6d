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

    @Property(tries = 100)
    void aKeptFragmentRendersAsAFreshOneAndCountsItsRemovals(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 30) int steps) {
        Random random = new Random(seed);
        Map<String, PublishedHost> hosts = new TreeMap<>(Addresses.ORDER);
        for (int k = random.nextBoolean() ? 0 : random.nextInt(3000); k > 0; k--) { // runs of several hundred lines
            String address = "10.0." + random.nextInt(16) + "." + random.nextInt(256);
            hosts.put(address, new PublishedHost("n" + k, address, "52:54:00:00:00:02"));
        }
        ForwardFragment fragment = hosts.isEmpty() ? ForwardFragment.empty()
                : ForwardFragment.of(new ArrayList<>(hosts.values()));
        for (int step = 0; step < steps; step++) {
            Map<String, PublishedHost> before = new TreeMap<>(hosts);
            Map<String, PublishedHost> changes = new HashMap<>();
            for (int k = random.nextInt(6); k >= 0; k--) {
                String address = random.nextInt(3) == 0 ? "2001:db8::" + Integer.toHexString(random.nextInt(300))
                        : "10.0." + random.nextInt(16) + "." + random.nextInt(256);
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
            byte[] expected = ZoneFragments.forward(new ArrayList<>(hosts.values()));
            assertThat(new String(fragment.bytes())).isEqualTo(new String(expected));
            assertThat(fragment.contentEquals(expected)).isTrue();
            assertThat(fragment.contentEquals(older)).isEqualTo(java.util.Arrays.equals(older.bytes(), expected));
            byte[] altered = expected.clone();
            altered[random.nextInt(altered.length)] ^= 1;
            assertThat(fragment.contentEquals(altered)).isFalse();
            assertThat(fragment.contentEquals(java.util.Arrays.copyOf(expected, expected.length - 1))).isFalse();
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
