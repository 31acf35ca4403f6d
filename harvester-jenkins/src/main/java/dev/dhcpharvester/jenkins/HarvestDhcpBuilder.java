package dev.dhcpharvester.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The Freestyle build step: the same harvest as the Pipeline step, with the same settings, which it
 * holds as a {@link HarvestDhcpStep} so that both forms and both sets of checks are one. Its symbol
 * is {@code harvestDhcpBuilder}, not {@code harvestDhcp}, which is the Pipeline step's name.
 */
public final class HarvestDhcpBuilder extends Builder implements SimpleBuildStep {

    private final HarvestDhcpStep harvest;

    @DataBoundConstructor
    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "data-bound settings, owned by this build step")
    public HarvestDhcpBuilder(HarvestDhcpStep harvest) {
        this.harvest = harvest;
    }

    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "read by the form and by data binding")
    public HarvestDhcpStep getHarvest() {
        return harvest;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        BuildHarvest.perform(harvest, run, workspace, launcher, listener);
    }

    @Extension
    @Symbol("harvestDhcpBuilder")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Publish the hosts in DHCP leases into DNS";
        }
    }
}
