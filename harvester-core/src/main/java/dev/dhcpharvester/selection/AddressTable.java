package dev.dhcpharvester.selection;

import dev.dhcpharvester.source.KeptBlock;
import dev.dhcpharvester.source.Lease;
import dev.dhcpharvester.util.InParallel;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * IPv4 address to newest lease, open addressing over primitive keys: a large lease file has
 * hundreds of thousands of addresses, and boxing each would cost more than the leases. A null
 * value records an address whose newest block is not in force. A value is a {@link Lease} or a
 * {@link KeptBlock} made a lease when first asked for (and kept as one): most blocks a lease file
 * holds in force are superseded before it ends, and need never be one.
 */
final class AddressTable {

    private long[] keys = new long[1 << 16];
    private Object[] values = new Object[1 << 16];
    private int size;
    private int held;

    /** Puts a {@link Lease}, a {@link KeptBlock}, or null (not in force). */
    void put(int address, Object lease) {
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
                return lease(i);
            }
        }
        return null;
    }

    /** The value in slot {@code i} as a lease, made one (and kept as one) if it is a kept block. */
    private Lease lease(int i) {
        Object value = values[i];
        if (value instanceof KeptBlock block) {
            Lease lease = block.toLease();
            values[i] = lease;
            return lease;
        }
        return (Lease) value;
    }

    /** Each lease held (not the null markers), in no particular order. */
    void forEachLease(java.util.function.Consumer<Lease> action) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                action.accept(lease(i));
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
        int[] slots = new int[n];
        for (int k = 0; k < n; k++) {
            slots[k] = (int) (order[k] & 0x7fff_ffff);
        }
        // leases made of the kept blocks on every core, each into the block's slot: a block is let go as
        // its lease is made, so that half a million hosts do not hold both at once
        InParallel.forEachIndex(n, k -> {
            if (values[slots[k]] instanceof KeptBlock block) {
                values[slots[k]] = block.toLease();
            }
        });
        Lease[] out = new Lease[n];
        for (int k = 0; k < n; k++) {
            out[k] = (Lease) values[slots[k]];
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    /** Puts every entry of {@code later}, read from a part of the file from line {@code firstLine}, over this table's. */
    void putAll(AddressTable later, int firstLine) {
        for (int j = 0; j < later.keys.length; j++) {
            if (later.keys[j] != 0) {
                Object value = later.values[j];
                Object moved = value instanceof KeptBlock block ? block.inPartFrom(firstLine)
                        : value == null ? null : ((Lease) value).inPartFrom(firstLine);
                put((int) (later.keys[j] - 1), moved);
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
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
