package dev.dhcpharvester.publication;

import dev.dhcpharvester.source.Addresses;
import dev.dhcpharvester.source.Ipv4;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CORD harvester's way into DNS: write the fragment a bind9 zone {@code $INCLUDE}s, then
 * {@code rndc reload} the zone. Quiet when nothing changed: no write, no reload. A reload that
 * failed is retried by the next harvest even though the file is unchanged by then, because the
 * content last reloaded successfully is remembered in a small state file beside the fragment.
 */
public final class IncludePublisher {

    /** Below this many published hosts the removal guard does not apply. */
    static final int GUARD_MINIMUM = 10;

    private final IncludeOptions options;
    private final Clock clock;
    private final OutputStream stdout;

    /**
     * The fragment this process wrote last, with its hosts in address order: a daemon's next harvest
     * finds the same bytes in the file and need not parse 100,000 lines again for the removal guard.
     */
    private static final LastWritten LAST_WRITTEN = new LastWritten();

    private static final class LastWritten {
        private Path file;
        private byte[] bytes;
        private List<PublishedHost> hosts;

        /** The hosts of the fragment this process wrote to {@code dest}, if the file still holds it; else null. */
        synchronized List<PublishedHost> hostsOf(Path dest, byte[] fragment) {
            return dest.equals(file) && Arrays.equals(bytes, fragment) ? hosts : null;
        }

        synchronized void remember(Path dest, byte[] fragment, List<PublishedHost> sortedHosts) {
            file = dest;
            bytes = fragment;
            hosts = sortedHosts;
        }
    }

    public IncludePublisher(IncludeOptions options, Clock clock, OutputStream stdout) {
        this.options = options;
        this.clock = clock;
        this.stdout = stdout;
    }

    public IncludeResult publish(List<PublishedHost> unordered) throws PublicationException {
        List<PublishedHost> hosts = Addresses.sortedByAddress(unordered, PublishedHost::address, PublishedHost::ipv4);
        byte[] forward = ZoneFragments.forwardInOrder(hosts);
        return publish(hosts, List.of(forward), () -> {
            if (holds(options.dest(), List.of(forward))) {
                return new Comparison(true, null);
            }
            byte[] previous = readIfPresent(options.dest()); // only when it differs: to count what it removes
            if (previous == null) {
                return new Comparison(false, null);
            }
            List<PublishedHost> cached = LAST_WRITTEN.hostsOf(options.dest(), previous);
            return new Comparison(false, cached != null ? new Removal(cached.size(), removedBetween(cached, hosts))
                    : removal(previous, hosts));
        }, () -> LAST_WRITTEN.remember(options.dest(), forward, hosts));
    }

    /**
     * A fragment as last published to the destination, with the file's stamp (identity, size,
     * modification time) just after: while the file keeps that stamp it holds that fragment, and
     * need not be read again to be compared with the next.
     */
    public record Published(ForwardFragment fragment, List<Object> stamp) {
    }

    /**
     * Publishes a fragment kept across harvests (watch mode). {@code last} is what the caller last
     * published to the destination, or null: while the file still holds it, neither the comparison
     * nor the removal guard reads the file.
     */
    public IncludeResult publish(ForwardFragment next, Published last) throws PublicationException {
        return publish(next.hosts(), next.parts(), () -> {
            if (last != null && last.stamp().equals(stamp(options.dest()))) { // the file holds what was last published
                return next.contentEquals(last.fragment()) ? new Comparison(true, null)
                        : new Comparison(false, new Removal(last.fragment().size(), next.removedSince(last.fragment())));
            }
            if (holds(options.dest(), next.parts())) {
                return new Comparison(true, null);
            }
            byte[] previous = readIfPresent(options.dest()); // only when it differs: to count what it removes
            return new Comparison(false, previous == null ? null : removal(previous, next.hosts()));
        }, () -> { });
    }

    /** The fragment as the destination holds it now (just published), for {@link #publish(ForwardFragment, Published)}. */
    public Published published(ForwardFragment fragment) {
        return new Published(fragment, stamp(options.dest()));
    }

