package dev.dhcpharvester.publication.ddns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Dynamic DNS mode settings.
 *
 * @param forwardZones zones that take the A and DHCID records; hosts are named in the first
 * @param reverseZones in-addr.arpa zones that take the PTR records (none: no PTR records)
 * @param servers      servers for every zone, tried in turn
 * @param tsigKey      bind key file whose first key signs the updates, or null to send them unsigned
 * @param ttl          record TTL, or null for Kea's rule: a third of the lease, at least 10 minutes
 * @param stateFile    where the names this harvester published are remembered
 * @param timeout      how long to wait for a server's answer
 * @param mode         conflict resolution mode
 * @param dryRun       report the changes, send nothing
 * @param maxRemoval   the most names one cycle may remove, or null for no limit
 */
public record DdnsSettings(List<String> forwardZones, List<String> reverseZones, List<DnsServer> servers,
        Path tsigKey, Duration ttl, Path stateFile, Duration timeout, DdnsPublisher.ConflictMode mode, boolean dryRun,
        DdnsPublisher.RemovalLimit maxRemoval) {

    public DdnsSettings {
        forwardZones = List.copyOf(forwardZones);
        reverseZones = List.copyOf(reverseZones);
        servers = List.copyOf(servers);
        if (forwardZones.isEmpty()) {
            throw new IllegalArgumentException("dynamic DNS mode needs a forward zone (-z or --forward-zone)");
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("dynamic DNS mode needs a server (--dns-server HOST[:PORT])");
        }
    }
}
