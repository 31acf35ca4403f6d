package dev.dhcpharvester.jenkins;

import dev.dhcpharvester.harvest.HarvestParameters;
import dev.dhcpharvester.harvest.HarvestResult;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code harvestDhcp(zone: 'cord.lab', ...)}: one harvest on the node the step runs on, returning
 * what it did as a map ({@code published}, {@code unreachable}, {@code hosts}, ...). Its parameters
 * are the command line's long options; every check of them is core's. A DNS failure or bad input
 * fails the step with one line; unreachable hosts do not, unless {@code maxUnreachable} says so.
 */
public final class HarvestDhcpStep extends Step implements HarvestDhcpTask, Serializable {

    private static final long serialVersionUID = 1L;

    private final String zone;
    private String leases;
    private String sourceFormat;
    private String reservations;
    private String dest;
    private String reverseDest;
    private String include;
    private String filter;
    private String exclude;
    private boolean verify;
    private String verifyMethod;
    private String timeout;
    private int workers = 8;
    private String maxUnreachable;
    private boolean reload;
    private String rndcCommand;
    private String rndcServer;
    private int rndcPort = 953;
    private String bumpSerial;
    private String mode;
    private String dnsServers;
    private String reverseZones;
    private String ddnsState;
    private String owner;
    private boolean dryRun;
    private boolean force;
    private String asOf;
    private String credentialsId;
    private String keaApiCredentialsId;
    private String reportName;

    @DataBoundConstructor
    public HarvestDhcpStep(String zone) {
        this.zone = Util.fixEmptyAndTrim(zone);
    }

    @Override
    public String getZone() {
        return zone;
    }

    @Override
    public String getLeases() {
        return leases;
    }

