package dev.dhcpharvester.publication.ddns;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Kea D2's way into DNS, with RFC 4703 conflict resolution in its default mode
 * (check-with-dhcid): a name is added only where it is free, replaced only where its DHCID says
 * it is this client's, and removed only where its DHCID says it is ours, so a static record or
 * another client's name is never touched. PTR records follow in the reverse zones.
 *
 * <p>Convergence is level-triggered against a small state file of what this harvester last
 * published: only names that are new, moved or gone cause an UPDATE, so an unchanged cycle sends
 * nothing. The file is a cache, not the truth: without it every name is re-sent, and the DHCID
 * prerequisites make that harmless. A name whose update failed stays out of the file and is
 * tried again next cycle.
 *
 * <p>New names go many to a message; changed and removed names one by one. The other three of
 * Kea's conflict modes relax the checks ({@link ConflictMode}). Not yet: owners.
 */
public final class DdnsPublisher {

    /** Kea's conflict resolution modes (RFC 4703 and its relaxations). */
    public enum ConflictMode {
        /** Add only free names; replace and remove only where the DHCID is the client's (the default). */
        CHECK_WITH_DHCID,
        /** Write DHCIDs, but add, replace and remove without any prerequisite. */
        NO_CHECK_WITH_DHCID,
        /** Add only free names; replace and remove where any DHCID exists (clients sharing names). */
        CHECK_EXISTS_WITH_DHCID,
        /** No prerequisites and no DHCID records at all. */
        NO_CHECK_WITHOUT_DHCID;

        public static ConflictMode parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        boolean checks() {
            return this == CHECK_WITH_DHCID || this == CHECK_EXISTS_WITH_DHCID;
        }

        boolean writesDhcid() {
            return this != NO_CHECK_WITHOUT_DHCID;
        }
    }

    /**
     * Where and how to publish.
     *
     * @param dryRun     work out the changes and report them as {@code would-add}, {@code would-replace},
     *                   {@code would-remove}, sending nothing and keeping the state file as it is
     * @param maxRemoval refuses a cycle that would remove more names than this allows, or null
     */
    public record Options(List<DdnsZone> forward, List<DdnsZone> reverse, Path stateFile, ConflictMode mode,
            boolean dryRun, RemovalLimit maxRemoval) {
        public Options {
            forward = List.copyOf(forward);
            reverse = List.copyOf(reverse);
        }

        /** Check-with-dhcid, for real, no removal limit. */
        public Options(List<DdnsZone> forward, List<DdnsZone> reverse, Path stateFile) {
            this(forward, reverse, stateFile, ConflictMode.CHECK_WITH_DHCID, false, null);
        }

        /**
         * The reverse zone of a PTR name: the longest configured one that holds it; with none
         * configured, the /24 zone derived from an IPv4 address, served by the first forward zone's servers.
         */
        DdnsZone reverseZone(Name reverseName) {
            if (reverse.isEmpty()) {
                return forward.isEmpty() || !reverseName.subdomain(IN_ADDR_ARPA) ? null
                        : new DdnsZone(new Name(reverseName, 1), forward.get(0).servers());
            }
            return DdnsZone.holding(reverseName, reverse);
        }
    }

    /** {@code N} names or {@code P%} of the published ones, applied when 10 or more are published. */
    public record RemovalLimit(int count, double share) {

        public static RemovalLimit parse(String text) {
            String t = text.trim();
            try {
                return t.endsWith("%") ? new RemovalLimit(-1, Double.parseDouble(t.substring(0, t.length() - 1)) / 100)
                        : new RemovalLimit(Integer.parseInt(t), -1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--max-removals takes a number of names or a percentage, e.g. 100 or 50%");
            }
        }

        boolean exceeded(int removals, int published) {
            return count >= 0 ? removals > count : published >= 10 && removals > published * share;
        }
    }

    /** What happened to one name: added, replaced, unchanged, removed, conflict, no-zone or failed. */
    public record HostOutcome(String fqdn, String address, String action, String detail) {
    }

    /** Every name's outcome and the UPDATE messages sent. */
    public record Result(List<HostOutcome> outcomes, int updatesSent) {
        public long count(String action) {
            return outcomes.stream().filter(o -> o.action().equals(action)).count();
        }
    }

