package dev.dhcpharvester.publication;

import dev.dhcpharvester.source.AddressOrdered;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A forward fragment kept from one harvest to the next (watch mode): its hosts in address order
 * with each record line ready as bytes, rendered in parts, one per run of a few hundred lines
 * ({@link AddressOrdered.Run}), so that a new version with a few hosts changed renders only the
 * runs that hold them and shares every other part with the version it was made from: no 10 MB
 * array per harvest. Its parts, written one after the other, are the bytes {@link
 * ZoneFragments#forward} renders for the same hosts. Immutable.
 */
public final class ForwardFragment {

    private final AddressOrdered<ZoneFragments.Line> lines;
    /** How many names have each length: the name column is as wide as the longest. */
    private final int[] nameLengths;
    /** The lengths of every line's part after the name: with the width, they give the rendered size. */
    private final long tails;
    /** A rendered version this one was made from, whose parts it shares where runs are shared; null once rendered. */
    private ForwardFragment base;
    /** The header, then each run's lines; null until rendered. */
    private List<byte[]> parts;

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
                lengths = Arrays.copyOf(lengths, line.name().length + 1);
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
                    lengths = Arrays.copyOf(lengths, host.name().length() + 1);
                }
                lengths[host.name().length()]++;
            }
            ZoneFragments.Line line = host == null ? null : new ZoneFragments.Line(host);
            tailLengths += line == null ? 0 : line.tail().length;
            changedLines.put(change.getKey(), line);
        }
        ForwardFragment rendered = parts != null ? this : base;
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
     * The fragment's bytes in parts, rendered once: the header, then each run's lines, taken from
     * the version this one was made from where the run is shared (and the name column as wide).
     * The arrays are shared between versions: read only.
     */
    public synchronized List<byte[]> parts() {
        if (parts == null) {
            int width = width();
            Map<AddressOrdered.Run<ZoneFragments.Line>, byte[]> shared = base != null && base.width() == width
                    ? base.partsByRun() : Map.of();
            List<AddressOrdered.Run<ZoneFragments.Line>> runs = lines.runs();
            List<byte[]> out = new ArrayList<>(runs.size() + 1);
            out.add(ZoneFragments.header());
            for (AddressOrdered.Run<ZoneFragments.Line> run : runs) {
                byte[] part = shared.get(run);
                out.add(part != null ? part : ZoneFragments.renderLines(run, width));
            }
            parts = Collections.unmodifiableList(out);
            base = null;
        }
        return parts;
    }

    /** The rendered part of each run, by the run's identity. */
    private Map<AddressOrdered.Run<ZoneFragments.Line>, byte[]> partsByRun() {
        List<byte[]> rendered = parts();
        List<AddressOrdered.Run<ZoneFragments.Line>> runs = lines.runs();
        Map<AddressOrdered.Run<ZoneFragments.Line>, byte[]> out = new IdentityHashMap<>(runs.size() * 2);
        for (int k = 0; k < runs.size(); k++) {
            out.put(runs.get(k), rendered.get(k + 1));
        }
        return out;
    }

    /** The fragment's bytes in one array (its parts joined): for a caller that needs them so. */
    public byte[] bytes() {
        List<byte[]> all = parts();
        int size = 0;
        for (byte[] part : all) {
            size += part.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] part : all) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Whether {@code content} holds exactly this fragment's bytes; compared part by part, nothing joined. */
    public boolean contentEquals(byte[] content) {
        int at = 0;
        for (byte[] part : parts()) {
            if (at + part.length > content.length
                    || !Arrays.equals(part, 0, part.length, content, at, at + part.length)) {
                return false;
            }
            at += part.length;
        }
        return at == content.length;
    }

    /** Whether the two render the same bytes: parts they share are not looked at. */
    public boolean contentEquals(ForwardFragment other) {
        List<byte[]> mine = parts();
        List<byte[]> theirs = other.parts();
        if (mine.size() == theirs.size()) {
            boolean same = true;
            for (int k = 0; k < mine.size() && same; k++) {
                same = mine.get(k) == theirs.get(k);
            }
            if (same) {
                return true;
            }
        }
        // parts may split the same bytes differently: walk both
        int i = 0;
        int j = 0;
        int atMine = 0;
        int atTheirs = 0;
        while (i < mine.size() && j < theirs.size()) {
            byte[] a = mine.get(i);
            byte[] b = theirs.get(j);
            int n = Math.min(a.length - atMine, b.length - atTheirs);
            if (!Arrays.equals(a, atMine, atMine + n, b, atTheirs, atTheirs + n)) {
                return false;
            }
            atMine += n;
            atTheirs += n;
            if (atMine == a.length) {
                i++;
                atMine = 0;
            }
            if (atTheirs == b.length) {
                j++;
                atTheirs = 0;
            }
        }
        return rest(mine, i) && rest(theirs, j);
    }

    /** Whether the parts from {@code from} on are all empty. */
    private static boolean rest(List<byte[]> parts, int from) {
        for (int k = from; k < parts.size(); k++) {
            if (parts.get(k).length > 0) {
                return false;
            }
        }
        return true;
    }

    private int width() {
        for (int length = nameLengths.length - 1; length > 0; length--) {
            if (nameLengths[length] > 0) {
                return length;
            }
        }
        return 0;
    }

    /**
     * How many records of {@code older} (a record: the name without case, and the address) are not
     * in this fragment. A run both versions share holds the same lines, so only the lines of the
     * runs that changed are looked up.
     */
    public int removedSince(ForwardFragment older) {
        Set<AddressOrdered.Run<ZoneFragments.Line>> shared = Collections.newSetFromMap(new IdentityHashMap<>());
        shared.addAll(lines.runs());
        int removed = 0;
        for (AddressOrdered.Run<ZoneFragments.Line> run : older.lines.runs()) {
            if (shared.contains(run)) {
                continue;
            }
            for (ZoneFragments.Line line : run) {
                ZoneFragments.Line now = lines.get(line.host().address());
                if (now == null || !now.host().name().toLowerCase(Locale.ROOT)
                        .equals(line.host().name().toLowerCase(Locale.ROOT))) {
                    removed++;
                }
            }
        }
        return removed;
    }
}
