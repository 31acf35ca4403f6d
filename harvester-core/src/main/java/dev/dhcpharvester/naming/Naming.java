package dev.dhcpharvester.naming;

import dev.dhcpharvester.publication.ddns.Dhcid;
import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import dev.dhcpharvester.source.Lease;
import dev.dhcpharvester.util.InParallel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Gives every lease in force a valid DNS label, or sets it aside with the reason: a lease with
 * no name becomes {@code UNK-<MAC>}, a client's name is checked by {@link HostnameSanitizer},
 * and the {@link NamePolicy} decides what is published.
 */
public final class Naming {

    /** Hosts that go on to verification, and those set aside here. */
    public record Result(List<Candidate> candidates, List<HostResult> setAside) {
    }

    private final NamePolicy policy;
    private final String zone;
    /** The zone with its leading dot, made once: a name is compared with it for each of 500,000 hosts. */
    private final String dotZone;
    private final boolean dynamic;

    public Naming(NamePolicy policy) {
        this(policy, null);
    }

    public Naming(NamePolicy policy, String zone) {
        this(policy, zone, false);
    }

    /**
     * With the zone the names go into: a client name qualified in that zone (Kea and dnsmasq
     * often store {@code node.cord.lab.}) is published relative to it, unchanged; a name qualified
     * in another zone is rejected rather than moved into this one. For dynamic DNS ({@code
     * dynamic}), a host whose lease has no client identity to mark its name with (RFC 4701) is rejected.
     */
    public Naming(NamePolicy policy, String zone, boolean dynamic) {
        this.policy = policy;
        this.dynamic = dynamic;
        this.zone = zone == null ? null : zone.replaceAll("\\.$", "").toLowerCase(java.util.Locale.ROOT);
        this.dotZone = zone == null ? null : "." + this.zone;
    }

    public Result apply(List<Lease> leases) {
        List<Candidate> candidates = new ArrayList<>(leases.size());
        List<HostResult> setAside = new ArrayList<>();
        for (Named named : InParallel.map(leases, this::name)) {
            if (named.candidate() != null) {
                candidates.add(named.candidate());
            } else {
                setAside.add(named.setAside());
            }
        }
        // not List.copyOf: these lists are this method's own, and a copy of 500,000 checks each for null
        return new Result(Collections.unmodifiableList(candidates), Collections.unmodifiableList(setAside));
    }

    /** One lease's naming: a candidate to publish, or the host set aside with the reason. */
    public record Named(Candidate candidate, HostResult setAside) {
    }

    /** Names one lease: the same decision {@link #apply} makes for it among others. */
    public Named name(Lease lease) {
        Named labelled = label(lease);
        Candidate candidate = labelled.candidate();
        if (candidate == null) {
            return labelled;
        }
        var rejection = policy.rejection(candidate.name());
        return rejection.isPresent() ? new Named(null, candidate.result(Outcome.FILTERED, rejection.get())) : labelled;
    }

    /** The lease's valid label, or why it has none (the policy not yet asked). */
    private Named label(Lease lease) {
        String unmarkable = dynamic ? Dhcid.missingIdentifier(lease) : null;
        if (unmarkable != null) {
            return new Named(null, new HostResult(null, lease.address(), lease.mac(), lease.hostname(), Outcome.REJECTED,
                    "its lease has " + unmarkable + ", so no DHCID can mark the name as its client's (RFC 4701)",
                    lease.origin()));
        }
        if (!lease.hasHostname()) {
            if (!lease.hasMac()) {
                return new Named(null, new HostResult(null, lease.address(), "", "", Outcome.REJECTED,
                        "no client name and no hardware address to name it by", lease.origin()));
            }
            return new Named(new Candidate(lease, unknownName(lease.mac()), "client sent no name"), null);
        }
        String requested = lease.hostname();
        int dot = zone == null ? -1 : requested.indexOf('.');
        if (dot > 0 && dot < requested.length() - 1) {
            String qualified = requested.endsWith(".") ? requested.substring(0, requested.length() - 1) : requested;
            String lower = qualified.toLowerCase(java.util.Locale.ROOT);
            if (!lower.endsWith(dotZone)) {
                return new Named(null, new HostResult(null, lease.address(), lease.mac(), requested, Outcome.REJECTED,
                        "qualified name outside the zone " + zone, lease.origin()));
            }
            requested = qualified.substring(0, qualified.length() - zone.length() - 1);
        }
        LabelCheck check = HostnameSanitizer.check(requested);
        if (check instanceof LabelCheck.Valid v) {
            return new Named(new Candidate(lease, v.label(), null), null);
        }
        if (check instanceof LabelCheck.Repaired r) {
            return new Named(new Candidate(lease, r.label(), "repaired: " + r.reason()), null);
        }
        return new Named(null, new HostResult(null, lease.address(), lease.mac(), lease.hostname(), Outcome.REJECTED,
                ((LabelCheck.Rejected) check).reason(), lease.origin()));
    }

    /** {@code UNK-} and the MAC without colons, upper case, as the CORD harvester names them. */
    public static String unknownName(String mac) {
        return "UNK-" + compactMac(mac);
    }

    static String compactMac(String mac) {
        return mac.replace(":", "").toUpperCase(Locale.ROOT);
    }
}