    @DataBoundSetter
    public void setLeases(String value) {
        this.leases = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getSourceFormat() {
        return sourceFormat;
    }

    @DataBoundSetter
    public void setSourceFormat(String value) {
        this.sourceFormat = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getReservations() {
        return reservations;
    }

    @DataBoundSetter
    public void setReservations(String value) {
        this.reservations = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getDest() {
        return dest;
    }

    @DataBoundSetter
    public void setDest(String value) {
        this.dest = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getReverseDest() {
        return reverseDest;
    }

    @DataBoundSetter
    public void setReverseDest(String value) {
        this.reverseDest = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getInclude() {
        return include;
    }

    @DataBoundSetter
    public void setInclude(String value) {
        this.include = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getFilter() {
        return filter;
    }

    @DataBoundSetter
    public void setFilter(String value) {
        this.filter = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getExclude() {
        return exclude;
    }

    @DataBoundSetter
    public void setExclude(String value) {
        this.exclude = Util.fixEmptyAndTrim(value);
    }

    @Override
    public boolean isVerify() {
        return verify;
    }

    @DataBoundSetter
    public void setVerify(boolean value) {
        this.verify = value;
    }

    @Override
    public String getVerifyMethod() {
        return verifyMethod;
    }

    @DataBoundSetter
    public void setVerifyMethod(String value) {
        this.verifyMethod = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String value) {
        this.timeout = Util.fixEmptyAndTrim(value);
    }

    @Override
    public int getWorkers() {
        return workers;
    }

    @DataBoundSetter
    public void setWorkers(int value) {
        this.workers = value;
    }

    @Override
    public String getMaxUnreachable() {
        return maxUnreachable;
    }

    @DataBoundSetter
    public void setMaxUnreachable(String value) {
        this.maxUnreachable = Util.fixEmptyAndTrim(value);
    }

    @Override
    public boolean isReload() {
        return reload;
    }

    @DataBoundSetter
    public void setReload(boolean value) {
        this.reload = value;
    }

    @Override
    public String getRndcCommand() {
        return rndcCommand;
    }

    @DataBoundSetter
    public void setRndcCommand(String value) {
        this.rndcCommand = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getRndcServer() {
        return rndcServer;
    }

    @DataBoundSetter
    public void setRndcServer(String value) {
        this.rndcServer = Util.fixEmptyAndTrim(value);
    }

    @Override
    public int getRndcPort() {
        return rndcPort;
    }

    @DataBoundSetter
    public void setRndcPort(int value) {
        this.rndcPort = value;
    }

    @Override
    public String getBumpSerial() {
        return bumpSerial;
    }

    @DataBoundSetter
    public void setBumpSerial(String value) {
        this.bumpSerial = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String value) {
        this.mode = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getDnsServers() {
        return dnsServers;
    }

    @DataBoundSetter
    public void setDnsServers(String value) {
        this.dnsServers = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getReverseZones() {
        return reverseZones;
    }

    @DataBoundSetter
    public void setReverseZones(String value) {
        this.reverseZones = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getDdnsState() {
        return ddnsState;
    }

    @DataBoundSetter
    public void setDdnsState(String value) {
        this.ddnsState = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getOwner() {
        return owner;
    }

    @DataBoundSetter
    public void setOwner(String value) {
        this.owner = Util.fixEmptyAndTrim(value);
    }

    @Override
    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean value) {
        this.dryRun = value;
    }

    @Override
    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean value) {
        this.force = value;
    }

    @Override
    public String getAsOf() {
        return asOf;
    }

    @DataBoundSetter
    public void setAsOf(String value) {
        this.asOf = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String value) {
        this.credentialsId = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getKeaApiCredentialsId() {
        return keaApiCredentialsId;
    }

    @DataBoundSetter
    public void setKeaApiCredentialsId(String value) {
        this.keaApiCredentialsId = Util.fixEmptyAndTrim(value);
    }

    @Override
    public String getReportName() {
        return reportName;
    }

    @DataBoundSetter
    public void setReportName(String value) {
        this.reportName = Util.fixEmptyAndTrim(value);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Runs the harvest off the CPS thread: probing thousands of hosts takes seconds. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "only used when starting")
        private final transient HarvestDhcpStep step;

        Execution(HarvestDhcpStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            HarvestResult result = BuildHarvest.perform(step, context.get(Run.class), context.get(FilePath.class),
                    context.get(Launcher.class), context.get(TaskListener.class));
            return result.asMap();
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "harvestDhcp";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Publish the hosts in DHCP leases into DNS";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class);
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return Forms.credentials(item, credentialsId);
        }

        public ListBoxModel doFillKeaApiCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String keaApiCredentialsId) {
            return Forms.usernamePasswords(item, keaApiCredentialsId);
        }

        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return Forms.check(p -> p.verify(true).timeout(value));
        }

        public FormValidation doCheckFilter(@QueryParameter String value) {
            return Forms.check(p -> p.filter(HarvestParameters.splitList(value)));
        }

        public FormValidation doCheckExclude(@QueryParameter String value) {
            return Forms.check(p -> p.exclude(HarvestParameters.splitList(value)));
        }

        public FormValidation doCheckMaxUnreachable(@QueryParameter String value) {
            return Forms.check(p -> p.maxUnreachable(value));
        }

        public FormValidation doCheckAsOf(@QueryParameter String value) {
            return Forms.check(p -> p.asOf(value));
        }

        public FormValidation doCheckReportName(@QueryParameter String value) {
            return Forms.checkReportName(value);
        }

        public ListBoxModel doFillModeItems() {
            return new ListBoxModel(new ListBoxModel.Option("include: write a zone fragment, rndc reload", "include"),
                    new ListBoxModel.Option("ddns: RFC 2136 updates signed with TSIG", "ddns"));
        }

        public ListBoxModel doFillVerifyMethodItems() {
            ListBoxModel items = new ListBoxModel();
            for (String method : new String[] {"icmp", "fping", "ping", "tcp", "both"}) {
                items.add(method);
            }
            return items;
        }
    }
}
