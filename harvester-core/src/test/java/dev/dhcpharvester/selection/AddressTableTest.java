package dev.dhcpharvester.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.source.BindingState;
import dev.dhcpharvester.source.Ipv4;
import dev.dhcpharvester.source.Lease;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The table against a sorted map as the oracle: the last entry put for an address is its entry. */
class AddressTableTest {

    /** Addresses across the whole range, the top bit set and not, with neighbours: where ordering slips. */
    private static final int[] SAMPLE = {0, 1, 2, 255, 256, 0x0a00_0101, 0x0a00_0102, 0x7fff_ffff, 0x8000_0000,
        0x8000_0001, 0xc000_0201, 0xc000_0202, 0xffff_fffe, 0xffff_ffff};

    private static Lease lease(int address, int line) {
        return lease(address, line, line);
    }

    /** The lease read as entry {@code entry} of its part, at {@code line} of the file. */
    private static Lease lease(int address, int entry, int line) {
        return new Lease(Ipv4.format(address & 0xffff_ffffL), "00:16:3e:00:00:01", "", "h" + entry, null, null,
                BindingState.ACTIVE, false, new Lease.Origin("f", line));
    }

    private static int address(Random random) {
        return random.nextInt(3) == 0 ? SAMPLE[random.nextInt(SAMPLE.length)] : random.nextInt(64) * 0x0101_0101;
    }

    @Test
    void theLastEntryOfEachAddressWinsWhateverTheOrderOfPutsAndQuestions() {
        Random random = new Random(7);
        for (int run = 0; run < 300; run++) {
            AddressTable table = new AddressTable();
            TreeMap<Long, Lease> oracle = new TreeMap<>();
            int puts = random.nextInt(run < 100 ? 20 : 5000);
            for (int line = 1; line <= puts; line++) {
                int address = address(random);
                Lease value = random.nextInt(4) == 0 ? null : lease(address, line);
                table.put(address, value);
                oracle.put(address & 0xffff_ffffL, value);
                if (random.nextInt(200) == 0) {
                    checkSame(table, oracle, random); // settles midway, as watch mode does between appends
                }
            }
            checkSame(table, oracle, random);
        }
    }

    @Test
    void aLaterPartSupersedesAnEarlierOneAndItsLinesCountFromWhereItStarts() {
        Random random = new Random(11);
        for (int run = 0; run < 100; run++) {
            AddressTable first = new AddressTable();
            AddressTable second = new AddressTable();
            TreeMap<Long, Lease> oracle = new TreeMap<>();
            int firstEntries = 1 + random.nextInt(3000);
            for (int line = 1; line <= firstEntries; line++) {
                int address = address(random);
                Lease value = random.nextInt(4) == 0 ? null : lease(address, line);
                first.put(address, value);
                oracle.put(address & 0xffff_ffffL, value);
            }
            int firstLine = 1 + random.nextInt(100_000);
            int secondEntries = 1 + random.nextInt(3000);
            for (int line = 1; line <= secondEntries; line++) {
                int address = address(random);
                Lease value = random.nextInt(4) == 0 ? null : lease(address, line);
                second.put(address, value);
                oracle.put(address & 0xffff_ffffL, value == null ? null : lease(address, line, line + firstLine - 1));
            }
            if (random.nextBoolean()) {
                first.settle();
            }
            if (random.nextBoolean()) {
                second.settle();
            }
            first.putAll(second, firstLine);
            checkSame(first, oracle, random);
        }
    }

    @Test
    void aFewEntriesAfterManyTakeTheirAddressesPlacesOrJoinThem() {
        Random random = new Random(17);
        AddressTable table = new AddressTable();
        TreeMap<Long, Lease> oracle = new TreeMap<>();
        int line = 0;
        for (int i = 0; i < 20_000; i++) {
            int address = 0x0a00_0000 + 2 * i; // the odd ones are left for new hosts
            Lease value = random.nextInt(4) == 0 ? null : lease(address, ++line);
            table.put(address, value);
            oracle.put(address & 0xffff_ffffL, value);
        }
        for (int round = 0; round < 200; round++) { // watch mode: a few renewals, now and then a new host
            for (int k = random.nextInt(8); k >= 0; k--) {
                int address = 0x0a00_0000 + random.nextInt(40_000);
                if (random.nextInt(10) != 0) {
                    address &= ~1;
                }
                Lease value = random.nextInt(4) == 0 ? null : lease(address, ++line);
                table.put(address, value);
                oracle.put(address & 0xffff_ffffL, value);
            }
            checkSame(table, oracle, random);
        }
    }

    /**
     * A file in address order (dnsmasq's, most of Kea's): each settled batch comes after the ones
     * before and is appended to them, across the top bit of the address; a later part after an
     * earlier one, or after an empty one, is appended the same way.
     */
    @Test
    void entriesInAddressOrderAreAppendedAndLaterPartsAfterEarlierOnes() {
        Random random = new Random(19);
        for (int run = 0; run < 6; run++) {
            AddressTable first = new AddressTable();
            AddressTable second = new AddressTable();
            TreeMap<Long, Lease> oracle = new TreeMap<>();
            int address = 0x7ffe_0000 + random.nextInt(1000);
            int entries = random.nextInt(3 * AddressTable.SETTLE_AT);
            int split = run % 3 == 0 ? 0 : entries / 2; // the earlier part empty now and then
            for (int line = 1; line <= entries; line++) {
                address += 1 + random.nextInt(run % 2 == 0 ? 2 : 5);
                Lease value = random.nextInt(4) == 0 ? null : lease(address, line);
                (line <= split ? first : second).put(address, value);
                oracle.put(address & 0xffff_ffffL, value);
            }
            first.putAll(second, 1);
            checkSame(first, oracle, random);
        }
    }

    @Test
    void manyEntriesForFewAddressesAreSettledAsTheyComeNotKeptUntilAsked() {
        Random random = new Random(13);
        AddressTable table = new AddressTable();
        TreeMap<Long, Lease> oracle = new TreeMap<>();
        int maxUnsettled = 0;
        for (int line = 1; line <= 300_000; line++) { // a read of every block: 300 entries an address
            int address = 0x0a00_0000 + random.nextInt(1000);
            Lease value = random.nextInt(4) == 0 ? null : lease(address, line);
            table.put(address, value);
            oracle.put(address & 0xffff_ffffL, value);
            maxUnsettled = Math.max(maxUnsettled, table.unsettled());
        }
        assertThat(maxUnsettled).isLessThanOrEqualTo(AddressTable.SETTLE_AT);
        checkSame(table, oracle, random);
    }

    private static void checkSame(AddressTable table, TreeMap<Long, Lease> oracle, Random random) {
        List<Lease> held = new ArrayList<>();
        oracle.values().forEach(lease -> {
            if (lease != null) {
                held.add(lease);
            }
        });
        assertThat(table.size()).isEqualTo(oracle.size());
        assertThat(table.held()).isEqualTo(held.size());
        assertThat(table.leasesByAddress()).containsExactlyElementsOf(held);
        List<Lease> each = new ArrayList<>();
        table.forEachLease(each::add);
        assertThat(each).containsExactlyElementsOf(held);
        for (Map.Entry<Long, Lease> entry : oracle.entrySet()) {
            assertThat(table.get((int) (long) entry.getKey())).isEqualTo(entry.getValue());
        }
        for (int k = 0; k < 20; k++) {
            int absent = random.nextInt();
            if (!oracle.containsKey(absent & 0xffff_ffffL)) {
                assertThat(table.get(absent)).isNull();
            }
        }
    }
}
