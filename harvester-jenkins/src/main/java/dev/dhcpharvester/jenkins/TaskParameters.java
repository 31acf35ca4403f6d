package dev.dhcpharvester.jenkins;

import dev.dhcpharvester.harvest.HarvestParameters;

/** Reads a step's settings into core's parameters; core checks them, in the step's own words. */
final class TaskParameters {

    static final String DEFAULT_REPORT_NAME = "dhcp-harvest";

    private TaskParameters() {
    }

    static HarvestParameters of(HarvestDhcpTask task) {
        return new HarvestParameters().zone(task.getZone()).leases(task.getLeases()).sourceFormat(task.getSourceFormat())
                .reservations(task.getReservations()).dest(task.getDest()).reverseDest(task.getReverseDest())
                .include(HarvestParameters.splitList(task.getInclude()))
                .filter(HarvestParameters.splitList(task.getFilter()))
                .exclude(HarvestParameters.splitList(task.getExclude()))
                .verify(task.isVerify()).verifyMethod(task.getVerifyMethod()).timeout(task.getTimeout())
                .workers(task.getWorkers()).maxUnreachable(task.getMaxUnreachable())
                .reload(task.isReload()).rndcCommand(task.getRndcCommand()).rndcServer(task.getRndcServer())
                .rndcPort(task.getRndcPort()).bumpSerial(task.getBumpSerial())
                .mode(task.getMode()).dnsServers(HarvestParameters.splitList(task.getDnsServers()))
                .reverseZones(HarvestParameters.splitList(task.getReverseZones())).ddnsState(task.getDdnsState())
                .owner(task.getOwner()).dryRun(task.isDryRun()).force(task.isForce()).asOf(task.getAsOf());
    }

    static String reportName(HarvestDhcpTask task) {
        String name = task.getReportName();
        return name == null || name.isBlank() ? DEFAULT_REPORT_NAME : name.strip();
    }
}
