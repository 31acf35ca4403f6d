package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Versions made by changing a few addresses hold what a sorted map holds, and share every run
 * that holds no change with the version they were made from.
 */
class AddressOrderedTest {

    /** An item: an address and a version tag, so that a replaced item differs from the one it replaces. */
    record Item(String address, int tag) {
    }

    static String address(Random random) {
        int n = random.nextInt(4000);
        return random.nextInt(10) == 0 ? "2001:db8::" + Integer.toHexString(n) : "10." + (n >> 8) + "." + (n & 255) + ".1";
    }

    @Property(tries = 15)
    void versionsHoldWhatASortedMapHoldsAndShareTheRunsTheyDoNotChange(@ForAll long seed) {
        Random random = new Random(seed);
        TreeMap<String, Item> model = new TreeMap<>(Addresses.ORDER);
        for (int i = random.nextInt(3000); i > 0; i--) {
            String a = address(random);
            model.put(a, new Item(a, 0));
        }
        AddressOrdered<Item> version = AddressOrdered.inOrder(new ArrayList<>(model.values()), Item::address);
        for (int step = 1; step <= 40; step++) {
            Map<String, Item> changes = new HashMap<>();
            int count = random.nextInt(5) == 0 ? random.nextInt(2500) : 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                String a = address(random);
                changes.put(a, random.nextInt(3) == 0 ? null : new Item(a, step));
            }
            AddressOrdered<Item> next = version.with(changes);
            changes.forEach((a, item) -> {
                if (item == null) {
                    model.remove(a);
                } else {
                    model.put(a, item);
                }
            });

            assertThat(next.list()).containsExactlyElementsOf(model.values());
            assertThat(next.size()).isEqualTo(model.size());
            for (int i = 0; i < 50; i++) {
                String a = address(random);
                assertThat(next.get(a)).isEqualTo(model.get(a));
            }
            List<Item> backwards = new ArrayList<>();
            for (int i = next.size() - 1; i >= 0; i--) {
                backwards.add(next.list().get(i));
            }
            Collections.reverse(backwards);
            assertThat(backwards).containsExactlyElementsOf(model.values());
            assertThat(next.runs()).allSatisfy(run -> assertThat(run.size()).isBetween(1, 2 * AddressOrdered.RUN));
            if (count <= 3) {
                Set<AddressOrdered.Run<Item>> old = Collections.newSetFromMap(new IdentityHashMap<>());
                old.addAll(version.runs());
                long fresh = next.runs().stream().filter(run -> !old.contains(run)).count();
                assertThat(fresh).as("runs made anew for %d changes", count).isLessThanOrEqualTo(3L * count);
            }
            version = next;
        }
    }

    @Test
    void anEmptyListTakesItemsAndGivesThemBack() {
        AddressOrdered<Item> empty = AddressOrdered.empty(Item::address);
        assertThat(empty.list()).isEmpty();
        assertThat(empty.get("10.0.0.1")).isNull();
        AddressOrdered<Item> one = empty.with(Map.of("10.0.0.1", new Item("10.0.0.1", 1)));
        assertThat(one.list()).containsExactly(new Item("10.0.0.1", 1));
        Map<String, Item> none = new HashMap<>();
        none.put("10.0.0.1", null);
        assertThat(one.with(none).list()).isEmpty();
    }
}