    /**
     * What the state file remembers of a published name; the last three are null for a name
     * published forward and reverse in the publisher's mode, so such entries read as before.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Published(String address, String dhcid, ConflictMode mode, Boolean forward, Boolean reverse) {

        boolean forwardRecords() {
            return forward == null || forward;
        }

        boolean reverseRecords() {
            return reverse == null || reverse;
        }
    }

    private final DdnsStateFile stateFile;
    private boolean saved;
    private long savedAt;
    private Duration saveEvery = Duration.ZERO;

    private final Options options;
    private final UpdateSender sender;

    public DdnsPublisher(Options options, UpdateSender sender) {
        this.options = options;
        this.sender = sender;
        this.stateFile = DdnsStateFile.of(options.stateFile());
    }

    /** Converges DNS on {@code desired}, the complete set: names published before and not in it are removed. */
    public Result publish(List<DdnsHost> desired) throws IOException {
        return converge(stateFile.read(), wanted(desired), null);
    }

    /**
     * As {@link #publish(List)}, but the names in {@code keep} are left as they are, neither removed
     * nor changed: those of a lease source that could not be read this time.
     */
    public Result publish(List<DdnsHost> desired, java.util.Set<String> keep) throws IOException {
        if (keep.isEmpty()) {
            return publish(desired);
        }
        Map<String, Published> state = stateFile.read();
        Map<String, DdnsHost> wanted = wanted(desired);
        java.util.Set<String> kept = new java.util.HashSet<>();
        keep.forEach(fqdn -> kept.add(key(fqdn)));
        wanted.keySet().removeAll(kept);
        Map<String, Published> removals = new TreeMap<>(state);
        removals.keySet().removeAll(kept);
        return converge(state, wanted, removals);
    }

    /**
     * Makes the changes that requests ask for, as Kea D2 does: {@code adds} published (or kept),
     * {@code removes} removed, every other name left as it is. A name to remove that this
     * publisher has no record of (one D2 added before us, or one added before the state file was
     * lost) is removed all the same, with the request's address and DHCID checked as for our own.
     */
    public Result apply(List<DdnsHost> adds, List<DdnsHost> removes) throws IOException {
        Map<String, Published> state = stateFile.read();
        Map<String, DdnsHost> wanted = wanted(adds);
        Map<String, Published> removals = new TreeMap<>();
        for (DdnsHost gone : removes) {
            String key = key(gone.fqdn());
            if (!wanted.containsKey(key)) {
                removals.put(key, state.containsKey(key) ? state.get(key) : published(gone));
            }
        }
        return converge(state, wanted, removals);
    }

    private static Map<String, DdnsHost> wanted(List<DdnsHost> hosts) {
        Map<String, DdnsHost> wanted = new LinkedHashMap<>();
        for (DdnsHost host : hosts) {
            wanted.put(key(host.fqdn()), host);
        }
        return wanted;
    }

    /**
     * Sends what it takes to publish {@code wanted} and remove {@code removals}, and records it: a
     * cost that follows those names (and the removal count over the state), not the state's size.
     *
     * @param state    what this harvester last published
     * @param removals the names to remove with the records to remove (the state's, or a request's
     *                 for a name the state does not hold), in name order; null: every name not wanted
     */
    private Result converge(Map<String, Published> state, Map<String, DdnsHost> wanted, Map<String, Published> removals)
            throws IOException {
        java.util.function.Predicate<String> toRemove = name -> !wanted.containsKey(name)
                && (removals == null || removals.containsKey(name));
        Map<String, Published> removing = removals != null ? removals : state;
        long removalCount = removing.keySet().stream().filter(toRemove).count();
        if (options.maxRemoval() != null && options.maxRemoval().exceeded((int) removalCount, state.size())) {
            throw new RemovalRefusedException(String.format("refusing to remove %d of the %d names published through"
                    + " %s; DNS left unchanged. If that is intended, run again with --force", removalCount, state.size(),
                    options.stateFile()));
        }
        if (options.dryRun()) {
            return plan(state, wanted, removing, toRemove);
        }
        Map<String, Published> next = new LinkedHashMap<>(); // the names changed: record, or null when removed
        List<HostOutcome> outcomes = new ArrayList<>();
        int before = sender.sent();
        List<DdnsHost> fresh = new ArrayList<>();
        for (Map.Entry<String, DdnsHost> entry : wanted.entrySet()) {
            DdnsHost host = entry.getValue();
            Published was = state.get(entry.getKey());
            if (published(host).equals(was)) {
                outcomes.add(new HostOutcome(host.fqdn(), host.address(), "unchanged", null));
            } else if (!host.forward()) {
                String problem = reverseAdd(name(host.fqdn()), address(host.address()), host);
                record(outcomes, next, host, problem == null
                        ? new HostOutcome(host.fqdn(), host.address(), was == null ? "added" : "replaced", "PTR only")
                        : new HostOutcome(host.fqdn(), host.address(), "failed", problem + "; tried again next cycle"));
            } else if (was == null) {
                fresh.add(host);
            } else {
                record(outcomes, next, host, addOrReplace(host, was));
            }
        }
        for (DdnsHost host : addInBatches(fresh, outcomes, next)) {
            record(outcomes, next, host, addOrReplace(host, null));
        }
        for (Map.Entry<String, Published> entry : removing.entrySet()) {
            if (toRemove.test(entry.getKey())) {
                HostOutcome outcome = remove(entry.getKey(), entry.getValue());
                outcomes.add(outcome);
                if (!outcome.action().equals("failed") && state.containsKey(entry.getKey())) {
                    next.put(entry.getKey(), null);
                }
            }
        }
        if (!next.isEmpty()) {
            remember(next);
        }
        return new Result(List.copyOf(outcomes), sender.sent() - before);
    }

