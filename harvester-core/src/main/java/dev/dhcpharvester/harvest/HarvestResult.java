package dev.dhcpharvester.harvest;

import dev.dhcpharvester.publication.IncludeResult;
import dev.dhcpharvester.report.HarvestReport;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a harvest run as a build step comes to, small enough to cross from a Jenkins agent to the
 * controller and to hand to a pipeline: the outcome in one line, the counts, and the published hosts.
 * The full story stays in the report files.
 *
 * @param ok          whether the step succeeded
 * @param exitCode    the command line's exit code for the same outcome (0, 1 or 2)
 * @param summary     the one line a console shows
 * @param failure     why it failed, or null
 * @param kept        hosts of a lease source that could not be read, left in DNS as last published
 * @param dns         what happened in DNS, in a few words
 * @param hosts       the hosts in DNS (published, and kept)
 */
public record HarvestResult(boolean ok, int exitCode, String summary, String failure, int hostsInForce, int published,
        int renamed, int unreachable, int filtered, int rejected, int duplicates, int kept, String dns, List<Host> hosts)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public record Host(String name, String address, String mac) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public HarvestResult {
        hosts = List.copyOf(hosts);
    }

    /** A harvest that could not start: its parameters were wrong. */
    public static HarvestResult badParameters(String message) {
        return new HarvestResult(false, Harvester.EXIT_BAD_INPUT, "harvest failed: " + message, message, 0, 0, 0, 0, 0, 0,
                0, 0, "nothing published", List.of());
    }

    public static HarvestResult of(HarvestReport report) {
        boolean ok = report.status() == HarvestReport.Status.OK;
        String failure = ok ? null : report.error().message();
        HarvestReport.Counts c = report.counts();
        List<Host> hosts = report.hosts().stream().filter(h -> h.outcome().published())
                .map(h -> new Host(h.name(), h.address(), h.mac())).toList();
        if (c == null) {
            return new HarvestResult(ok, report.exitCode(), report.summary(), failure, 0, 0, 0, 0, 0, 0, 0, 0,
                    "nothing published", hosts);
        }
        return new HarvestResult(ok, report.exitCode(), report.summary(), failure, c.candidates(), c.published(),
                c.renamed(), c.unreachable(), c.filtered(), c.rejected(), c.duplicate(), c.kept(), dns(report), hosts);
    }

    /** The same result, failed for {@code reason} after the harvest itself went well (unreachable limit, report file). */
    public HarvestResult failedBy(String reason) {
        return new HarvestResult(false, Harvester.EXIT_FAILURE, "harvest failed: " + reason, reason, hostsInForce,
                published, renamed, unreachable, filtered, rejected, duplicates, kept, dns, hosts);
    }

    private static String dns(HarvestReport report) {
        if (report.status() != HarvestReport.Status.OK && report.error() != null && "dns".equals(report.error().kind())) {
            return "failed: " + report.error().message();
        }
        IncludeResult include = report.dns();
        if (include != null) {
            String file = include.dest() == null ? "fragment printed" : include.dest() + (include.written() ? " written" : " unchanged");
            if (include.reload() == null) {
                return file;
            }
            return file + (include.reload().succeeded() ? ", zone reloaded" : ", reload failed: " + include.reload().message());
        }
        if (report.ddns() != null) {
            Map<String, Long> actions = new LinkedHashMap<>();
            report.ddns().outcomes().forEach(o -> actions.merge(o.action(), 1L, Long::sum));
            List<String> parts = new ArrayList<>();
            actions.forEach((action, n) -> parts.add(n + " " + action));
            return parts.isEmpty() ? "no names to update" : String.join(", ", parts);
        }
        return "nothing published";
    }

    /**
     * Reads back what {@link #asMap} wrote. The map is how a result crosses from a Jenkins agent to the
     * controller: it holds only JDK types (maps, lists, strings, numbers, booleans), which Jenkins'
     * class filter (JEP-200) lets through, while classes of a library inside a plugin it refuses.
     */
    @SuppressWarnings("unchecked")
    public static HarvestResult fromMap(Map<String, Object> map) {
        List<Host> hosts = new ArrayList<>();
        for (Map<String, String> h : (List<Map<String, String>>) map.get("hosts")) {
            hosts.add(new Host(h.get("name"), h.get("address"), h.get("mac")));
        }
        return new HarvestResult((Boolean) map.get("ok"), number(map, "exitCode"), (String) map.get("summary"),
                (String) map.get("failure"), number(map, "hostsInForce"), number(map, "published"), number(map, "renamed"),
                number(map, "unreachable"), number(map, "filtered"), number(map, "rejected"), number(map, "duplicates"),
                number(map, "kept"), (String) map.get("dns"), hosts);
    }

    /** A count, or 0 when the map has none (a result from an agent with an older plugin). */
    private static int number(Map<String, Object> map, String key) {
        return map.get(key) instanceof Number n ? n.intValue() : 0;
    }

    /**
     * The result as a pipeline sees it: {@code def r = harvestDhcp(...)}, then {@code r.published},
     * {@code r.hosts[0].name}. Plain maps and lists, which the Groovy sandbox lets a script read.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ok", ok);
        map.put("exitCode", exitCode);
        map.put("summary", summary);
        map.put("failure", failure);
        map.put("hostsInForce", hostsInForce);
        map.put("published", published);
        map.put("renamed", renamed);
        map.put("unreachable", unreachable);
        map.put("filtered", filtered);
        map.put("rejected", rejected);
        map.put("duplicates", duplicates);
        map.put("kept", kept);
        map.put("dns", dns);
        List<Map<String, String>> list = new ArrayList<>(hosts.size());
        for (Host h : hosts) {
            Map<String, String> host = new LinkedHashMap<>();
            host.put("name", h.name());
            host.put("address", h.address());
            host.put("mac", h.mac());
            list.add(host);
        }
        map.put("hosts", list);
        return map;
    }
}
