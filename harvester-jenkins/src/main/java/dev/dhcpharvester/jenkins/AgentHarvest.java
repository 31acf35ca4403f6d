package dev.dhcpharvester.jenkins;

import dev.dhcpharvester.harvest.HarvestParameters;
import dev.dhcpharvester.harvest.HarvestResult;
import dev.dhcpharvester.harvest.HarvestRun;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.time.Clock;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * The harvest, run on the agent that holds the workspace: the one next to the DHCP and DNS servers,
 * so lease files, rndc and pings are local to it. Only the parameters go there, and only the result
 * comes back, as {@link HarvestResult#asMap}: JDK maps, lists, strings and numbers, which the
 * controller's class filter (JEP-200) accepts, where it would refuse core's own classes (a library
 * inside the plugin).
 */
final class AgentHarvest extends MasterToSlaveFileCallable<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final HarvestParameters parameters;
    private final String reportName;
    private final TaskListener listener;

    AgentHarvest(HarvestParameters parameters, String reportName, TaskListener listener) {
        this.parameters = parameters;
        this.reportName = reportName;
        this.listener = listener;
    }

    @Override
    public Map<String, Object> invoke(File workspace, VirtualChannel channel) {
        return HarvestRun.execute(parameters, workspace.toPath(), reportName,
                line -> listener.getLogger().println("[dhcp-harvester] " + line), Clock.systemUTC()).asMap();
    }
}
