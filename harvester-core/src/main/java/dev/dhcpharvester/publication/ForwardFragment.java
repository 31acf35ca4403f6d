package dev.dhcpharvester.publication;

import dev.dhcpharvester.source.AddressOrdered;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A forward fragment kept from one harvest to the next (watch mode): its hosts in address order
 * with each record line ready as bytes, so that a new version with a few hosts changed is made
 * and rendered by copying, not by formatting 170,000 lines again. Renders the same bytes as
 * {@link ZoneFragments#forward} for the same hosts. Immutable.
 */
public final class ForwardFragment {

    private final AddressOrdered<ZoneFragments.Line> lines;
    /** How many names have each length: the name column is as wide as the longest. */
    private final int[] nameLengths;
    private byte[] bytes;

    private ForwardFragment(AddressOrdered<ZoneFragments.Line> lines, int[] nameLengths) {
        this.lines = lines;
        this.nameLengths = nameLengths;
    }

    /** A fragment with no hosts. */
    public static ForwardFragment empty() {
        return new ForwardFragment(AddressOrdered.empty(line -> line.host().address()), new int[64]);
    }

    /** This fragment with the host at each address of {@code changes} replaced, added, or removed (null). */
    public ForwardFragment with(Map<String, PublishedHost> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        Map<String, ZoneFragments.Line> changedLines = new HashMap<>(changes.size() * 2);
        int[] lengths = nameLengths.clone();
        for (Map.Entry<String, PublishedHost> change : changes.entrySet()) {
            ZoneFragments.Line old = lines.get(change.getKey());
            if (old != null) {
                lengths[old.name().length]--;
            }
            PublishedHost host = change.getValue();
            if (host != null) {
                if (host.name().length() >= lengths.length) {
                    lengths = java.util.Arrays.copyOf(lengths, host.name().length() + 1);
                }
                lengths[host.name().length()]++;
            }
            changedLines.put(change.getKey(), host == null ? null : new ZoneFragments.Line(host));
        }
        return new ForwardFragment(lines.with(changedLines), lengths);
    }

    /** Hosts in the fragment. */
    public int size() {
        return lines.size();
    }

    /** The hosts in address order (a view, not a copy). */
    public List<PublishedHost> hosts() {
        List<ZoneFragments.Line> all = lines.list();
        final class Hosts extends AbstractList<PublishedHost> implements RandomAccess {
            @Override
            public PublishedHost get(int index) {
                return all.get(index).host();
            }

            @Override
            public int size() {
                return all.size();
            }
        }
        return new Hosts();
    }

    /** The fragment's bytes, rendered once. */
    public synchronized byte[] bytes() {
        if (bytes == null) {
            int width = 0;
            for (int length = nameLengths.length - 1; length > 0 && width == 0; length--) {
                width = nameLengths[length] > 0 ? length : 0;
            }
            bytes = ZoneFragments.render(lines.list(), width);
        }
        return bytes;
    }

    /**
     * How many records of {@code older} (a record: the name without case, and the address) are not
     * in this fragment. Lines both versions share are the same objects, so the walk compares
     * addresses only where the versions differ.
     */
    public int removedSince(ForwardFragment older) {
        List<ZoneFragments.Line> before = older.lines.list();
        List<ZoneFragments.Line> after = lines.list();
        int removed = 0;
        int j = 0;
        for (int i = 0; i < before.size(); i++) {
            ZoneFragments.Line line = before.get(i);
            if (j < after.size() && after.get(j) == line) {
                j++;
                continue;
            }
            ZoneFragments.Line now = lines.get(line.host().address());
            if (now == null || !now.host().name().toLowerCase(Locale.ROOT)
                    .equals(line.host().name().toLowerCase(Locale.ROOT))) {
                removed++;
            }
            while (j < after.size() && dev.dhcpharvester.source.Addresses.ORDER
                    .compare(after.get(j).host().address(), line.host().address()) <= 0) {
                j++;
            }
        }
        return removed;
    }
}
