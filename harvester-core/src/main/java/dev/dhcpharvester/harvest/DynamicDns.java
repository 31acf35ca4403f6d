package dev.dhcpharvester.harvest;

import dev.dhcpharvester.naming.Candidate;
import dev.dhcpharvester.publication.PublicationException;
import dev.dhcpharvester.publication.ddns.DdnsHost;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.publication.ddns.DdnsSettings;
import dev.dhcpharvester.publication.ddns.Dhcid;
import dev.dhcpharvester.publication.ddns.UpdateSender;
import dev.dhcpharvester.source.Lease;
import dev.dhcpharvester.util.InParallel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** The harvest's hosts handed to dynamic DNS mode: names qualified, DHCIDs and TTLs computed. */
final class DynamicDns {

    /** Kea's floor for the TTL derived from the lease length. */
    static final long MIN_TTL = 600;

    private DynamicDns() {
    }

    /** Publishes {@code hosts}; the names in {@code keep} (fully qualified) are left as they are in DNS. */
    static DdnsPublisher.Result publish(DdnsSettings settings, List<Candidate> hosts, java.util.Set<String> keep)
            throws IOException, PublicationException {
        try {
            return publisher(settings).publish(hosts(settings, hosts), keep);
        } catch (DdnsPublisher.RemovalRefusedException e) {
            throw new PublicationException(e.getMessage(), e);
        }
    }

    /** Publishes {@code adds} and removes {@code removes} (unless added again), leaving every other name as it is. */
    static DdnsPublisher.Result apply(DdnsSettings settings, List<Candidate> adds, List<Candidate> removes)
            throws IOException, PublicationException {
        try {
            return publisher(settings).apply(hosts(settings, adds), hosts(settings, removes));
        } catch (DdnsPublisher.RemovalRefusedException e) {
            throw new PublicationException(e.getMessage(), e);
        }
    }

    /** A publisher per harvest: the key is read again each time (it may have been rotated). */
    private static DdnsPublisher publisher(DdnsSettings settings) throws IOException {
        return new DdnsPublisher(new DdnsPublisher.Options(settings.zones(settings.forwardZones()),
                settings.zones(settings.reverseZones()), settings.stateFile(), settings.mode(), settings.dryRun(),
                settings.maxRemoval()), new UpdateSender(settings.signer(), settings.timeout()));
    }

    /** The hosts with their names qualified in the first forward zone, their DHCIDs and TTLs. */
    private static List<DdnsHost> hosts(DdnsSettings settings, List<Candidate> hosts) {
        String origin = settings.forwardZones().get(0).replaceAll("\\.$", "");
        return InParallel.map(hosts, c -> { // a SHA-256 each: on every core for a whole zone
            String fqdn = c.name() + "." + origin;
            return new DdnsHost(fqdn, c.lease().address(), Dhcid.forLease(c.lease(), fqdn), ttl(settings, c.lease()));
        });
    }

    /** The configured TTL, else as Kea: a third of the lease length, at least 10 minutes (an hour for fixed addresses). */
    static long ttl(DdnsSettings settings, Lease lease) {
        if (settings.ttl() != null) {
            return settings.ttl().toSeconds();
        }
        if (lease.starts() == null || lease.ends() == null) {
            return 3600;
        }
        return Math.max(MIN_TTL, Duration.between(lease.starts(), lease.ends()).toSeconds() / 3);
    }

}
