package dev.dhcpharvester.jenkins;

import dev.dhcpharvester.harvest.HarvestResult;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.model.Run;
import jenkins.model.RunAction2;

/**
 * A harvest's summary on the build page (published, unreachable, rejected, DNS result), linking to
 * the archived HTML host report. Holds plain values only, so the build record stays readable.
 */
public final class HarvestAction implements RunAction2 {

    private final String reportName;
    private final boolean ok;
    private final String summary;
    private final String failure;
    private final String dns;
    private final int hostsInForce;
    private final int published;
    private final int renamed;
    private final int unreachable;
    private final int filtered;
    private final int rejected;
    private final int duplicates;
    private final int kept;
    private final boolean archived;
    private transient Run<?, ?> run;

    HarvestAction(String reportName, HarvestResult result, boolean archived) {
        this.reportName = reportName;
        this.ok = result.ok();
        this.summary = result.summary();
        this.failure = result.failure();
        this.dns = result.dns();
        this.hostsInForce = result.hostsInForce();
        this.published = result.published();
        this.renamed = result.renamed();
        this.unreachable = result.unreachable();
        this.filtered = result.filtered();
        this.rejected = result.rejected();
        this.duplicates = result.duplicates();
        this.kept = result.kept();
        this.archived = archived;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "the page's side panel is the build's")
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return archived ? "clipboard.png" : null;
    }

    @Override
    public String getDisplayName() {
        return "DHCP harvest" + (TaskParameters.DEFAULT_REPORT_NAME.equals(reportName) ? "" : " " + reportName);
    }

    @Override
    public String getUrlName() {
        return reportName;
    }

    /** The archived HTML host report, relative to the build. */
    public String getReportUrl() {
        return archived ? "artifact/" + reportName + ".html" : null;
    }

    public String getJsonUrl() {
        return archived ? "artifact/" + reportName + ".json" : null;
    }

    public String getReportName() {
        return reportName;
    }

    public boolean isOk() {
        return ok;
    }

    public String getSummary() {
        return summary;
    }

    public String getFailure() {
        return failure;
    }

    public String getDns() {
        return dns;
    }

    public int getHostsInForce() {
        return hostsInForce;
    }

    public int getPublished() {
        return published;
    }

    public int getRenamed() {
        return renamed;
    }

    public int getUnreachable() {
        return unreachable;
    }

    public int getFiltered() {
        return filtered;
    }

    public int getRejected() {
        return rejected;
    }

    public int getDuplicates() {
        return duplicates;
    }

    /** Hosts of a lease source that could not be read, left in DNS as last published. */
    public int getKept() {
        return kept;
    }
}
