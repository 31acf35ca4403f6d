package dev.dhcpharvester.publication.ddns;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * Dynamic DNS mode settings.
 *
 * @param forwardZones zones that take the A and DHCID records; hosts are named in the first
 * @param reverseZones in-addr.arpa zones that take the PTR records (none: no PTR records)
 * @param servers      servers for every zone without servers of its own, tried in turn
 * @param zoneServers  servers of particular zones, by zone name
 * @param tsigKey      bind key file whose first key signs the updates, or null to send them unsigned
 * @param ttl          record TTL, or null for Kea's rule: a third of the lease, at least 10 minutes
 * @param stateFile    where the names this harvester published are remembered
 * @param timeout      how long to wait for a server's answer
 * @param mode         conflict resolution mode
 * @param dryRun       report the changes, send nothing
 * @param maxRemoval   the most names one cycle may remove, or null for no limit
 */
public record DdnsSettings(List<String> forwardZones, List<String> reverseZones, List<DnsServer> servers,
        java.util.Map<String, List<DnsServer>> zoneServers, Path tsigKey, Duration ttl, Path stateFile, Duration timeout, DdnsPublisher.ConflictMode mode, boolean dryRun,
        DdnsPublisher.RemovalLimit maxRemoval) {

    public DdnsSettings {
        forwardZones = List.copyOf(forwardZones);
        reverseZones = List.copyOf(reverseZones);
        servers = List.copyOf(servers);
        zoneServers = java.util.Map.copyOf(zoneServers);
        if (forwardZones.isEmpty()) {
            throw new IllegalArgumentException("dynamic DNS mode needs a forward zone (-z or --forward-zone)");
        }
        for (String zone : forwardZones) {
            if (servers.isEmpty() && !zoneServers.containsKey(normal(zone))) {
                throw new IllegalArgumentException("zone " + zone + " has no server: give --dns-server HOST[:PORT]"
                        + " or --dns-server " + zone + "=HOST[:PORT]");
            }
        }
    }

    /** A zone name as the keys of {@link #zoneServers()} spell it: lower case, no final dot. */
    public static String normal(String zone) {
        return zone.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", "");
    }

    /** The servers of a zone: its own, else the common ones. */
    public List<DnsServer> serversOf(String zone) {
        return zoneServers.getOrDefault(normal(zone), servers);
    }

    /** The first key of the --tsig-key file, or null to send unsigned. */
    public TSIG signer() {
        if (tsigKey == null) {
            return null;
        }
        try {
            return TsigKeyFile.read(tsigKey).get(0).signer();
        } catch (IOException e) {
            throw new IllegalArgumentException((e instanceof java.nio.file.NoSuchFileException
                    ? tsigKey + ": no such file" : e.getMessage()) + "; check --tsig-key", e);
        }
    }

    /** Zones by name, each with its servers. */
    public List<DdnsZone> zones(List<String> names) throws IOException {
        List<DdnsZone> zones = new java.util.ArrayList<>();
        for (String name : names) {
            List<DnsServer> own = serversOf(name);
            if (own.isEmpty()) {
                throw new IllegalArgumentException("zone " + name + " has no server; give --dns-server " + name + "=HOST[:PORT]");
            }
            try {
                zones.add(new DdnsZone(Name.fromString(name, Name.root), own));
            } catch (TextParseException e) {
                throw new IOException("'" + name + "' is not a zone name", e);
            }
        }
        return zones;
    }
}
