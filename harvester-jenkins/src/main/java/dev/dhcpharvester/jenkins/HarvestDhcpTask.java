package dev.dhcpharvester.jenkins;

/**
 * The settings the Pipeline step and the Freestyle build step share, read the same way by
 * {@link TaskParameters}. Lists are strings of items separated by commas or white space, as a form
 * field holds them. Every check of these values is core's, in {@code HarvestParameters}.
 */
public interface HarvestDhcpTask {

    String getZone();

    String getLeases();

    String getSourceFormat();

    String getReservations();

    String getDest();

    String getReverseDest();

    String getInclude();

    String getFilter();

    String getExclude();

    boolean isVerify();

    String getVerifyMethod();

    String getTimeout();

    int getWorkers();

    String getMaxUnreachable();

    boolean isReload();

    String getRndcCommand();

    String getRndcServer();

    int getRndcPort();

    String getBumpSerial();

    String getMode();

    String getDnsServers();

    String getReverseZones();

    String getDdnsState();

    String getOwner();

    boolean isDryRun();

    boolean isForce();

    String getAsOf();

    /** A Secret file (rndc.conf or bind key file) or Secret text (a bind {@code key} statement), or null. */
    String getCredentialsId();

    /**
     * A Username with password credential for the Kea control agent's basic authentication, when the
     * leases are read through Kea's API ({@code leases} an http(s) URL), or null.
     */
    String getKeaApiCredentialsId();

    /** The report files' name without extension: {@code NAME.json} and {@code NAME.html}. */
    String getReportName();
}
