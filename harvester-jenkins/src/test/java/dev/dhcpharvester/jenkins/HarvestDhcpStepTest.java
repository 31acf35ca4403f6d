package dev.dhcpharvester.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.FilePath;
import hudson.Functions;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.Run;
import hudson.slaves.DumbSlave;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The plugin's glue against a real Jenkins (JenkinsRule): a pipeline on a labelled agent, a key
 * from the credentials store bound and removed, the reports archived with a summary action, a DNS
 * failure failing the build with its one line, and the Freestyle form's round trip. What the harvest
 * itself does is tested in harvester-core against a real named.
 */
@WithJenkins
class HarvestDhcpStepTest {

    static final String SECRET = "c2VjcmV0LW5ldmVyLWluLXRoZS1sb2c=";
    static final String KEY = "key \"harvester-rndc\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + SECRET + "\";\n};\n";
    static final String LEASES = "lease 192.0.2.10 {\n  starts 3 2026/11/25 08:00:00;\n  ends never;\n"
            + "  binding state active;\n  hardware ethernet 52:54:00:00:00:0a;\n  client-hostname \"compute-1\";\n}\n"
            + "lease 192.0.2.11 {\n  starts 3 2026/11/25 08:00:00;\n  ends never;\n"
            + "  binding state active;\n  hardware ethernet 52:54:00:00:00:0b;\n  client-hostname \"compute-2\";\n}\n";

