package dev.dhcpharvester.source;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * An immutable list of items, one per address, in {@link Addresses#ORDER}, from which a new
 * version with some addresses changed is made in one copy: watch mode changes a few hosts among
 * 170,000 per cycle, and each cycle's report must keep the version it was made from.
 *
 * @param <T> the items; {@code address} gives each one's address
 */
public final class AddressOrdered<T> {

    private final Object[] items;
    private final Function<T, String> address;

    private AddressOrdered(Object[] items, Function<T, String> address) {
        this.items = items;
        this.address = address;
    }

    /** No items. */
    public static <T> AddressOrdered<T> empty(Function<T, String> address) {
        return new AddressOrdered<>(new Object[0], address);
    }

    /** The items of a list already in address order, one per address (not checked: the caller's word). */
    public static <T> AddressOrdered<T> inOrder(List<T> items, Function<T, String> address) {
        return new AddressOrdered<>(items.toArray(), address);
    }

    /**
     * This list with each address of {@code changes} given its item there, or removed where the
     * item is null. Costs one copy of the list and a binary search per change.
     */
    public AddressOrdered<T> with(Map<String, T> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        List<String> keys = Addresses.sortedByAddress(new ArrayList<>(changes.keySet()), k -> k);
        Object[] out = new Object[items.length + changes.size()];
        int n = 0;
        int from = 0;
        for (String key : keys) {
            int at = search(key, from);
            boolean present = at >= 0;
            int end = present ? at : -at - 1;
            System.arraycopy(items, from, out, n, end - from);
            n += end - from;
            from = present ? end + 1 : end;
            T item = changes.get(key);
            if (item != null) {
                out[n++] = item;
            }
        }
        System.arraycopy(items, from, out, n, items.length - from);
        n += items.length - from;
        return new AddressOrdered<>(n == out.length ? out : java.util.Arrays.copyOf(out, n), address);
    }

    /** The item at an address, or null. */
    public T get(String key) {
        int at = search(key, 0);
        return at >= 0 ? item(at) : null;
    }

    public int size() {
        return items.length;
    }

    /** The items in address order, as an unmodifiable list (no copy). */
    public List<T> list() {
        return new View();
    }

    @SuppressWarnings("unchecked")
    T item(int index) {
        return (T) items[index];
    }

    /** Index of {@code key} in items[from..], or -(insertion point) - 1. */
    private int search(String key, int from) {
        int low = from;
        int high = items.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = Addresses.ORDER.compare(address.apply(item(mid)), key);
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
        @Override
        public T get(int index) {
            return item(index);
        }

        @Override
        public int size() {
            return items.length;
        }
    }
}
