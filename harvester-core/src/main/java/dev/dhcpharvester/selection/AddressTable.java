package dev.dhcpharvester.selection;

import dev.dhcpharvester.source.Lease;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * IPv4 address to newest lease, open addressing over primitive keys: a large lease file has
 * hundreds of thousands of addresses, and boxing each would cost more than the leases. A null
 * value records an address whose newest block is not in force.
 */
final class AddressTable {

    private long[] keys = new long[1 << 16];
    private Lease[] values = new Lease[1 << 16];
    private int size;
    private int held;

    /** Puts the newest lease of an address, or null (its newest entry not in force). */
    void put(int address, Lease lease) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        long key = (address & 0xffff_ffffL) + 1;
        int i = slot(key, keys.length);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & (keys.length - 1);
        }
        if (keys[i] == 0) {
            keys[i] = key;
            size++;
        }
        held += (lease != null ? 1 : 0) - (values[i] != null ? 1 : 0);
        values[i] = lease;
    }

    /** The newest lease of an address, or null (none seen, or its newest entry not in force). */
    Lease get(int address) {
        long key = (address & 0xffff_ffffL) + 1;
        for (int i = slot(key, keys.length); keys[i] != 0; i = (i + 1) & (keys.length - 1)) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return null;
    }

    /** Each lease held (not the null markers), in no particular order. */
    void forEachLease(java.util.function.Consumer<Lease> action) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                action.accept(values[i]);
            }
        }
    }

    /** Addresses whose newest entry is a lease (not a null marker). */
    int held() {
        return held;
    }

    /** Distinct addresses seen. */
    int size() {
        return size;
    }

    /** The leases held (not the null markers), in numeric address order. */
    List<Lease> leasesByAddress() {
        long[] order = new long[held];
        int n = 0;
        for (int j = 0; j < keys.length; j++) {
            if (keys[j] != 0 && values[j] != null) {
                order[n++] = (keys[j] - 1) << 31 | j; // address above, slot below: sorts by address
            }
        }
        Arrays.sort(order, 0, n);
        Lease[] out = new Lease[n];
        for (int k = 0; k < n; k++) {
            out[k] = values[(int) (order[k] & 0x7fff_ffff)];
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    /** Puts every entry of {@code later}, read from a part of the file from line {@code firstLine}, over this table's. */
    void putAll(AddressTable later, int firstLine) {
        for (int j = 0; j < later.keys.length; j++) {
            if (later.keys[j] != 0) {
                Lease value = later.values[j];
                put((int) (later.keys[j] - 1), value == null ? null : value.inPartFrom(firstLine));
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        Lease[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Lease[oldKeys.length * 2];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = slot(oldKeys[j], keys.length);
                while (keys[i] != 0) {
                    i = (i + 1) & (keys.length - 1);
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int slot(long key, int capacity) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h >>> 40) & (capacity - 1);
    }
}
