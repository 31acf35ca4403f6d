package dev.dhcpharvester.source;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * An immutable list of items, one per address, in {@link Addresses#ORDER}, from which a new
 * version with some addresses changed is made cheaply: watch mode changes a few hosts among
 * 170,000 per cycle, and each cycle's report must keep the version it was made from. The items
 * are held in runs of a few hundred; a new version copies only the runs that hold a change (and
 * the short table of runs), and shares the others with the version it was made from, so that
 * what is built from each run (a fragment's rendered lines) can be kept for the runs that stay.
 *
 * @param <T> the items; {@code address} gives each one's address
 */
public final class AddressOrdered<T> {

    /** Items per run as runs are made; a run that grows past twice this is split. */
    static final int RUN = 512;

    /** A run of items in address order, never empty; the same object in two versions holds the same items. */
    public static final class Run<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] items;

        private Run(Object[] items) {
            this.items = items;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            return (T) items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }

    private final Run<T>[] runs;
    /** Where each run starts in the whole list; one more entry than runs, the last being the size. */
    private final int[] starts;
    private final Function<T, String> address;

    private AddressOrdered(List<Run<T>> runs, Function<T, String> address) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Run<T>[] array = runs.toArray(new Run[0]);
        this.runs = array;
        this.starts = new int[array.length + 1];
        for (int k = 0; k < array.length; k++) {
            starts[k + 1] = starts[k] + array[k].size();
        }
        this.address = address;
    }

    /** No items. */
    public static <T> AddressOrdered<T> empty(Function<T, String> address) {
        return new AddressOrdered<>(List.of(), address);
    }

    /** The items of a list already in address order, one per address (not checked: the caller's word). */
    public static <T> AddressOrdered<T> inOrder(List<T> items, Function<T, String> address) {
        return new AddressOrdered<>(split(items.toArray()), address);
    }

    private static <T> List<Run<T>> split(Object[] items) {
        List<Run<T>> runs = new ArrayList<>(items.length / RUN + 1);
        for (int from = 0; from < items.length; from += RUN) {
            runs.add(new Run<>(Arrays.copyOfRange(items, from, Math.min(items.length, from + RUN))));
        }
        return runs;
    }

    /**
     * This list with each address of {@code changes} given its item there, or removed where the
     * item is null. Copies the runs that hold a change, and the table of runs.
     */
    public AddressOrdered<T> with(Map<String, T> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        List<String> keys = Addresses.sortedByAddress(new ArrayList<>(changes.keySet()), k -> k);
        List<Run<T>> out = new ArrayList<>(runs.length + 2);
        int next = 0; // the first key not yet placed
        for (int k = 0; k < runs.length || next < keys.size(); k++) {
            if (k >= runs.length) { // keys past every run (or no runs at all): a run of their own
                out.addAll(changed(new Object[0], keys.subList(next, keys.size()), changes));
                break;
            }
            Run<T> run = runs[k];
            // the keys that fall in this run: up to its last address, or every key left for the last run
            int end = next;
            if (k == runs.length - 1) {
                end = keys.size();
            } else {
                String last = address.apply(run.get(run.size() - 1));
                while (end < keys.size() && Addresses.ORDER.compare(keys.get(end), last) <= 0) {
                    end++;
                }
            }
            if (end == next) {
                out.add(run);
            } else {
                out.addAll(changed(run.items, keys.subList(next, end), changes));
                next = end;
            }
        }
        return new AddressOrdered<>(out, address);
    }

    /** A run's items with the changes to them applied (keys sorted), as new runs: none, one, or a split. */
    private List<Run<T>> changed(Object[] items, List<String> keys, Map<String, T> changes) {
        Object[] merged = new Object[items.length + keys.size()];
        int n = 0;
        int from = 0;
        for (String key : keys) {
            int at = search(items, key, from);
            boolean present = at >= 0;
            int end = present ? at : -at - 1;
            System.arraycopy(items, from, merged, n, end - from);
            n += end - from;
            from = present ? end + 1 : end;
            T item = changes.get(key);
            if (item != null) {
                merged[n++] = item;
            }
        }
        System.arraycopy(items, from, merged, n, items.length - from);
        n += items.length - from;
        if (n == 0) {
            return List.of();
        }
        if (n > 2 * RUN) {
            return split(Arrays.copyOf(merged, n));
        }
        return List.of(new Run<>(n == merged.length ? merged : Arrays.copyOf(merged, n)));
    }

    /** The item at an address, or null. */
    public T get(String key) {
        int low = 0;
        int high = runs.length - 1;
        while (low < high) { // the first run whose last address is not before the key
            int mid = (low + high) >>> 1;
            Run<T> run = runs[mid];
            if (Addresses.ORDER.compare(address.apply(run.get(run.size() - 1)), key) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        if (runs.length == 0) {
            return null;
        }
        int at = search(runs[low].items, key, 0);
        return at >= 0 ? runs[low].get(at) : null;
    }

    public int size() {
        return starts[runs.length];
    }

    /** The items in address order, as an unmodifiable list (no copy). */
    public List<T> list() {
        return new View();
    }

    /** The runs, in order: a run that is the same object in two versions holds the same items. */
    public List<Run<T>> runs() {
        return List.of(runs);
    }

    /** Index of {@code key} in items[from..], or -(insertion point) - 1. */
    @SuppressWarnings("unchecked")
    private int search(Object[] items, String key, int from) {
        int low = from;
        int high = items.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = Addresses.ORDER.compare(address.apply((T) items[mid]), key);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    private final class View extends AbstractList<T> implements RandomAccess {
        /** The run of the last index asked for: a walk in order finds each next one at once. */
        private int cursor;

        @Override
        public T get(int index) {
            if (index < 0 || index >= size()) {
                throw new IndexOutOfBoundsException(index);
            }
            int k = cursor;
            if (index < starts[k] || index >= starts[k + 1]) {
                k = runOf(index);
                cursor = k;
            }
            return runs[k].get(index - starts[k]);
        }

        @Override
        public int size() {
            return AddressOrdered.this.size();
        }

        /** The run holding {@code index}: runs are never empty, so the starts rise strictly. */
        private int runOf(int index) {
            int found = Arrays.binarySearch(starts, index);
            return found >= 0 ? found : -found - 2;
        }
    }
}
