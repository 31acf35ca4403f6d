package dev.dhcpharvester.publication.ddns;

import java.util.List;
import org.xbill.DNS.Name;

/** A zone that takes updates, with its servers in the order to try them (D2's failover). */
public record DdnsZone(Name name, List<DnsServer> servers) {

    public DdnsZone {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("zone " + name + " has no server");
        }
        servers = List.copyOf(servers);
    }

    /** The zone among {@code zones} that holds {@code fqdn}: the longest suffix at label boundaries, or null. */
    public static DdnsZone holding(Name fqdn, List<DdnsZone> zones) {
        DdnsZone best = null;
        for (DdnsZone zone : zones) {
            if (fqdn.subdomain(zone.name()) && (best == null || zone.name().labels() > best.name().labels())) {
                best = zone;
            }
        }
        return best;
    }
}