    @TempDir
    Path tmp;
    JenkinsRule r;
    DumbSlave agent;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        assumeFalse(Functions.isWindows(), "the stand-in rndc is a shell script");
        r = rule;
        agent = r.createOnlineSlave(Label.get("dhcp"));
        Files.writeString(tmp.resolve("dhcpd.leases"), LEASES);
    }

    /**
     * A stand-in for rndc that records the mode and content of the key file it is given (-c or -k),
     * then answers as rndc does: {@code exitCode} 0 says the reload worked.
     */
    Path rndc(int exitCode) throws Exception {
        Path script = tmp.resolve("rndc-" + exitCode);
        Files.writeString(script, "#!/bin/sh\nkey=\nwhile [ $# -gt 0 ]; do case \"$1\" in -c|-k) key=\"$2\"; shift;; esac; shift; done\n"
                + "stat -c %a \"$key\" > '" + tmp.resolve("key-mode") + "'\n"
                + "cat \"$key\" > '" + tmp.resolve("key-seen") + "'\n"
                + (exitCode == 0 ? "echo 'server reload successful'\n"
                        : "echo 'rndc: connect failed: 127.0.0.1#953: connection refused' >&2\n")
                + "exit " + exitCode + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    FileCredentialsImpl storeKey() throws Exception {
        FileCredentialsImpl key = new FileCredentialsImpl(CredentialsScope.GLOBAL, "rndc-key", "rndc key for cord.lab",
                "rndc.key", SecretBytes.fromBytes(KEY.getBytes(StandardCharsets.UTF_8)));
        SystemCredentialsProvider.getInstance().getCredentials().add(key);
        SystemCredentialsProvider.getInstance().save();
        return key;
    }

    WorkflowJob pipeline(String step) throws Exception {
        WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "harvest");
        job.setDefinition(new CpsFlowDefinition("node('dhcp') {\n" + step + "\n}\n", true));
        return job;
    }

    List<String> secretFilesLeft(WorkflowJob job) throws Exception {
        FilePath workspace = agent.getWorkspaceFor(job);
        FilePath secrets = workspace.sibling(workspace.getName() + "@tmp").child("secretFiles");
        return secrets.exists() ? secrets.list().stream().map(FilePath::getName).toList() : List.of();
    }

    @Test
    void aPipelineOnTheLabelledAgentPublishesReturnsCountsAndArchivesTheReports() throws Exception {
        WorkflowJob job = pipeline("def result = harvestDhcp zone: 'cord.lab', leases: '" + tmp.resolve("dhcpd.leases")
                + "', reservations: 'none', dest: 'harvest.inc', asOf: '2026-11-25T12:00:00Z'\n"
                + "echo \"published=${result.published} first=${result.hosts[0].name} at ${result.hosts[0].address}\"");

        WorkflowRun build = r.buildAndAssertSuccess(job);

        r.assertLogContains("published=2 first=compute-1 at 192.0.2.10", build);
        r.assertLogContains("[dhcp-harvester] read 2 isc lease entries from " + tmp.resolve("dhcpd.leases"), build);
        r.assertLogContains("[dhcp-harvester] harvest ok:", build);
        assertThat("the fragment is written on the agent, in its workspace",
                agent.getWorkspaceFor(job).child("harvest.inc").readToString(), containsString("compute-2"));
        assertThat(build.getArtifacts().stream().map(Run.Artifact::getFileName).toList(),
                hasItems("dhcp-harvest.json", "dhcp-harvest.html"));
        HarvestAction action = build.getAction(HarvestAction.class);
        assertThat(action, notNullValue());
        assertThat(action.getPublished(), equalTo(2));
        assertThat(action.getReportUrl(), equalTo("artifact/dhcp-harvest.html"));
        r.createWebClient().getPage(build, "dhcp-harvest"); // the action's page renders
    }

    @Test
    void theKeyIsBoundPrivatelyForTheHarvestTrackedAndRemovedAfterwards() throws Exception {
        FileCredentialsImpl key = storeKey();
        WorkflowJob job = pipeline("harvestDhcp zone: 'cord.lab', leases: '" + tmp.resolve("dhcpd.leases")
                + "', reservations: 'none', dest: 'harvest.inc', reload: true, rndcCommand: '" + rndc(0)
                + "', credentialsId: 'rndc-key', asOf: '2026-11-25T12:00:00Z'");

        WorkflowRun build = r.buildAndAssertSuccess(job);

        assertThat(Files.readString(tmp.resolve("key-mode")).strip(), equalTo("400"));
        assertThat(Files.readString(tmp.resolve("key-seen")), equalTo(KEY));
        r.assertLogNotContains(SECRET, build);
        r.assertLogContains("zone reloaded", build);
        assertThat(secretFilesLeft(job), empty());
        assertThat(CredentialsProvider.getFingerprintOf(key).getJobs(), hasItem(job.getFullName()));
    }

    @Test
    void aFailingReloadFailsTheBuildWithRndcsOneLineAndStillRemovesTheKey() throws Exception {
        storeKey();
        WorkflowJob job = pipeline("harvestDhcp zone: 'cord.lab', leases: '" + tmp.resolve("dhcpd.leases")
                + "', reservations: 'none', dest: 'harvest.inc', reload: true, rndcCommand: '" + rndc(1)
                + "', credentialsId: 'rndc-key', asOf: '2026-11-25T12:00:00Z'");

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("harvest failed:", build);
        r.assertLogContains("connection refused", build);
        r.assertLogNotContains("\tat dev.dhcpharvester", build); // one line, no stack trace
        assertThat(secretFilesLeft(job), empty());
        assertThat(build.getAction(HarvestAction.class).isOk(), equalTo(false));
    }

    @Test
    void badParametersFailTheStepNamingTheParameter() throws Exception {
        WorkflowJob job = pipeline("harvestDhcp zone: 'cord.lab', leases: 'dhcpd.leases', verify: true, timeout: 'soon'");

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("harvest failed: timeout: 'soon' is not a duration", build);
    }

    @Test
    void theFreestyleStepKeepsItsSettingsThroughTheFormAndRunsOnTheAgent() throws Exception {
        HarvestDhcpStep settings = new HarvestDhcpStep("cord.lab");
        settings.setLeases(tmp.resolve("dhcpd.leases").toString());
        settings.setReservations("none");
        settings.setDest("harvest.inc");
        settings.setFilter("compute-");
        settings.setVerifyMethod("tcp");
        settings.setTimeout("500ms");
        settings.setWorkers(4);
        settings.setMaxUnreachable("5%");
        settings.setAsOf("2026-11-25T12:00:00Z");
        settings.setReportName("pod-1");
        FreeStyleProject project = r.createFreeStyleProject("freestyle");
        project.setAssignedLabel(Label.get("dhcp"));
        project.getBuildersList().add(new HarvestDhcpBuilder(settings));

        project = r.configRoundtrip(project);
        r.assertEqualDataBoundBeans(new HarvestDhcpBuilder(settings), project.getBuildersList().get(HarvestDhcpBuilder.class));

        FreeStyleBuild build = r.buildAndAssertSuccess(project);
        assertThat(build.getBuiltOn(), equalTo(agent));
        assertThat(build.getAction(HarvestAction.class).getReportName(), equalTo("pod-1"));
        assertThat(build.getArtifacts().stream().map(Run.Artifact::getFileName).toList(), hasItems("pod-1.json", "pod-1.html"));
    }
}
