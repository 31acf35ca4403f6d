package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The set against a {@link HashSet}: in the bitmaps of few networks, and moved to the hash table midway. */
class AddressSetTest {

    @Test
    void addressesInFewNetworksAndSpreadOverManyAreEachAddedOnce() {
        Random random = new Random(3);
        for (int run = 0; run < 40; run++) {
            int networks = run % 2 == 0 ? 1 + random.nextInt(8) : AddressSet.MAX_PAGES + random.nextInt(200);
            int[] network = new int[networks];
            for (int k = 0; k < networks; k++) {
                network[k] = k < 3 ? new int[] {0, 0xffff, 0x8000}[k] : random.nextInt(1 << 16); // the ends of the range too
            }
            AddressSet set = new AddressSet();
            Set<Integer> oracle = new HashSet<>();
            for (int i = 0; i < 20_000; i++) {
                int address = network[random.nextInt(networks)] << 16 | (random.nextInt(8) == 0
                        ? new int[] {0, 1, 63, 64, 0xffff}[random.nextInt(5)] : random.nextInt(1 << 16));
                if (random.nextBoolean()) {
                    assertThat(set.add(address)).as("add %08x", address).isEqualTo(oracle.add(address));
                } else {
                    assertThat(set.contains(address)).as("contains %08x", address).isEqualTo(oracle.contains(address));
                }
            }
            for (int address : oracle) {
                assertThat(set.contains(address)).isTrue();
                assertThat(set.add(address)).isFalse();
            }
            for (int i = 0; i < 2000; i++) {
                int address = random.nextInt();
                assertThat(set.contains(address)).isEqualTo(oracle.contains(address));
            }
        }
    }
}