    /** The file's identity, size and modification time; empty when it cannot be read. */
    private static List<Object> stamp(Path file) {
        try {
            var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return java.util.Arrays.asList(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** How many hosts a fragment published, and how many of them the next one removes. */
    record Removal(int published, int removed) {
    }

    /** How a fragment compares with the destination's: the same bytes, or else what it removes (null: no file). */
    private record Comparison(boolean unchanged, Removal removal) {
    }

    /** Compares the fragment to publish with what the destination holds. */
    private interface Comparer {
        Comparison compare() throws PublicationException;
    }

    /** Publishes the rendered fragment (its bytes in parts, written one after the other). */
    private IncludeResult publish(List<PublishedHost> hosts, List<byte[]> forward, Comparer comparer, Runnable onWritten)
            throws PublicationException {
        List<byte[]> reverse = new ArrayList<>();
        for (ReverseFragment fragment : options.reverse()) {
            reverse.add(ZoneFragments.reverse(hosts, options.zone(), fragment.zone()));
        }
        if (options.dest() == null) {
            try {
                for (byte[] part : forward) {
                    stdout.write(part);
                }
                stdout.flush();
            } catch (IOException e) {
                throw new PublicationException("cannot write to standard output: " + e.getMessage(), e);
            }
        }
        Comparison comparison = options.dest() == null ? new Comparison(false, null) : comparer.compare();
        int removed = comparison.unchanged() || comparison.removal() == null ? 0 : guard(comparison.removal());
        Path state = options.reload() ? stateFile() : null;
        boolean written = options.dest() != null && !comparison.unchanged() && replace(options.dest(), forward, state);
        if (written) {
            onWritten.run();
        }
        List<IncludeResult.Reverse> reverseResults = new ArrayList<>();
        boolean anyWritten = written;
        for (int i = 0; i < reverse.size(); i++) {
            ReverseFragment fragment = options.reverse().get(i);
            boolean reverseWritten = write(fragment.file(), reverse.get(i), state);
            anyWritten |= reverseWritten;
            reverseResults.add(new IncludeResult.Reverse(fragment.zone(), fragment.file().toString(),
                    ZoneFragments.recordCount(reverse.get(i)), reverseWritten, null));
        }
        String dest = options.dest() == null ? "-" : options.dest().toString();
        int records = hosts.size();
        if (!options.reload()) {
            return new IncludeResult(dest, records, removed, written, reverseResults, null, null);
        }
        if (!anyWritten && state != null && reloadedMark().equals(readState(state))) {
            return new IncludeResult(dest, records, removed, written, reverseResults, null, null);
        }
        IncludeResult.Serial serial = options.bumpSerial() == null ? null : bumpSerial(options.bumpSerial());
        for (int i = 0; i < reverseResults.size(); i++) {
            Path zoneFile = options.reverse().get(i).bumpSerial();
            if (zoneFile != null) {
                reverseResults.set(i, reverseResults.get(i).withSerial(bumpSerial(zoneFile)));
            }
        }
        try {
            IncludeResult.Reload reload = reload();
            if (state != null) {
                write(state, (reloadedMark() + "\n").getBytes(StandardCharsets.US_ASCII), null);
            }
            return new IncludeResult(dest, records, removed, written, reverseResults, serial, reload);
        } catch (PublicationException e) {
            if (state != null) {
                deleteState(state);
            }
            throw e;
        }
    }

    /**
     * Reloads the forward zone and each reverse zone with a fragment. A reverse fragment given
     * without its zone could belong to any zone, so then every zone is reloaded ({@code rndc reload}).
     */
    private IncludeResult.Reload reload() throws PublicationException {
        List<String> zones = new ArrayList<>();
        zones.add(options.rndc().zone());
        for (ReverseFragment fragment : options.reverse()) {
            zones.add(fragment.zone());
        }
        if (zones.contains(null)) {
            zones = java.util.Collections.singletonList(null);
        }
        List<String> commands = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (String zone : zones) {
            RndcReloader rndc = new RndcReloader(options.rndc().forZone(zone));
            commands.add(String.join(" ", rndc.command()));
            String message = rndc.reload();
            if (!message.isBlank()) {
                messages.add(message);
            }
        }
        return new IncludeResult.Reload(String.join("; ", commands), true, String.join("; ", messages));
    }

    private static byte[] readIfPresent(Path file) throws PublicationException {
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new PublicationException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a fragment that would drop an implausible share of what is published now; returns the removals. */
    private int guard(Removal removal) throws PublicationException {
        int previousCount = removal.published();
        int removed = removal.removed();
        if (!options.force() && previousCount >= GUARD_MINIMUM && removed > previousCount * options.maxRemoval()) {
            throw new PublicationException(String.format(
                    "refusing to remove %d of the %d hosts published in %s (more than %.0f%%); DNS left unchanged."
                            + " If that is intended, run again with --force", removed, previousCount, options.dest(),
                    options.maxRemoval() * 100));
        }
        return removed;
    }

    /** What {@code next} (in address order) removes from a fragment known only by its bytes (written by someone else, or long ago). */
    private static Removal removal(byte[] previousFragment, List<PublishedHost> next) {
        Removal inOrder = removalInOrder(previousFragment, next);
        return inOrder != null ? inOrder : removalOfRecords(previousFragment, next);
    }

    /** {@link #removal} for any fragment: its records made hosts, sorted, repeats dropped, then one walk. */
    static Removal removalOfRecords(byte[] previousFragment, List<PublishedHost> next) {
        List<PublishedHost> previous = withoutRepeats(Addresses.sortedByAddress(records(previousFragment),
                PublishedHost::address));
        return new Removal(previous.size(), removedBetween(previous, next));
    }

    /**
     * {@link #removal} in one walk over the fragment's lines, keeping no record: for a fragment of
     * IPv4 records in address order, as this publisher writes them (a cron harvest whose leases
     * changed compares 170,000 records this way, where making them hosts to sort cost 0.15 s and a
     * collection); null for any other fragment, or when {@code next} holds an IPv6 address.
     */
    static Removal removalInOrder(byte[] fragment, List<PublishedHost> next) {
        long[] keys = new long[next.size()];
        for (int j = 0; j < keys.length; j++) {
            keys[j] = next.get(j).ipv4(); // a record made of a lease: no address text made for this
            if (keys[j] < 0 || (j > 0 && keys[j] < keys[j - 1])) {
                return null;
            }
        }
        int[] fields = new int[8];
        List<String> runNames = new ArrayList<>(); // the names of the current address's records, once each
        long runAddress = -1;
        int runFrom = 0; // next's hosts at the current address: [runFrom, runTo)
        int runTo = 0;
        int published = 0;
        int removed = 0;
        for (int at = 0; at < fragment.length; ) {
            int end = at;
            while (end < fragment.length && fragment[end] != '\n') {
                end++;
            }
            if (isAddressRecord(fragment, at, end, fields)) {
                long address = Ipv4.parse(text(fragment, fields, 3));
                if (address < 0 || address < runAddress) {
                    return null; // IPv6 or not an address at all, or out of order: the general count
                }
                if (address != runAddress) {
                    runAddress = address;
                    runNames.clear();
                    runFrom = runTo;
                    while (runFrom < keys.length && keys[runFrom] < address) {
                        runFrom++;
                    }
                    runTo = runFrom;
                    while (runTo < keys.length && keys[runTo] == address) {
                        runTo++;
                    }
                }
                String name = text(fragment, fields, 0);
                if (!containsIgnoringCase(runNames, name)) {
                    runNames.add(name);
                    published++;
                    boolean kept = false;
                    for (int k = runFrom; k < runTo && !kept; k++) {
                        kept = next.get(k).name().equalsIgnoreCase(name);
                    }
                    removed += kept ? 0 : 1;
                }
            }
            at = end + 1;
        }
        return new Removal(published, removed);
    }

    private static boolean containsIgnoringCase(List<String> names, String name) {
        for (String other : names) {
            if (other.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many records of {@code previous} are not in {@code next} (a record: the name without case,
     * and the address), both in address order: one walk, no set of 100,000 strings per harvest.
     */
    static int removedBetween(List<PublishedHost> previous, List<PublishedHost> next) {
        int removed = 0;
        int j = 0;
        for (int i = 0; i < previous.size(); ) {
            String address = previous.get(i).address();
            while (j < next.size() && Addresses.ORDER.compare(next.get(j).address(), address) < 0) {
                j++;
            }
            int runEnd = j;
            while (runEnd < next.size() && next.get(runEnd).address().equals(address)) {
                runEnd++;
            }
            for (; i < previous.size() && previous.get(i).address().equals(address); i++) {
                boolean kept = false;
                for (int k = j; k < runEnd && !kept; k++) {
                    kept = next.get(k).name().equalsIgnoreCase(previous.get(i).name());
                }
                removed += kept ? 0 : 1;
            }
        }
        return removed;
    }

    /**
     * The address records ({@code A}, {@code AAAA}) of a fragment as hosts (name and address): what a
     * removal is counted against. Comment lines and other records do not count.
     */
    private static List<PublishedHost> records(byte[] fragment) {
        List<PublishedHost> out = new ArrayList<>();
        int[] fields = new int[8]; // start and end of the first four fields
        for (int at = 0; at < fragment.length; ) {
            int end = at;
            while (end < fragment.length && fragment[end] != '\n') {
                end++;
            }
            if (isAddressRecord(fragment, at, end, fields)) {
                out.add(new PublishedHost(text(fragment, fields, 0), text(fragment, fields, 3), ""));
            }
            at = end + 1;
        }
        return out;
    }

    /** Whether the line {@code fragment[at, end)} is an {@code A} or {@code AAAA} record; its fields in {@code fields}. */
    private static boolean isAddressRecord(byte[] fragment, int at, int end, int[] fields) {
        return fields(fragment, at, end, fields) == 4 && fragment[fields[0]] != ';' && is(fragment, fields, 1, IN)
                && (is(fragment, fields, 2, A) || is(fragment, fields, 2, AAAA));
    }

    private static final byte[] IN = {'I', 'N'};
    private static final byte[] A = {'A'};
    private static final byte[] AAAA = {'A', 'A', 'A', 'A'};

    private static boolean is(byte[] line, int[] fields, int field, byte[] word) {
        return Arrays.equals(line, fields[2 * field], fields[2 * field + 1], word, 0, word.length);
    }

    private static String text(byte[] line, int[] fields, int field) {
        return new String(line, fields[2 * field], fields[2 * field + 1] - fields[2 * field], StandardCharsets.ISO_8859_1);
    }

    /** Hosts in address order without a record repeated (the same address and name, without case). */
    private static List<PublishedHost> withoutRepeats(List<PublishedHost> sorted) {
        List<PublishedHost> out = new ArrayList<>(sorted.size());
        int runStart = 0; // of the hosts in out with the current address
        for (PublishedHost host : sorted) {
            if (!out.isEmpty() && !out.get(out.size() - 1).address().equals(host.address())) {
                runStart = out.size();
            }
            boolean repeated = false;
            for (int k = runStart; k < out.size() && !repeated; k++) {
                repeated = out.get(k).name().equalsIgnoreCase(host.name());
            }
            if (!repeated) {
                out.add(host);
            }
        }
        return out;
    }

    /**
     * Finds the blank-separated fields of {@code text[from, to)}, at most {@code fields.length / 2}, as
     * start and end pairs in {@code fields}; returns how many.
     */
    private static int fields(byte[] text, int from, int to, int[] fields) {
        int count = 0;
        int i = from;
        while (i < to && count < fields.length / 2) {
            while (i < to && blank(text[i])) {
                i++;
            }
            int start = i;
            while (i < to && !blank(text[i])) {
                i++;
            }
            if (i > start) {
                fields[2 * count] = start;
                fields[2 * count + 1] = i;
                count++;
            }
        }
        return count;
    }

    private static boolean blank(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private IncludeResult.Serial bumpSerial(Path zoneFile) throws PublicationException {
        try {
            String text = Files.readString(zoneFile, StandardCharsets.ISO_8859_1);
            SoaSerial.Bumped bumped = SoaSerial.bump(text, LocalDate.now(clock));
            AtomicFiles.replace(zoneFile, bumped.text().getBytes(StandardCharsets.ISO_8859_1));
            return new IncludeResult.Serial(zoneFile.toString(), bumped.from(), bumped.to());
        } catch (IllegalArgumentException e) {
            throw new PublicationException("cannot raise the serial of " + zoneFile + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PublicationException("cannot raise the serial of " + zoneFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces a file already found to differ (not read again to compare); returns true. The
     * record of the last reload ({@code state}, or null) goes first: whatever happens after, the
     * next harvest reloads.
     */
    private static boolean replace(Path file, List<byte[]> content, Path state) throws PublicationException {
        try {
            if (state != null) {
                Files.deleteIfExists(state);
            }
            AtomicFiles.replace(file, content);
            return true;
        } catch (IOException e) {
            throw new PublicationException("cannot write " + file + ": " + e.getMessage()
                    + "; the previous file is unchanged", e);
        }
    }

    /** Writes a file unless it holds {@code content} already; the record of the last reload goes first, as in {@link #replace}. */
    private static boolean write(Path file, byte[] content, Path state) throws PublicationException {
        return !holds(file, List.of(content)) && replace(file, List.of(content), state);
    }

    /** {@link AtomicFiles#holds}, a failure to read being a publication error. */
    private static boolean holds(Path file, List<byte[]> parts) throws PublicationException {
        try {
            return AtomicFiles.holds(file, parts);
        } catch (IOException e) {
            throw new PublicationException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Path stateFile() {
        Path dest = options.dest();
        return dest == null ? null : dest.toAbsolutePath().resolveSibling("." + dest.getFileName() + ".reloaded");
    }

    private static String readState(Path state) {
        try {
            return Files.readString(state, StandardCharsets.US_ASCII).strip();
        } catch (IOException missing) {
            return "";
        }
    }

    private static void deleteState(Path state) {
        try {
            Files.deleteIfExists(state);
        } catch (IOException ignored) {
            // without the state file the next harvest reloads anyway
        }
    }

    /**
     * What a successful reload is recorded as in the state file: the zone, and each fragment file's
     * identity, size and modification time. A fragment is only ever replaced whole (a new file), and
     * the record is deleted before any fragment is written, so a record that matches means the files
     * are as they were when named last loaded them; no digest of megabytes each harvest.
     */
    private String reloadedMark() {
        StringBuilder mark = new StringBuilder("zone ").append(options.zone()).append(' ').append(stamp(options.dest()));
        for (ReverseFragment fragment : options.reverse()) {
            mark.append(' ').append(fragment.zone()).append(' ').append(stamp(fragment.file()));
        }
        return mark.toString();
    }
}
