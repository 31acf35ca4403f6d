package dev.dhcpharvester.harvest;

import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.report.ReportFiles;
import dev.dhcpharvester.report.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A harvest as a build step runs it, on the host next to the DHCP and DNS servers: check the step's
 * parameters, harvest with progress lines, write the JSON and HTML reports into the working
 * directory, and sum the outcome up in a {@link HarvestResult}. Everything the Jenkins plugin does
 * that is not Jenkins glue is here, where it is tested against the real servers.
 */
public final class HarvestRun {

    private HarvestRun() {
    }

    /**
     * @param workDir    where relative paths point and the reports go (a Jenkins workspace)
     * @param reportName the reports' file name without extension, or null for no report files
     */
    public static HarvestResult execute(HarvestParameters parameters, Path workDir, String reportName,
            HarvestListener listener, Clock clock) {
        HarvestConfig config;
        UnreachableLimit limit;
        try {
            config = parameters.toConfig(HarvestParameters.Dialect.STEP, workDir);
            limit = parameters.unreachableLimit(HarvestParameters.Dialect.STEP);
            if (reportName != null) {
                try {
                    ReportFiles.checkName(reportName);
                } catch (IllegalArgumentException e) {
                    throw new BadParameterException("reportName", "reportName " + e.getMessage());
                }
            }
        } catch (BadParameterException e) {
            return HarvestResult.badParameters(e.getMessage());
        }

        if (reportName != null) {
            ReportJson.prepareInBackground(); // a step on a fresh agent JVM: its first report
        }
        ByteArrayOutputStream fragment = new ByteArrayOutputStream();
        HarvestReport report = new Harvester(clock, fragment, listener).run(config);
        fragment.toString(StandardCharsets.UTF_8).lines().forEach(listener::progress); // dest '-': into the log

        HarvestResult result = HarvestResult.of(report);
        if (result.ok() && limit != null && report.verification() != null) {
            String exceeded = limit.exceededBy(result.unreachable(), report.verification().checked());
            if (exceeded != null) {
                result = result.failedBy(exceeded);
            }
        }
        if (reportName != null) {
            try {
                ReportFiles.write(report, workDir, reportName);
            } catch (IOException e) {
                String message = "cannot write the report " + ReportFiles.json(workDir, reportName) + ": " + e.getMessage();
                return result.ok() ? result.failedBy(message) : result;
            }
        }
        return result;
    }
}
