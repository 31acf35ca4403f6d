package dev.dhcpharvester.harvest;

import dev.dhcpharvester.naming.Candidate;
import dev.dhcpharvester.publication.PublicationException;
import dev.dhcpharvester.publication.ddns.DdnsHost;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.publication.ddns.DdnsSettings;
import dev.dhcpharvester.publication.ddns.Dhcid;
import dev.dhcpharvester.publication.ddns.UpdateSender;
import dev.dhcpharvester.source.Lease;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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
        DdnsPublisher publisher = new DdnsPublisher(new DdnsPublisher.Options(settings.zones(settings.forwardZones()),
                settings.zones(settings.reverseZones()), settings.stateFile(), settings.mode(), settings.dryRun(),
                settings.maxRemoval()), new UpdateSender(settings.signer(), settings.timeout()));
        String origin = settings.forwardZones().get(0).replaceAll("\\.$", "");
        List<DdnsHost> wanted = new ArrayList<>(hosts.size());
        for (Candidate c : hosts) {
            String fqdn = c.name() + "." + origin;
            wanted.add(new DdnsHost(fqdn, c.lease().address(), Dhcid.forLease(c.lease(), fqdn), ttl(settings, c.lease())));
        }
        try {
            return publisher.publish(wanted, keep);
        } catch (DdnsPublisher.RemovalRefusedException e) {
            throw new PublicationException(e.getMessage(), e);
        }
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
