package dev.dhcpharvester.naming;

import dev.dhcpharvester.util.RadixSort;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Groups of equal strings among many, found by sorting their hash codes rather than through a hash
 * table: a table's node per string was, for 500,000 names, a quarter of a large harvest's heap and
 * random memory reads one after another; a sort of numbers reads them in order ({@link RadixSort}:
 * four passes where a comparison sort of 500,000 took 45-60 ms, twice a harvest).
 */
final class EqualKeys {

    private EqualKeys() {
    }

    /** For each of {@code keys}, the index of the first key equal to it: its own index when it is the first. */
    static int[] firstOfEach(String[] keys) {
        int n = keys.length;
        long[] byHash = new long[n];
        for (int i = 0; i < n; i++) {
            byHash[i] = (long) keys[i].hashCode() << 32 | i;
        }
        RadixSort.byHighHalf(byHash, n); // one hash: in index order
        int[] first = new int[n];
        for (int from = 0, to; from < n; from = to) {
            int hash = (int) (byHash[from] >> 32);
            to = from + 1;
            while (to < n && (int) (byHash[to] >> 32) == hash) {
                to++;
            }
            group(keys, byHash, from, to, first);
        }
        return first;
    }

    /** One hash's keys, in index order: most often one key, or one name held by several hosts. */
    private static void group(String[] keys, long[] byHash, int from, int to, int[] first) {
        int head = (int) byHash[from];
        first[head] = head;
        int k = from + 1;
        while (k < to && keys[(int) byHash[k]].equals(keys[head])) {
            first[(int) byHash[k++]] = head;
        }
        if (k == to) {
            return;
        }
        // different keys with one hash (crafted names can make many): the run sorted by key, then index
        Integer[] run = new Integer[to - from];
        for (int r = 0; r < run.length; r++) {
            run[r] = (int) byHash[from + r];
        }
        Arrays.sort(run, Comparator.<Integer, String>comparing(i -> keys[i]).thenComparingInt(i -> i));
        int lead = run[0];
        for (int i : run) {
            lead = keys[lead].equals(keys[i]) ? lead : i;
            first[i] = lead;
        }
    }
}
