package dev.dhcpharvester.report;

import dev.dhcpharvester.source.Addresses;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The harvest report as one self-contained HTML page: a summary and a table of every candidate
 * host with its outcome, sortable by any column and filterable by text and outcome, with no
 * external resources ({@code ?filter=TEXT&outcome=OUTCOME} preset the filters). The daemon
 * serves it at {@code /}; the Jenkins step will archive it. Every
 * value is escaped: requested names are whatever DHCP clients sent.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static byte[] render(HarvestReport report) {
        StringBuilder html = new StringBuilder(4096 + (report.hosts() == null ? 0 : report.hosts().size() * 220));
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>dhcp-harvester: ").append(escape(report.status().label())).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n")
                .append("<header><h1>dhcp-harvester</h1><p class=\"status ").append(escape(report.status().label()))
                .append("\" id=\"summary\">").append(escape(report.summary())).append("</p>")
                .append("<p class=\"meta\">Harvested <time id=\"finished\">").append(escape(String.valueOf(report.finishedAt())))
                .append("</time>, leases judged at <time>").append(escape(String.valueOf(report.asOf()))).append("</time>");
        if (report.sources() != null) {
            for (HarvestReport.Source source : report.sources()) {
                html.append(" · ").append(escape(source.role())).append(": <code>").append(escape(source.path()))
                        .append("</code>");
                if (source.error() != null) {
                    html.append(" <span class=\"status failed\">could not be read: ").append(escape(source.error()))
                            .append("</span>");
                }
            }
        }
        html.append("</p></header>\n");
        if (report.counts() != null) {
            HarvestReport.Counts c = report.counts();
            html.append("<ul class=\"counts\">");
            count(html, "published", c.published());
            count(html, "renamed", c.renamed());
            count(html, "unreachable", c.unreachable());
            count(html, "filtered", c.filtered());
            count(html, "rejected", c.rejected());
            count(html, "duplicate", c.duplicate());
            if (c.kept() > 0) {
                count(html, "kept", c.kept());
            }
            html.append("</ul>\n");
        }
        html.append("<div class=\"controls\"><input id=\"filter\" type=\"search\" placeholder=\"Filter by name, address, MAC, reason\" ")
                .append("aria-label=\"Filter\"> <select id=\"outcome\" aria-label=\"Outcome\"><option value=\"\">every outcome</option>");
        for (Outcome o : Outcome.values()) {
            html.append("<option>").append(o.label()).append("</option>");
        }
        html.append("</select> <span id=\"shown\"></span></div>\n")
                .append("<table id=\"hosts\"><thead><tr>")
                .append("<th data-type=\"text\">Name</th><th data-type=\"address\">Address</th><th data-type=\"text\">MAC</th>")
                .append("<th data-type=\"text\">Outcome</th><th data-type=\"text\">Reason</th>")
                .append("<th data-type=\"text\">Requested name</th><th data-type=\"text\">Source</th>")
                .append("</tr></thead><tbody>\n");
        if (report.hosts() != null) {
            // the address column sorts by place in address order (IPv4 numerically, then IPv6), not as text
            List<HostResult> ordered = Addresses.sortedByAddress(report.hosts(), h -> h.address() == null ? "" : h.address());
            for (int i = 0; i < ordered.size(); i++) {
                HostResult h = ordered.get(i);
                html.append("<tr class=\"").append(h.outcome().label()).append("\" data-address=\"")
                        .append(i).append("\"><td>").append(escape(h.name()))
                        .append("</td><td>").append(escape(h.address()))
                        .append("</td><td>").append(escape(h.mac()))
                        .append("</td><td>").append(h.outcome().label())
                        .append("</td><td>").append(escape(h.reason()))
                        .append("</td><td>").append(escape(h.requestedName()))
                        .append("</td><td>").append(escape(h.source() == null ? null : h.source().toString())).append("</td></tr>\n");
            }
        }
        html.append("</tbody></table>\n<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void count(StringBuilder html, String outcome, int n) {
        html.append("<li class=\"").append(outcome).append("\"><b>").append(n).append("</b> ").append(outcome).append("</li>");
    }

    /** HTML text and attribute escaping; control characters are shown as code points. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append("\\x").append(String.format("%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
            h1{font-size:1.4em;margin:0 0 .3em}
            .status{font-weight:600}.status.failed{color:#b00}
            .meta{color:#555}
            .counts{list-style:none;padding:0;display:flex;gap:1.2em;flex-wrap:wrap}
            .counts b{font-size:1.3em}
            .controls{margin:.8em 0}
            #filter{width:22em;padding:.3em}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #ddd;vertical-align:top}
            th{cursor:pointer;background:#f4f4f4;user-select:none;position:sticky;top:0}
            th.asc::after{content:" \\25B2"}th.desc::after{content:" \\25BC"}
            tr.unreachable td,tr.filtered td{color:#777}
            tr.rejected td:nth-child(4),tr.duplicate td:nth-child(4){color:#b00;font-weight:600}
            tr.renamed td:nth-child(4),tr.kept td:nth-child(4){color:#a60}
            td:nth-child(6){font-family:monospace;white-space:pre-wrap}
            """;

    private static final String SCRIPT = """
            (function(){
              var table=document.getElementById('hosts'),body=table.tBodies[0];
              var rows=Array.prototype.slice.call(body.rows);
              var filter=document.getElementById('filter'),outcome=document.getElementById('outcome');
              var shown=document.getElementById('shown');
              function apply(){
                var q=filter.value.toLowerCase(),o=outcome.value,n=0;
                rows.forEach(function(r){
                  var ok=(!o||r.className===o)&&(!q||r.textContent.toLowerCase().indexOf(q)>=0);
                  r.style.display=ok?'':'none';if(ok)n++;
                });
                shown.textContent=n+' of '+rows.length+' hosts';
              }
              var headers=table.tHead.rows[0].cells;
              Array.prototype.forEach.call(headers,function(th,col){
                th.addEventListener('click',function(){
                  var asc=!th.classList.contains('asc');
                  Array.prototype.forEach.call(headers,function(h){h.classList.remove('asc','desc');});
                  th.classList.add(asc?'asc':'desc');
                  var address=th.dataset.type==='address';
                  rows.sort(function(a,b){
                    var x=address?Number(a.dataset.address):a.cells[col].textContent.toLowerCase();
                    var y=address?Number(b.dataset.address):b.cells[col].textContent.toLowerCase();
                    return (x<y?-1:x>y?1:0)*(asc?1:-1);
                  });
                  rows.forEach(function(r){body.appendChild(r);});
                });
              });
              var params=new URLSearchParams(location.search);
              if(params.get('filter'))filter.value=params.get('filter');
              if(params.get('outcome'))outcome.value=params.get('outcome');
              filter.addEventListener('input',apply);outcome.addEventListener('change',apply);apply();
            })();
            """;
}
