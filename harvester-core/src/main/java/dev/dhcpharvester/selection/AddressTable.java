package dev.dhcpharvester.selection;

import dev.dhcpharvester.source.Lease;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * IPv4 address to newest lease, kept as primitive arrays: a large lease file has hundreds of
 * thousands of addresses, and boxing each would cost more than the leases. A null value records an
 * address whose newest entry is not in force.
 *
 * <p>Entries are appended to a log as they arrive and settled (when first asked for, or when the
 * log grows long) into one array of distinct addresses in order: a sort of numbers (lease files
 * come nearly in address order, which the sort finds in a pass) instead of a hash table probed at a
 * random slot per entry, whose cache misses cost a million-line dnsmasq read a third of its time.
 * Settling keeps, of each address, the entry that arrived last, as a later entry in a lease file
 * supersedes an earlier one; a few entries (watch mode's appends) are settled in place.
 */
final class AddressTable {

    /** Large logs are let go once settled; a small one is kept for the next appends (watch mode). */
    private static final int KEPT_LOG = 1 << 12;
    /**
     * Entries appended before the log is settled on its own, once they are also more than half the
     * distinct addresses settled: a read of every block of a dhcpd file (watch mode) appends three
     * entries an address, and the log would otherwise keep every superseded lease until asked (the
     * 1M-block file's whole read then needed 96 MB of heap where the hash table it replaced needed
     * 80; settled this often it needs 80 again, and the merges cost less than the probes did).
     */
    static final int SETTLE_AT = 1 << 15;

    /** Settled: distinct addresses ascending, each {@link #ordered} (so that signed order is unsigned order). */
    private int[] addresses = new int[0];
    /** Settled: each address's newest lease, or null. */
    private Lease[] leases = new Lease[0];
    private int size;
    private int held;

    /** Appended, not yet settled: the ordered address in the high half, the arrival in the low. */
    private long[] log = new long[64];
    private Lease[] logged = new Lease[64];
    private int logSize;

    /** Puts the newest lease of an address, or null (its newest entry not in force). */
    void put(int address, Lease lease) {
        if (logSize == log.length) {
            log = Arrays.copyOf(log, logSize * 2);
            logged = Arrays.copyOf(logged, logSize * 2);
        }
        log[logSize] = (long) ordered(address) << 32 | logSize;
        logged[logSize] = lease;
        logSize++;
        if (logSize >= SETTLE_AT && logSize > size / 2) {
            settle();
        }
    }

    /** Entries appended and not yet settled. */
    int unsettled() {
        return logSize;
    }

    /** The newest lease of an address, or null (none seen, or its newest entry not in force). */
    Lease get(int address) {
        settle();
        int i = Arrays.binarySearch(addresses, 0, size, ordered(address));
        return i < 0 ? null : leases[i];
    }

    /** Each lease held (not the null markers), in address order. */
    void forEachLease(Consumer<Lease> action) {
        settle();
        for (int i = 0; i < size; i++) {
            if (leases[i] != null) {
                action.accept(leases[i]);
            }
        }
    }

    /** Addresses whose newest entry is a lease (not a null marker). */
    int held() {
        settle();
        return held;
    }

    /** Distinct addresses seen. */
    int size() {
        settle();
        return size;
    }

    /** The leases held (not the null markers), in numeric address order. */
    List<Lease> leasesByAddress() {
        settle();
        Lease[] out = new Lease[held];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (leases[i] != null) {
                out[n++] = leases[i];
            }
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    /**
     * Puts every entry of {@code later}, read from a part of the file from line {@code firstLine},
     * over this table's; {@code later} is used up.
     */
    void putAll(AddressTable later, int firstLine) {
        settle();
        later.settle();
        Lease[] moved = later.leases;
        for (int i = 0; i < later.size; i++) {
            moved[i] = moved[i] == null ? null : moved[i].inPartFrom(firstLine);
        }
        merge(later.addresses, moved, later.size);
        later.addresses = new int[0];
        later.leases = new Lease[0];
        later.size = 0;
        later.held = 0;
    }

    /**
     * Settles what was appended into the ordered arrays: when asked, when the log grows long (see
     * {@link #SETTLE_AT}), and for the parts of a file read at once on a core each ({@link LeaseSelector#combine}).
     */
    void settle() {
        if (logSize == 0) {
            return;
        }
        Arrays.sort(log, 0, logSize);
        int[] newAddresses = new int[logSize];
        Lease[] newLeases = new Lease[logSize];
        int n = 0;
        for (int k = 0; k < logSize; k++) {
            int address = (int) (log[k] >>> 32);
            if (k + 1 < logSize && (int) (log[k + 1] >>> 32) == address) {
                continue; // an older entry for the address: the last of its run arrived last
            }
            newAddresses[n] = address;
            newLeases[n] = logged[(int) log[k]];
            n++;
        }
        if (log.length > KEPT_LOG) {
            log = new long[64];
            logged = new Lease[64];
        } else {
            Arrays.fill(logged, 0, logSize, null);
        }
        logSize = 0;
        if (size == 0) {
            addresses = newAddresses;
            leases = newLeases;
            size = n;
            held = count(newLeases, n);
            return;
        }
        if (n < size / 64) { // watch mode's few renewals and new hosts: no copy of the other entries
            insert(newAddresses, newLeases, replaceInPlace(newAddresses, newLeases, n));
        } else {
            merge(newAddresses, newLeases, n);
        }
    }

    /** Inserts entries for addresses not settled yet, in order, moving the settled ones up in place. */
    private void insert(int[] fresh, Lease[] freshLeases, int count) {
        if (count == 0) {
            return;
        }
        if (size + count > addresses.length) {
            int capacity = size + Math.max(count, size / 8); // room for the next new hosts
            addresses = Arrays.copyOf(addresses, capacity);
            leases = Arrays.copyOf(leases, capacity);
        }
        int i = size - 1;
        int j = count - 1;
        for (int w = size + count - 1; j >= 0; w--) {
            if (i >= 0 && addresses[i] > fresh[j]) {
                addresses[w] = addresses[i];
                leases[w] = leases[i--];
            } else {
                addresses[w] = fresh[j];
                leases[w] = freshLeases[j--];
            }
        }
        size += count;
        held += count(freshLeases, count);
    }

    /**
     * Puts each newer entry whose address is settled already in that address's place, and returns
     * how many are left (new addresses), moved to the front in their order.
     */
    private int replaceInPlace(int[] newer, Lease[] newerLeases, int count) {
        int fresh = 0;
        for (int j = 0; j < count; j++) {
            int i = Arrays.binarySearch(addresses, 0, size, newer[j]);
            if (i >= 0) {
                held += (newerLeases[j] != null ? 1 : 0) - (leases[i] != null ? 1 : 0);
                leases[i] = newerLeases[j];
            } else {
                newer[fresh] = newer[j];
                newerLeases[fresh++] = newerLeases[j];
            }
        }
        return fresh;
    }

    /** Merges newer settled entries into the settled ones: for an address in both, the newer entry wins. */
    private void merge(int[] newer, Lease[] newerLeases, int count) {
        if (count > 0 && (size == 0 || addresses[size - 1] < newer[0])) {
            append(newer, newerLeases, count);
            return;
        }
        int[] outAddresses = new int[size + count];
        Lease[] outLeases = new Lease[size + count];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < size || j < count) {
            if (j == count || (i < size && addresses[i] < newer[j])) {
                outAddresses[n] = addresses[i];
                outLeases[n++] = leases[i++];
            } else {
                if (i < size && addresses[i] == newer[j]) {
                    i++; // superseded
                }
                outAddresses[n] = newer[j];
                outLeases[n++] = newerLeases[j++];
            }
        }
        addresses = outAddresses;
        leases = outLeases;
        size = n;
        held = count(outLeases, n);
    }

    /**
     * {@link #merge} of entries all after the settled ones (a file in address order, as dnsmasq's
     * mostly is, and a later part of it): copied in bulk behind them, not compared one by one.
     */
    private void append(int[] newer, Lease[] newerLeases, int count) {
        addresses = Arrays.copyOf(addresses, size + count);
        leases = Arrays.copyOf(leases, size + count);
        System.arraycopy(newer, 0, addresses, size, count);
        System.arraycopy(newerLeases, 0, leases, size, count);
        size += count;
        held += count(newerLeases, count);
    }

    private static int count(Lease[] leases, int n) {
        int held = 0;
        for (int i = 0; i < n; i++) {
            held += leases[i] == null ? 0 : 1;
        }
        return held;
    }

    /** The address with its top bit flipped: signed comparison of these orders addresses as unsigned numbers. */
    private static int ordered(int address) {
        return address ^ Integer.MIN_VALUE;
    }
}
