package dev.dhcpharvester.source;

/**
 * A set of IPv4 addresses (unsigned 32-bit values in ints).
 *
 * <p>Kept as a bitmap per /16 network while the addresses fall in few of them, as a DHCP server's
 * do: a million look-ups then touch a few pages of 8 KB, where a hash table's random slots missed
 * the cache on nearly every one. Addresses spread over more networks than {@link #MAX_PAGES} move
 * to a hash table (open addressing over primitives), so memory stays bounded by the set's size.
 */
final class AddressSet {

    /** Bitmaps kept before the set moves to a hash table: 4 MB of them. */
    static final int MAX_PAGES = 512;
    private static final int PAGE_LONGS = (1 << 16) / 64;

    /** Per /16 network (the address's top 16 bits), a bitmap of its 65,536 addresses; null after {@link #toHashed}. */
    private long[][] pages = new long[1 << 16][];
    private int pageCount;

    /** The hash table once pages are given up: 0 marks an empty slot; the address 0.0.0.0 is kept apart. */
    private int[] keys;
    /** 32 minus the bits of the capacity: a Fibonacci hash's top bits pick the slot. */
    private int shift;
    private boolean hasZero;
    private int size;

    /** Adds {@code address}; true when it was not in the set. */
    boolean add(int address) {
        if (pages != null) {
            long[] page = pages[address >>> 16];
            if (page == null) {
                if (pageCount == MAX_PAGES) {
                    toHashed();
                    return add(address);
                }
                page = new long[PAGE_LONGS];
                pages[address >>> 16] = page;
                pageCount++;
            }
            int word = (address & 0xffff) >>> 6;
            long bit = 1L << address; // the shift uses the low six bits
            if ((page[word] & bit) != 0) {
                return false;
            }
            page[word] |= bit;
            return true;
        }
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
        if (pages != null) {
            long[] page = pages[address >>> 16];
            return page != null && (page[(address & 0xffff) >>> 6] & 1L << address) != 0;
        }
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

    /** Moves the bitmaps' addresses into a hash table, for a set spread over too many networks. */
    private void toHashed() {
        long[][] old = pages;
        pages = null;
        keys = new int[1 << 12];
        shift = 20;
        for (int high = 0; high < old.length; high++) {
            long[] page = old[high];
            for (int word = 0; page != null && word < PAGE_LONGS; word++) {
                for (long bits = page[word]; bits != 0; bits &= bits - 1) {
                    add(high << 16 | word << 6 | Long.numberOfTrailingZeros(bits));
                }
            }
        }
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
