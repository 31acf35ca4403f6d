package dev.dhcpharvester.source;

/** A set of IPv4 addresses (unsigned 32-bit values in ints), open addressing over primitives. */
final class AddressSet {

    /** 0 marks an empty slot; the address 0.0.0.0 is kept apart. */
    private int[] keys = new int[1 << 12];
    /** 32 minus the bits of the capacity: a Fibonacci hash's top bits pick the slot. */
    private int shift = 20;
    private boolean hasZero;
    private int size;

    /** Adds {@code address}; true when it was not in the set. */
    boolean add(int address) {
        if (address == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(address); ; i = (i + 1) & mask) {
            if (keys[i] == address) {
                return false;
            }
            if (keys[i] == 0) {
                keys[i] = address;
                size++;
                return true;
            }
        }
    }

    boolean contains(int address) {
        if (address == 0) {
            return hasZero;
        }
        int mask = keys.length - 1;
        for (int i = slot(address); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == address) {
                return true;
            }
        }
        return false;
    }

    private void grow() {
        int[] old = keys;
        keys = new int[old.length * 2];
        shift--;
        int mask = keys.length - 1;
        for (int key : old) {
            if (key != 0) {
                int i = slot(key);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
            }
        }
    }

    private int slot(int address) {
        return address * 0x9E37_79B9 >>> shift;
    }
}
