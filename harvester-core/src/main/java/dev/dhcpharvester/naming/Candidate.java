package dev.dhcpharvester.naming;

import dev.dhcpharvester.report.HostResult;
import dev.dhcpharvester.report.Outcome;
import dev.dhcpharvester.source.Lease;

/**
 * A host on its way to DNS: its lease and the valid label it will be published under.
 *
 * @param lease        the lease or reservation
 * @param name         a valid DNS label
 * @param renameReason why {@code name} differs from what the client asked for, or null
 */
public record Candidate(Lease lease, String name, String renameReason) {

    public Candidate renamed(String newName, String reason) {
        String why = renameReason == null ? reason : renameReason + "; " + reason;
        return new Candidate(lease, newName, why);
    }

    /** This host with a final outcome. */
    public HostResult result(Outcome outcome, String reason) {
        // most often the name published: then one string for both
        String requested = name != null && lease.hostnameEquals(name) ? name : lease.hostname();
        return new HostResult(name, lease.address(), lease.mac(), requested, outcome, reason, lease.origin());
    }

    /** This host as published: renamed when its name is not the one asked for. */
    public HostResult published() {
        return renameReason == null ? result(Outcome.PUBLISHED, null) : result(Outcome.RENAMED, renameReason);
    }
}
