package dev.dhcpharvester.jenkins;

import dev.dhcpharvester.harvest.HarvestParameters;
import dev.dhcpharvester.harvest.HarvestResult;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;

/**
 * What both the Pipeline step and the build step do, on the controller: bind the key, run the
 * harvest on the agent, archive the reports, add the summary to the build, and fail with one line
 * when the harvest failed.
 */
final class BuildHarvest {

    private BuildHarvest() {
    }

    private static boolean blank(String id) {
        return id == null || id.isBlank();
    }

    static HarvestResult perform(HarvestDhcpTask task, Run<?, ?> run, FilePath workspace, Launcher launcher,
            TaskListener listener) throws IOException, InterruptedException {
        HarvestParameters parameters = TaskParameters.of(task);
        String reportName = TaskParameters.reportName(task);
        HarvestResult result;
        String credentialsId = task.getCredentialsId();
        String keaApiCredentialsId = task.getKeaApiCredentialsId();
        try (SecretKeyFile key = blank(credentialsId) ? null : SecretKeyFile.write(run, workspace, credentialsId);
                SecretKeyFile kea = blank(keaApiCredentialsId) ? null
                        : SecretKeyFile.writeUsernamePassword(run, workspace, keaApiCredentialsId)) {
            if (key != null) {
                parameters.secretKeyFile(key.path());
            }
            if (kea != null) {
                parameters.keaApiCredentials(kea.path());
            }
            result = HarvestResult.fromMap(workspace.act(new AgentHarvest(parameters, reportName, listener)));
        }

        Map<String, String> reports = new LinkedHashMap<>();
        for (String file : new String[] {reportName + ".json", reportName + ".html"}) {
            if (workspace.child(file).exists()) {
                reports.put(file, file);
            }
        }
        if (!reports.isEmpty()) {
            run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), reports);
        }
        for (HarvestAction old : run.getActions(HarvestAction.class)) {
            if (old.getReportName().equals(reportName)) {
                run.removeAction(old); // the same report harvested again in this build
            }
        }
        run.addAction(new HarvestAction(reportName, result, !reports.isEmpty()));

        if (!result.ok()) {
            throw new AbortException(result.summary()); // one line, no stack trace
        }
        listener.getLogger().println("[dhcp-harvester] " + result.summary());
        return result;
    }
}