    /** A cycle that would remove an implausible share of the names: refused, nothing sent. */
    public static final class RemovalRefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RemovalRefusedException(String message) {
            super(message);
        }
    }

    /** What a cycle would do, for --dry-run. */
    private static Result plan(Map<String, Published> state, Map<String, DdnsHost> wanted, Map<String, Published> removing,
            java.util.function.Predicate<String> toRemove) {
        List<HostOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, DdnsHost> entry : wanted.entrySet()) {
            DdnsHost host = entry.getValue();
            Published was = state.get(entry.getKey());
            String action = was == null ? "would-add" : published(host).equals(was) ? "unchanged" : "would-replace";
            outcomes.add(new HostOutcome(host.fqdn(), host.address(), action,
                    was == null || action.equals("unchanged") ? null : "was " + was.address()));
        }
        for (Map.Entry<String, Published> entry : removing.entrySet()) {
            if (toRemove.test(entry.getKey())) {
                outcomes.add(new HostOutcome(entry.getKey(), entry.getValue().address(), "would-remove", null));
            }
        }
        return new Result(List.copyOf(outcomes), 0);
    }

    private static Published published(DdnsHost host) {
        return new Published(host.address(), Base64.getEncoder().encodeToString(host.dhcid()), host.mode(),
                host.forward() ? null : Boolean.FALSE, host.reverse() ? null : Boolean.FALSE);
    }

    private ConflictMode mode(ConflictMode own) {
        return own != null ? own : options.mode();
    }

    /** An A or AAAA record, as the address is. */
    private static Record addressRecord(Name name, long ttl, InetAddress address) {
        return address instanceof Inet6Address ? new AAAARecord(name, DClass.IN, ttl, address)
                : new ARecord(name, DClass.IN, ttl, address);
    }

    private static int addressType(InetAddress address) {
        return address instanceof Inet6Address ? Type.AAAA : Type.A;
    }

    /** An address literal, never looked up in DNS. */
    private static InetAddress address(String literal) throws UnknownHostException {
        int family = literal.indexOf(':') >= 0 ? Address.IPv6 : Address.IPv4;
        return InetAddress.getByAddress(Address.toByteArray(literal, family));
    }

    private static void record(List<HostOutcome> outcomes, Map<String, Published> next, DdnsHost host, HostOutcome outcome) {
        outcomes.add(outcome);
        if (outcome.action().equals("added") || outcome.action().equals("replaced")) {
            next.put(key(host.fqdn()), published(host));
        }
    }

    /**
     * Adds names that this harvester has not published before, many per UPDATE message (each with
     * its own "name not in use" prerequisite), then their PTR records the same way. A message
     * whose prerequisites fail as a whole hands its names back for one-by-one treatment, so one
     * name's conflict never fails the others. Returns those names.
     */
    private List<DdnsHost> addInBatches(List<DdnsHost> fresh, List<HostOutcome> outcomes, Map<String, Published> next)
            throws IOException {
        List<DdnsHost> oneByOne = new ArrayList<>();
        Map<DdnsZone, List<DdnsHost>> byZone = new LinkedHashMap<>();
        for (DdnsHost host : fresh) {
            DdnsZone zone = DdnsZone.holding(name(host.fqdn()), options.forward());
            if (zone == null) {
                outcomes.add(new HostOutcome(host.fqdn(), host.address(), "no-zone", "no forward zone holds " + host.fqdn()));
            } else {
                byZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(host);
            }
        }
        List<DdnsHost> added = new ArrayList<>();
        for (Map.Entry<DdnsZone, List<DdnsHost>> entry : byZone.entrySet()) {
            for (List<DdnsHost> batch : batches(entry.getValue())) {
                Update update = new Update(entry.getKey().name());
                for (DdnsHost host : batch) {
                    Name fqdn = name(host.fqdn());
                    InetAddress address = address(host.address());
                    if (mode(host.mode()).checks()) {
                        update.absent(fqdn);
                    } else {
                        update.delete(fqdn, addressType(address));
                        update.delete(fqdn, Type.DHCID);
                    }
                    update.add(addressRecord(fqdn, host.ttl(), address));
                    if (mode(host.mode()).writesDhcid()) {
                        update.add(new DHCIDRecord(fqdn, DClass.IN, host.ttl(), host.dhcid()));
                    }
                }
                UpdateSender.Answer answer = sender.send(update, entry.getKey());
                if (answer.answered() && answer.rcode() == Rcode.NOERROR) {
                    added.addAll(batch);
                } else if (answer.answered()) {
                    oneByOne.addAll(batch); // some name is in use: sort them out one by one
                } else {
                    for (DdnsHost host : batch) {
                        outcomes.add(failed(host.fqdn(), host.address(), answer));
                    }
                }
            }
        }
        Map<String, String> reverseProblems = reverseAddInBatches(added);
        for (DdnsHost host : added) {
            outcomes.add(new HostOutcome(host.fqdn(), host.address(), "added", reverseProblems.get(host.address())));
            next.put(key(host.fqdn()), published(host));
        }
        return oneByOne;
    }

    /** PTR records for newly added hosts, many per message; returns a problem per address that has one. */
    private Map<String, String> reverseAddInBatches(List<DdnsHost> hosts) throws IOException {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<DdnsZone, List<DdnsHost>> byZone = new LinkedHashMap<>();
        for (DdnsHost host : hosts) {
            if (!host.reverse()) {
                continue;
            }
            Name reverseName = ReverseMap.fromAddress(address(host.address()));
            DdnsZone zone = options.reverseZone(reverseName);
            if (zone != null) {
                byZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(host);
            } else {
                problems.put(host.address(), "no reverse zone holds " + reverseName);
            }
        }
        for (Map.Entry<DdnsZone, List<DdnsHost>> entry : byZone.entrySet()) {
            for (List<DdnsHost> batch : batches(entry.getValue())) {
                Update update = new Update(entry.getKey().name());
                for (DdnsHost host : batch) {
                    Name reverseName = ReverseMap.fromAddress(address(host.address()));
                    update.delete(reverseName, Type.PTR);
                    update.delete(reverseName, Type.DHCID);
                    update.add(new PTRRecord(reverseName, DClass.IN, host.ttl(), name(host.fqdn())));
                    if (mode(host.mode()).writesDhcid()) {
                        update.add(new DHCIDRecord(reverseName, DClass.IN, host.ttl(), host.dhcid()));
                    }
                }
                UpdateSender.Answer answer = sender.send(update, entry.getKey());
                if (!answer.answered() || answer.rcode() != Rcode.NOERROR) {
                    for (DdnsHost host : batch) {
                        problems.put(host.address(), "PTR not updated: " + (answer.answered() ? answer.rcodeName() : answer.failure()));
                    }
                }
            }
        }
        return problems;
    }

    private static final Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");

    /** Names per UPDATE message: about 100 bytes of records each, well under TCP's 64 KB message. */
    static final int BATCH = 200;

    private static List<List<DdnsHost>> batches(List<DdnsHost> hosts) {
        List<List<DdnsHost>> out = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i += BATCH) {
            out.add(hosts.subList(i, Math.min(hosts.size(), i + BATCH)));
        }
        return out;
    }

    private HostOutcome addOrReplace(DdnsHost host, Published was) throws IOException {
        Name fqdn = name(host.fqdn());
        DdnsZone zone = DdnsZone.holding(fqdn, options.forward());
        if (zone == null) {
            return new HostOutcome(host.fqdn(), host.address(), "no-zone", "no forward zone holds " + fqdn);
        }
        ConflictMode mode = mode(host.mode());
        InetAddress address = address(host.address());
        Record a = addressRecord(fqdn, host.ttl(), address);
        DHCIDRecord dhcid = new DHCIDRecord(fqdn, DClass.IN, host.ttl(), host.dhcid());

        Update add = new Update(zone.name());
        if (mode.checks()) {
            add.absent(fqdn);
        } else {
            add.delete(fqdn, addressType(address));
            add.delete(fqdn, Type.DHCID);
        }
        add.add(a);
        if (mode.writesDhcid()) {
            add.add(dhcid);
        }
        UpdateSender.Answer answer = sender.send(add, zone);
        String action = was == null ? "added" : "replaced";
        if (answer.answered() && answer.rcode() == Rcode.YXDOMAIN) {
            // The name is in use: replace it where its DHCID is this client's, or, for a name this
            // harvester published for another client that no longer claims it, that client's (a
            // handover, as D2's remove for the old lease and add for the new one).
            byte[] previous = was == null ? null : Base64.getDecoder().decode(was.dhcid());
            boolean handover = previous != null && !Arrays.equals(previous, host.dhcid());
            List<byte[]> owners = mode != ConflictMode.CHECK_WITH_DHCID ? java.util.Collections.singletonList(null)
                    : handover ? List.of(previous, host.dhcid()) : List.of(host.dhcid());
            for (byte[] owner : owners) {
                Update replace = new Update(zone.name());
                if (owner != null) {
                    // a value-dependent prerequisite carries TTL 0 (RFC 2136 section 2.4.2)
                    replace.present(new DHCIDRecord(fqdn, DClass.IN, 0, owner));
                } else {
                    replace.present(fqdn, Type.DHCID);
                }
                replace.delete(fqdn, addressType(address));
                boolean newOwner = owner == null ? handover : !Arrays.equals(owner, host.dhcid());
                if (newOwner && mode.writesDhcid()) {
                    replace.delete(fqdn, addressType(address(was.address())));
                    replace.delete(fqdn, Type.DHCID);
                    replace.add(dhcid);
                }
                replace.add(a);
                answer = sender.send(replace, zone);
                if (!answer.answered() || answer.rcode() != Rcode.NXRRSET) {
                    break;
                }
            }
            action = "replaced";
            if (answer.answered() && answer.rcode() == Rcode.NXRRSET) {
                return new HostOutcome(host.fqdn(), host.address(), "conflict",
                        "the name is in use and its DHCID is not this client's (another client or a static record); left alone");
            }
        }
        if (!answer.answered() || answer.rcode() != Rcode.NOERROR) {
            return failed(host.fqdn(), host.address(), answer);
        }
        String detail = null;
        if (was != null && was.reverseRecords() && !was.address().equals(host.address())) {
            detail = reverseRemove(fqdn, was.address());
        }
        String reverse = host.reverse() ? reverseAdd(fqdn, address, host) : null;
        return new HostOutcome(host.fqdn(), host.address(), action, join(detail, reverse));
    }

    private HostOutcome remove(String key, Published was) throws IOException {
        Name fqdn = name(key);
        if (!was.forwardRecords()) {
            String problem = reverseRemove(fqdn, was.address());
            return problem == null ? new HostOutcome(key, was.address(), "removed", "PTR only")
                    : new HostOutcome(key, was.address(), "failed", problem + "; tried again next cycle");
        }
        ConflictMode mode = mode(was.mode());
        DdnsZone zone = DdnsZone.holding(fqdn, options.forward());
        if (zone == null) {
            return new HostOutcome(key, was.address(), "removed", "no forward zone holds it any more; forgotten");
        }
        DHCIDRecord dhcid = new DHCIDRecord(fqdn, DClass.IN, 0, Base64.getDecoder().decode(was.dhcid()));
        Update delete = new Update(zone.name());
        if (mode == ConflictMode.CHECK_WITH_DHCID) {
            delete.present(dhcid);
        } else if (mode == ConflictMode.CHECK_EXISTS_WITH_DHCID) {
            delete.present(fqdn, Type.DHCID);
        }
        delete.delete(addressRecord(fqdn, 0, address(was.address())));
        UpdateSender.Answer answer = sender.send(delete, zone);
        if (!answer.answered()) {
            return failed(key, was.address(), answer);
        }
        if (answer.rcode() == Rcode.NXRRSET || answer.rcode() == Rcode.NXDOMAIN) {
            return new HostOutcome(key, was.address(), "removed", "no longer ours in DNS (DHCID differs or name gone); left alone");
        }
        if (answer.rcode() != Rcode.NOERROR) {
            return failed(key, was.address(), answer);
        }
        // The name's last address gone: remove the DHCID too, unless another record type remains.
        Update cleanup = new Update(zone.name());
        if (mode == ConflictMode.CHECK_WITH_DHCID) {
            cleanup.present(dhcid);
        }
        cleanup.absent(fqdn, Type.A);
        cleanup.absent(fqdn, Type.AAAA);
        cleanup.delete(fqdn, Type.DHCID);
        if (mode.writesDhcid()) {
            sender.send(cleanup, zone);
        }
        return new HostOutcome(key, was.address(), "removed", was.reverseRecords() ? reverseRemove(fqdn, was.address()) : null);
    }

    /** Replaces the PTR record of the address; reverse updates carry no prerequisite, as in D2. */
    private String reverseAdd(Name fqdn, InetAddress address, DdnsHost host) {
        Name reverseName = ReverseMap.fromAddress(address);
        DdnsZone zone = options.reverseZone(reverseName);
        if (zone == null) {
            return "no reverse zone holds " + reverseName;
        }
        Update update = new Update(zone.name());
        update.delete(reverseName, Type.PTR);
        update.delete(reverseName, Type.DHCID);
        update.add(new PTRRecord(reverseName, DClass.IN, host.ttl(), fqdn));
        if (mode(host.mode()).writesDhcid()) {
            update.add(new DHCIDRecord(reverseName, DClass.IN, host.ttl(), host.dhcid()));
        }
        UpdateSender.Answer answer = sender.send(update, zone);
        return answer.answered() && answer.rcode() == Rcode.NOERROR ? null
                : "PTR not updated: " + (answer.answered() ? answer.rcodeName() : answer.failure());
    }

    /** Deletes the PTR record of an address if it still points at this name. */
    private String reverseRemove(Name fqdn, String address) throws IOException {
        Name reverseName = ReverseMap.fromAddress(address(address));
        DdnsZone zone = options.reverseZone(reverseName);
        if (zone == null) {
            return null;
        }
        Update update = new Update(zone.name());
        update.present(new PTRRecord(reverseName, DClass.IN, 0, fqdn));
        update.delete(reverseName, Type.PTR);
        update.delete(reverseName, Type.DHCID);
        UpdateSender.Answer answer = sender.send(update, zone);
        return !answer.answered() ? "PTR not removed: " + answer.failure() : null;
    }

    private static HostOutcome failed(String fqdn, String address, UpdateSender.Answer answer) {
        String why = answer.answered() ? answer.server() + " answered " + answer.rcodeName() : answer.failure();
        return new HostOutcome(fqdn, address, "failed", why + "; tried again next cycle");
    }

    /**
     * Writes the state file at most once per {@code interval} (default: after every cycle that
     * changed it); between writes the publisher works from memory. For a long-running publisher
     * with many names, whose cycles come many a second: a state file a little behind after a crash
     * only makes the next start re-send some names, which the DHCID checks make harmless.
     * {@link #flush} writes what is pending.
     */
    public void saveAtMostEvery(Duration interval) {
        this.saveEvery = interval;
    }

    /** Writes the state file if this publisher knows more than it holds. */
    public void flush() throws IOException {
        if (stateFile.unsaved()) {
            save();
        }
    }

    /** Applies the changed names to the state, written now or, with {@link #saveAtMostEvery}, when due. */
    private void remember(Map<String, Published> changes) throws IOException {
        stateFile.apply(changes);
        if (!saved || saveEvery.isZero() || System.nanoTime() - savedAt >= saveEvery.toNanos()) {
            save();
        }
    }

    private void save() throws IOException {
        stateFile.save();
        saved = true;
        savedAt = System.nanoTime();
    }

    private static String key(String fqdn) {
        String lower = fqdn.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    private static Name name(String fqdn) {
        try {
            return Name.fromString(key(fqdn));
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a domain name: " + fqdn, e);
        }
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }
}
