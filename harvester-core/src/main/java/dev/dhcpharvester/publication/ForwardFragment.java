package dev.dhcpharvester.publication;

import dev.dhcpharvester.source.AddressOrdered;
import dev.dhcpharvester.source.Addresses;
import java.util.AbstractList;
import java.util.ArrayList;
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
    /** The lengths of every line's part after the name: with the width, they give the rendered size. */
    private final long tails;
    /** A rendered version this one was made from, whose bytes it copies where lines are shared; null once rendered. */
    private ForwardFragment base;
    private byte[] bytes;
    /** Where each line ends in {@link #bytes}. */
    private int[] ends;

    private ForwardFragment(AddressOrdered<ZoneFragments.Line> lines, int[] nameLengths, long tails,
            ForwardFragment base) {
        this.lines = lines;
        this.nameLengths = nameLengths;
        this.tails = tails;
        this.base = base;
    }

    /** A fragment with no hosts. */
    public static ForwardFragment empty() {
        return new ForwardFragment(AddressOrdered.empty(line -> line.host().address()), new int[64], 0, null);
    }

    /** A fragment of hosts in address order, one per address (a whole harvest's, built in one pass). */
    public static ForwardFragment of(List<PublishedHost> inAddressOrder) {
        List<ZoneFragments.Line> lines = new ArrayList<>(inAddressOrder.size());
        int[] lengths = new int[64];
        long tailLengths = 0;
        for (PublishedHost host : inAddressOrder) {
            ZoneFragments.Line line = new ZoneFragments.Line(host);
            if (line.name().length >= lengths.length) {
                lengths = java.util.Arrays.copyOf(lengths, line.name().length + 1);
            }
            lengths[line.name().length]++;
            tailLengths += line.tail().length;
            lines.add(line);
        }
        return new ForwardFragment(AddressOrdered.inOrder(lines, line -> line.host().address()), lengths, tailLengths,
                null);
    }

    /** This fragment with the host at each address of {@code changes} replaced, added, or removed (null). */
    public ForwardFragment with(Map<String, PublishedHost> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        Map<String, ZoneFragments.Line> changedLines = new HashMap<>(changes.size() * 2);
        int[] lengths = nameLengths.clone();
        long tailLengths = tails;
        for (Map.Entry<String, PublishedHost> change : changes.entrySet()) {
            ZoneFragments.Line old = lines.get(change.getKey());
            if (old != null) {
                lengths[old.name().length]--;
                tailLengths -= old.tail().length;
            }
            PublishedHost host = change.getValue();
            if (host != null) {
                if (host.name().length() >= lengths.length) {
                    lengths = java.util.Arrays.copyOf(lengths, host.name().length() + 1);
                }
                lengths[host.name().length()]++;
            }
            ZoneFragments.Line line = host == null ? null : new ZoneFragments.Line(host);
            tailLengths += line == null ? 0 : line.tail().length;
            changedLines.put(change.getKey(), line);
        }
        ForwardFragment rendered = bytes != null ? this : base;
        return new ForwardFragment(lines.with(changedLines), lengths, tailLengths, rendered);
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

    /**
     * The fragment's bytes, rendered once: copied in runs from the version this one was made from
     * where the two share lines (the name column as wide in both), each other line rendered.
     */
    public synchronized byte[] bytes() {
        if (bytes == null) {
            int width = width();
            ForwardFragment from = base;
            if (from != null && from.width() == width) {
                patch(from);
            } else {
                bytes = ZoneFragments.render(lines.list(), width);
                ends = ZoneFragments.lineEnds(lines.list(), width);
            }
            base = null;
        }
        return bytes;
    }

    private int width() {
        for (int length = nameLengths.length - 1; length > 0; length--) {
            if (nameLengths[length] > 0) {
                return length;
            }
        }
        return 0;
    }

    /** Renders this version from {@code from}'s bytes, in one walk: shared lines copied a run at a time. */
    private void patch(ForwardFragment from) {
        List<ZoneFragments.Line> before = from.lines.list();
        List<ZoneFragments.Line> after = lines.list();
        byte[] old = from.bytes();
        int[] oldEnds = from.ends;
        int width = width();
        int header = ZoneFragments.headerLength();
        byte[] out = new byte[Math.toIntExact(header + (long) width * after.size() + tails)];
        int[] newEnds = new int[after.size()];
        System.arraycopy(old, 0, out, 0, header);
        int end = header;
        int i = 0;
        int j = 0;
        while (j < after.size()) {
            ZoneFragments.Line line = after.get(j);
            i = skipTo(before, i, line);
            if (i < before.size() && before.get(i) == line) {
                int first = i;
                int shift = end - (first == 0 ? header : oldEnds[first - 1]);
                while (j < after.size() && i < before.size() && after.get(j) == before.get(i)) {
                    newEnds[j++] = oldEnds[i++] + shift;
                }
                int from0 = first == 0 ? header : oldEnds[first - 1];
                System.arraycopy(old, from0, out, end, oldEnds[i - 1] - from0);
                end = newEnds[j - 1];
            } else {
                end = ZoneFragments.write(line, width, out, end);
                newEnds[j++] = end;
            }
        }
        bytes = out;
        ends = newEnds;
    }

    /** Moves past the lines of {@code before} that lie before {@code line}'s address (removed or replaced). */
    private static int skipTo(List<ZoneFragments.Line> before, int i, ZoneFragments.Line line) {
        while (i < before.size() && before.get(i) != line && Addresses.ORDER
                .compare(before.get(i).host().address(), line.host().address()) <= 0) {
            i++;
        }
        return i;
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
            String address = line.host().address();
            while (j < after.size() && Addresses.ORDER.compare(after.get(j).host().address(), address) <= 0) {
                j++;
            }
        }
        return removed;
    }
}
