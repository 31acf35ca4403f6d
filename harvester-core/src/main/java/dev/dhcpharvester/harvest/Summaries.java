package dev.dhcpharvester.harvest;

import dev.dhcpharvester.publication.IncludeResult;
import dev.dhcpharvester.report.HarvestReport;

/** The one line every harvest prints. */
final class Summaries {
    private Summaries() {
    }

    static String ok(HarvestReport.Counts c, IncludeResult dns, String zone) {
        StringBuilder s = new StringBuilder("harvest ok: ")
                .append(c.candidates()).append(" hosts in force, ")
                .append(c.published()).append(" published");
        if (c.renamed() > 0) {
            s.append(" (").append(c.renamed()).append(" renamed)");
        }
        s.append(", ").append(c.unreachable()).append(" unreachable, ")
                .append(c.filtered()).append(" filtered, ")
                .append(c.rejected()).append(" rejected, ")
                .append(c.duplicate()).append(" duplicate; ");
        if (!"-".equals(dns.dest())) {
            s.append(dns.dest()).append(dns.written() ? " written" : " unchanged");
            if (dns.removed() > 0) {
                s.append(" (").append(dns.removed()).append(" removed)");
            }
        } else {
            s.append("printed");
        }
        if (dns.reverseDest() != null) {
            s.append(", ").append(dns.reverseDest()).append(dns.reverseWritten() ? " written" : " unchanged");
        }
        if (dns.serial() != null) {
            s.append(", serial ").append(dns.serial().from()).append(" -> ").append(dns.serial().to());
        }
        if (dns.reload() != null) {
            s.append(", ").append(zone == null ? "all zones" : "zone " + zone).append(" reloaded");
        }
        return s.toString();
    }
}
