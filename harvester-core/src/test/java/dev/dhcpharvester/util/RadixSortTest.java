package dev.dhcpharvester.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RadixSortTest {

    @Test
    void sortsAsTheWholeNumbersSortWhenPositionsAscend() {
        Random random = new Random(7);
        for (int run = 0; run < 300; run++) {
            int n = random.nextInt(run < 150 ? 50 : 20_000);
            int[] keys = keys(random, run);
            long[] numbers = new long[n + 3];
            for (int i = 0; i < n; i++) {
                numbers[i] = (long) keys[random.nextInt(keys.length)] << 32 | i;
            }
            numbers[n] = 42; // past n: left alone
            long[] expected = numbers.clone();
            Arrays.sort(expected, 0, n);

            RadixSort.byHighHalf(numbers, n);

            assertThat(numbers).as("run %d", run).containsExactly(expected);
        }
    }

    @Test
    void keepsTheOrderOfNumbersWithOneKey() {
        Random random = new Random(11);
        for (int run = 0; run < 100; run++) {
            int n = random.nextInt(5_000);
            int[] keys = keys(random, run);
            long[] numbers = new long[n];
            List<Long> stable = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                numbers[i] = (long) keys[random.nextInt(keys.length)] << 32 | random.nextInt() & 0xffff_ffffL; // positions in no order
                stable.add(numbers[i]);
            }
            stable.sort(Comparator.comparingInt(v -> (int) (v >> 32))); // List.sort is stable

            RadixSort.byHighHalf(numbers, n);

            assertThat(numbers).as("run %d", run).containsExactly(stable.stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** Few keys or many; some at the ends of the range, some sharing their high bytes (one network). */
    private static int[] keys(Random random, int run) {
        int[] keys = new int[1 + random.nextInt(run % 2 == 0 ? 4 : 100_000)];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = switch (run % 3) {
                case 0 -> random.nextInt(3) - 1 + (random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE);
                case 1 -> 0x0a00_0000 | random.nextInt(1 << 16);
                default -> random.nextInt();
            };
        }
        return keys;
    }
}
