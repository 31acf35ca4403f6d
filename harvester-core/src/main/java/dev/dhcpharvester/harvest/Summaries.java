package dev.dhcpharvester.harvest;

import dev.dhcpharvester.publication.IncludeResult;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.report.HarvestReport;

/** The one line every harvest prints. */
final class Summaries {
    private Summaries() {
    }

    /** Include mode: the hosts, then what happened to the fragment and the zone. */
    static String ok(HarvestReport.Counts c, IncludeResult dns, String zone) {
        StringBuilder s = hosts(c);
        if (!"-".equals(dns.dest())) {
            s.append(dns.dest()).append(dns.written() ? " written" : " unchanged");
            if (dns.removed() > 0) {
                s.append(" (").append(dns.removed()).append(" removed)");
            }
        } else {
            s.append("printed");
        }
        for (IncludeResult.Reverse reverse : dns.reverse()) {
            s.append(", ").append(reverse.file()).append(reverse.written() ? " written" : " unchanged");
        }
        if (dns.serial() != null) {
            s.append(", serial ").append(dns.serial().from()).append(" -> ").append(dns.serial().to());
        }
        if (dns.reload() != null) {
            java.util.List<String> zones = new java.util.ArrayList<>();
            zones.add(zone);
            dns.reverse().forEach(r -> zones.add(r.zone()));
            s.append(", ").append(zones.contains(null) ? "all zones"
                    : (zones.size() == 1 ? "zone " : "zones ") + String.join(", ", zones)).append(" reloaded");
        }
        return s.toString();
    }

    /** Dynamic DNS mode: the hosts, then what the updates did. */
    static String ok(HarvestReport.Counts c, DdnsPublisher.Result ddns) {
        if (ddns.count("would-add") + ddns.count("would-replace") + ddns.count("would-remove") > 0) {
            return hosts(c).append("dry run: ").append(ddns.count("would-add")).append(" would be added, ")
                    .append(ddns.count("would-replace")).append(" replaced, ").append(ddns.count("would-remove"))
                    .append(" removed, ").append(ddns.count("unchanged")).append(" unchanged; nothing sent").toString();
        }
        return hosts(c).append("dynamic DNS: ").append(ddns.count("added")).append(" added, ")
                .append(ddns.count("replaced")).append(" replaced, ").append(ddns.count("removed")).append(" removed, ")
                .append(ddns.count("unchanged")).append(" unchanged, ").append(ddns.count("conflict"))
                .append(" in conflict, ").append(ddns.updatesSent()).append(" updates sent").toString();
    }

    private static StringBuilder hosts(HarvestReport.Counts c) {
        StringBuilder s = new StringBuilder("harvest ok: ")
                .append(c.candidates()).append(" hosts in force, ")
                .append(c.published()).append(" published");
        if (c.renamed() > 0) {
            s.append(" (").append(c.renamed()).append(" renamed)");
        }
        return s.append(", ").append(c.unreachable()).append(" unreachable, ")
                .append(c.filtered()).append(" filtered, ")
                .append(c.rejected()).append(" rejected, ")
                .append(c.duplicate()).append(" duplicate")
                .append(c.kept() > 0 ? ", " + c.kept() + " kept from failed sources; " : "; ");
    }
}
