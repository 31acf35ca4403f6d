package dev.dhcpharvester.cli;

import dev.dhcpharvester.cli.daemon.Daemon;
import dev.dhcpharvester.cli.daemon.NcrDaemon;
import dev.dhcpharvester.harvest.BadParameterException;
import dev.dhcpharvester.harvest.HarvestConfig;
import dev.dhcpharvester.harvest.HarvestParameters;
import dev.dhcpharvester.harvest.Harvester;
import dev.dhcpharvester.harvest.UnreachableLimit;
import dev.dhcpharvester.ncr.KeaD2Config;
import dev.dhcpharvester.ncr.NcrService;
import dev.dhcpharvester.publication.ddns.DdnsZone;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.report.ReportJson;
import dev.dhcpharvester.source.Ipv6;
import dev.dhcpharvester.util.Durations;
import dev.dhcpharvester.verification.VerifyOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.xbill.DNS.TSIG;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dhcp-harvester}: one harvest from the command line. The CORD harvester's short options
 * keep their meaning; everything new is a long option.
 */
@Command(name = "dhcp-harvester", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Publishes the hosts in a DHCP server's leases into DNS.%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:harvest done (DNS up to date)",
            "1:harvest or DNS failure (verification tool, rndc, file write, refused removal)",
            "2:bad usage or bad input (options, malformed or missing lease file)"})
public final class HarvestCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-l", "--leases"}, paramLabel = "FILE|URL", split = ",", splitSynopsisLabel = ",",
            description = "lease file: ISC dhcpd (v4 or -6), Kea memfile CSV (lease4 or lease6) or dnsmasq; or the"
                    + " http(s) URL of a Kea control agent to read the leases through Kea's API; repeatable: several"
                    + " sources harvested together, a failed one keeping its hosts as last published"
                    + " (default: " + HarvestParameters.DEFAULT_LEASES + ")")
    List<String> leases = new ArrayList<>();

    @Option(names = "--source-format", paramLabel = "FORMAT",
            description = "isc (dhcpd and dhcpd -6), kea-csv (lease4 or lease6), dnsmasq or kea-api; without it the format is told from the file's content")
    String sourceFormat;

    @Option(names = "--kea-api-credentials", paramLabel = "FILE",
            description = "file holding user:password for the Kea control agent's basic authentication")
    Path keaApiCredentials;

    @Option(names = {"-x", "--reservations"}, paramLabel = "FILE",
            description = "dhcpd.conf-style file of fixed-address host blocks; a missing file holds none (default: ${DEFAULT-VALUE})")
    Path reservations = Path.of(HarvestParameters.DEFAULT_RESERVATIONS);

    @Option(names = {"-d", "--dest"}, paramLabel = "FILE",
            description = "zone fragment to write, '-' for standard output (default: ${DEFAULT-VALUE})")
    String dest = HarvestParameters.DEFAULT_DEST;

    @Option(names = "--reverse-dest", paramLabel = "[ZONE=]FILE", split = ",", splitSynopsisLabel = ",", description = "also write the PTR records of reverse zone ZONE"
            + " (in-addr.arpa or ip6.arpa) here, and reload it; without ZONE=, every IPv4 address's (needs -z); repeatable")
    List<String> reverseDests = new ArrayList<>();

    @Option(names = {"-i", "--include"}, paramLabel = "NAME", split = ",", splitSynopsisLabel = ",", description = "names to publish")
    List<String> include = new ArrayList<>();

    @Option(names = {"-f", "--filter"}, paramLabel = "REGEX", split = ",", splitSynopsisLabel = ",",
            description = "publish names matching a regex at their start (Python re.match)")
    List<String> filters = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "REGEX", split = ",", splitSynopsisLabel = ",",
            description = "leave out names matching a regex at their start; repeatable")
    List<String> excludes = new ArrayList<>();

    @Option(names = {"-y", "--verify"}, description = "publish only hosts that answer a probe")
    boolean verify;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", description = "probe timeout (default: ${DEFAULT-VALUE})")
    String timeout = "1s";

    @Option(names = "--verify-retries", paramLabel = "N", description = "probes after an unanswered one (default: ${DEFAULT-VALUE})")
    int retries = 1;

    @Option(names = {"-w", "--workers"}, paramLabel = "N",
            description = "probe processes run at once: fping shards, or pings (default: ${DEFAULT-VALUE})")
    int workers = 8;

    @Option(names = "--verify-method", paramLabel = "METHOD",
            description = "icmp (fping if installed, else ping), fping, ping, tcp (connect), or both (icmp, then tcp"
                    + " for hosts that did not answer) (default: ${DEFAULT-VALUE})")
    String verifyMethod = "icmp";

    @Option(names = "--verify-tcp-ports", paramLabel = "PORT", split = ",", splitSynopsisLabel = ",",
            description = "ports for tcp probes (default: 22,80,443)")
    List<Integer> tcpPorts = new ArrayList<>(VerifyOptions.DEFAULT_TCP_PORTS);

    @Option(names = "--max-unreachable", paramLabel = "N|P%",
            description = "with -y: fail (exit 1) when more hosts than this did not answer; the others are still published")
    String maxUnreachable;

    @Option(names = {"-u", "--update"}, description = "reload the zone with rndc after a change")
    boolean update;

    @Option(names = {"-z", "--zone"}, paramLabel = "ZONE", description = "zone to reload and of the PTR targets")
    String zone;

    @Option(names = {"-c", "--command"}, paramLabel = "PROGRAM", description = "rndc program (default: ${DEFAULT-VALUE})")
    String rndc = "rndc";

    @Option(names = {"-k", "--key"}, paramLabel = "FILE",
            description = "rndc.conf (passed as rndc -c) or bare key file (passed as rndc -k)")
    Path key;

    @Option(names = {"-s", "--server"}, paramLabel = "ADDRESS", description = "rndc server (default: ${DEFAULT-VALUE})")
    String server = "127.0.0.1";

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "rndc port (default: ${DEFAULT-VALUE})")
    int port = 953;

    @Option(names = "--rndc-timeout", paramLabel = "DURATION", description = "how long rndc may take (default: ${DEFAULT-VALUE})")
    String rndcTimeout = "30s";

    @Option(names = "--bump-serial", paramLabel = "[ZONE=]ZONEFILE", split = ",", splitSynopsisLabel = ",",
            description = "raise the SOA serial of the zone file that $INCLUDEs the fragment before reloading; ZONE=FILE"
                    + " for a reverse zone of --reverse-dest; repeatable")
    List<String> bumpSerials = new ArrayList<>();

    @Option(names = "--max-removal", paramLabel = "PERCENT",
            description = "refuse a harvest that removes more than this share of published hosts (default: ${DEFAULT-VALUE})")
    int maxRemoval = 50;

    @Option(names = "--force", description = "publish even if more than --max-removal would be removed")
    boolean force;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "include (write a zone fragment, rndc reload) or ddns (RFC 2136 updates) (default: ${DEFAULT-VALUE})")
    String mode = "include";

    @Option(names = "--forward-zone", paramLabel = "ZONE", split = ",", splitSynopsisLabel = ",", description = "ddns: zone of the A and DHCID records (default: -z); repeatable")
    List<String> forwardZones = new ArrayList<>();

    @Option(names = "--reverse-zone", paramLabel = "ZONE", split = ",", splitSynopsisLabel = ",", description = "ddns: in-addr.arpa or ip6.arpa zone of the PTR records; repeatable")
    List<String> reverseZones = new ArrayList<>();

    @Option(names = "--dns-server", paramLabel = "[ZONE=]HOST[:PORT]", split = ",", splitSynopsisLabel = ",",
            description = "ddns: server that takes updates, tried in turn; ZONE= for one zone only; repeatable")
    List<String> dnsServers = new ArrayList<>();

    @Option(names = "--tsig-key", paramLabel = "FILE", description = "ddns: bind key file whose first key signs the updates")
    Path tsigKey;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "ddns: record TTL (default: a third of the lease, at least 10m)")
    String ttl;

    @Option(names = "--ddns-state", paramLabel = "FILE",
            description = "ddns: where the names this harvester published are remembered"
                    + " (default: /var/lib/dhcp-harvester/ddns-state-OWNER.json)")
    Path ddnsState;

    @Option(names = "--owner", paramLabel = "ID",
            description = "ddns: this harvester's name among several publishing into one zone (default: ${DEFAULT-VALUE})")
    String owner = "default";

    @Option(names = "--conflict-mode", paramLabel = "MODE",
            description = "ddns: check-with-dhcid, no-check-with-dhcid, check-exists-with-dhcid or no-check-without-dhcid"
                    + " (default: ${DEFAULT-VALUE})")
    String conflictMode = "check-with-dhcid";

    @Option(names = "--dry-run", description = "ddns: print the changes a cycle would make and send nothing")
    boolean dryRun;

    @Option(names = "--max-removals", paramLabel = "N|P%",
            description = "ddns: refuse a cycle that removes more names than this, unless --force (default: ${DEFAULT-VALUE})")
    String maxRemovals = "50%";

    @Option(names = "--dns-timeout", paramLabel = "DURATION", description = "ddns: how long to wait for a server (default: ${DEFAULT-VALUE})")
    String dnsTimeout = "5s";

    @Option(names = "--report", paramLabel = "FILE", description = "write the JSON report here (in daemon mode: after every harvest)")
    Path report;

    @Option(names = {"-r", "--repeat"}, paramLabel = "DURATION",
            description = "run as a daemon: harvest every DURATION, and on request through the REST API")
    String repeat;

    @Option(names = {"-a", "--apiserver"}, paramLabel = "ADDRESS",
            description = "address the REST API listens on (default: ${DEFAULT-VALUE}); any other than loopback needs --api-token-file")
    String apiAddress = "127.0.0.1";

    @Option(names = {"-e", "--apiport"}, paramLabel = "PORT", description = "REST API port (default: ${DEFAULT-VALUE})")
    int apiPort = 8954;

    @Option(names = {"-q", "--quiet"}, paramLabel = "DURATION",
            description = "minimum pause between two harvests; requests in it share the next harvest"
                    + " (default: 1s, or --debounce with --watch)")
    String quiet;

    @Option(names = "--watch", description = "daemon mode: harvest as soon as the lease file changes, reading only"
            + " what the server appended; -r stays as a safety net")
    boolean watch;

    @Option(names = "--debounce", paramLabel = "DURATION",
            description = "with --watch: how long a burst of lease writes is gathered into one harvest (default: ${DEFAULT-VALUE})")
    String debounce = "200ms";

    @Option(names = "--ncr-listen", paramLabel = "ADDRESS:PORT",
            description = "run in Kea D2's place: receive NameChangeRequests from Kea's DHCP servers here"
                    + " (D2's default: 127.0.0.1:53001) and carry them out with dynamic DNS updates")
    String ncrListen;

    @Option(names = "--kea-d2-config", paramLabel = "FILE",
            description = "take the NCR address, DDNS domains, DNS servers and TSIG keys from a kea-dhcp-ddns.conf")
    Path keaD2Config;

    @Option(names = "--ncr-allow-remote", description = "let --ncr-listen take an address other than loopback:"
            + " anyone who can send it a datagram can change DNS")
    boolean ncrAllowRemote;

    @Option(names = "--ncr-journal", paramLabel = "FILE",
            description = "where NCRs are kept until carried out (default: /var/lib/dhcp-harvester/ncr-journal-OWNER)")
    Path ncrJournal;

    @Option(names = "--config", paramLabel = "FILE",
            description = "read options from a YAML or JSON file (keys: the long option names); the command line wins")
    Path config;

    @Option(names = "--api-token-file", paramLabel = "FILE",
            description = "file holding the bearer token every API request must carry")
    Path apiTokenFile;

    @Option(names = "--as-of", paramLabel = "TIME",
            description = "judge leases at this UTC time (2026-11-25T12:00:00Z or '2026/11/25 12:00:00') instead of now")
    String asOf;

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    HarvestCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(out, err, Clock.systemUTC());
    }

    static CommandLine commandLine(PrintStream out, PrintStream err, Clock clock) {
        CommandLine cl = new CommandLine(new HarvestCommand(out, err, clock));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        return cl;
    }

    /** Parses and runs {@code args}, with the defaults of a {@code --config} file among them. */
    static int execute(CommandLine cl, String... args) {
        Path file = ConfigFile.named(args);
        if (file != null) {
            try {
                cl.setDefaultValueProvider(ConfigFile.read(file, cl.getCommandSpec()));
            } catch (CommandLine.ParameterException e) {
                cl.getErr().println(e.getMessage());
                return 2;
            }
        }
        return cl.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        HarvestConfig config = config();
        UnreachableLimit unreachableLimit;
        try {
            unreachableLimit = parameters().unreachableLimit(HarvestParameters.Dialect.OPTIONS);
        } catch (BadParameterException e) {
            throw usage(e.getMessage());
        }
        if (ncrListen != null || keaD2Config != null) {
            return new NcrDaemon(ncrSettings(), clock, out, err).run();
        }
        if (watch && config.sources().stream().anyMatch(s -> s.keaApi() != null)) {
            throw usage("--watch follows a lease file; leases read from Kea's control agent are polled every -r instead");
        }
        if (watch && repeat == null) {
            throw usage("--watch runs in daemon mode: give -r/--repeat, the period of the safety-net harvest, e.g. -r 1h");
        }
        if (repeat != null) {
            return new Daemon(daemonSettings(config), clock, out, err).run();
        }
        if (report != null) {
            ReportJson.prepareInBackground();
        }
        // without a report file only the summary is read: the published hosts need no report entries
        HarvestReport result = new Harvester(clock, out).run(config,
                report != null ? Harvester.Listing.EVERY_HOST : Harvester.Listing.NOT_PUBLISHED);
        PrintStream summaryStream = "-".equals(dest) ? err : out;
        for (String message : result.messages()) {
            err.println("warning: " + message);
        }
        if (result.ddns() != null && dryRun) {
            result.ddns().outcomes().stream().filter(o -> o.action().startsWith("would-"))
                    .forEach(o -> out.println(o.action().substring(6) + " " + o.fqdn()
                            + (o.address() != null && Ipv6.isIpv6(o.address()) ? " AAAA " : " A ") + o.address()
                            + (o.detail() == null ? "" : " (" + o.detail() + ")")));
        }
        if (result.status() == HarvestReport.Status.OK) {
            summaryStream.println(result.summary());
        } else {
            err.println(result.summary());
        }
        int exitCode = result.exitCode();
        if (exitCode == 0 && unreachableLimit != null && result.verification() != null) {
            String exceeded = unreachableLimit.exceededBy(result.counts().unreachable(), result.verification().checked());
            if (exceeded != null) {
                err.println("harvest failed: " + exceeded);
                exitCode = Harvester.EXIT_FAILURE;
            }
        }
        if (report != null) {
            try {
                ReportJson.write(result, report);
            } catch (IOException e) {
                err.println("cannot write report " + report + ": " + e.getMessage());
                return Math.max(exitCode, Harvester.EXIT_FAILURE);
            }
        }
        return exitCode;
    }

    HarvestConfig config() {
        try {
            return parameters().toConfig(HarvestParameters.Dialect.OPTIONS, Path.of(""));
        } catch (BadParameterException e) {
            throw usage(e.getMessage());
        }
    }

    /** The options as the parameters both this command and the Jenkins step are checked through. */
    private HarvestParameters parameters() {
        return new HarvestParameters().leases(leases).sourceFormat(sourceFormat).keaApiCredentials(string(keaApiCredentials))
                .reservations(reservations.toString()).dest(dest).reverseDests(reverseDests).include(include)
                .filter(filters).exclude(excludes).verify(verify).timeout(timeout).verifyRetries(retries)
                .workers(workers).verifyMethod(verifyMethod).verifyTcpPorts(tcpPorts).reload(update).zone(zone)
                .rndcCommand(rndc).key(string(key)).rndcServer(server).rndcPort(port).rndcTimeout(rndcTimeout)
                .bumpSerials(bumpSerials).maxRemoval(maxRemoval).force(force).mode(mode)
                .forwardZones(forwardZones).reverseZones(reverseZones).dnsServers(dnsServers).tsigKey(string(tsigKey))
                .ttl(ttl).ddnsState(string(ddnsState)).owner(owner).conflictMode(conflictMode).dryRun(dryRun)
                .maxRemovals(maxRemovals).dnsTimeout(dnsTimeout).asOf(asOf).maxUnreachable(maxUnreachable);
    }

    private static String string(Path path) {
        return path == null ? null : path.toString();
    }

    private Daemon.Settings daemonSettings(HarvestConfig config) {
        Duration period = duration(repeat, "-r/--repeat");
        if (period.isZero()) {
            throw usage("-r/--repeat must be longer than zero");
        }
        if (config.asOf() != null) {
            throw usage("--as-of fixes the harvest time, which makes no sense for a daemon");
        }
        if (apiPort < 0 || apiPort > 65535) {
            throw usage("-e/--apiport must be a port number from 0 to 65535");
        }
        String token = token();
        InetSocketAddress address = new InetSocketAddress(apiAddress, apiPort);
        if (address.isUnresolved()) {
            throw usage("-a/--apiserver '" + apiAddress + "' is not an address of this host");
        }
        if (!address.getAddress().isLoopbackAddress() && token == null) {
            throw usage("refusing to listen on " + apiAddress + " without --api-token-file: anyone who can reach it could"
                    + " trigger harvests; keep the default 127.0.0.1 or give a token");
        }
        Duration gather = duration(debounce, "--debounce");
        Duration pause = quiet != null ? duration(quiet, "-q/--quiet") : watch ? gather : Duration.ofSeconds(1);
        return new Daemon.Settings(config, period, address, token, pause, report, watch, gather);
    }

    /** The bearer token of --api-token-file, or null. */
    private String token() {
        if (apiTokenFile == null) {
            return null;
        }
        String token;
        try {
            token = Files.readString(apiTokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw usage("cannot read --api-token-file " + apiTokenFile + ": " + e.getMessage());
        }
        if (token.length() < 16) {
            throw usage("the token in " + apiTokenFile + " is shorter than 16 characters; use e.g. `openssl rand -hex 32`");
        }
        return token;
    }

    /** The NCR listener's settings: from --kea-d2-config, or from the dynamic DNS options; --ncr-listen wins. */
    private NcrDaemon.Settings ncrSettings() {
        if (repeat != null || watch) {
            throw usage("--ncr-listen runs its own daemon: -r and --watch are for lease files, leave them out");
        }
        InetSocketAddress listen;
        List<DdnsZone> forward;
        List<DdnsZone> reverse;
        TSIG key = null;
        Duration timeout;
        if (keaD2Config != null) {
            KeaD2Config d2;
            try {
                d2 = KeaD2Config.read(keaD2Config);
            } catch (IOException e) {
                throw usage("--kea-d2-config: " + e.getMessage());
            }
            listen = d2.listen();
            forward = d2.forward();
            reverse = d2.reverse();
            // D2's timeout is for one name per message (default 500 ms); ours carry up to 200 names
            timeout = d2.timeout().compareTo(MIN_BATCH_TIMEOUT) < 0 ? MIN_BATCH_TIMEOUT : d2.timeout();
        } else {
            HarvestConfig config;
            try {
                config = parameters().mode("ddns").toConfig(HarvestParameters.Dialect.OPTIONS, Path.of(""));
                forward = config.ddns().zones(config.ddns().forwardZones());
                reverse = config.ddns().zones(config.ddns().reverseZones());
                key = config.ddns().signer();
            } catch (IllegalArgumentException | IOException e) {
                throw usage(e.getMessage());
            }
            listen = null;
            timeout = config.ddns().timeout();
        }
        if (ncrListen != null) {
            listen = socketAddress(ncrListen, "--ncr-listen");
        }
        if (listen == null) {
            listen = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 53001);
        }
        if (!listen.getAddress().isLoopbackAddress() && !ncrAllowRemote) {
            throw usage("refusing to take NCRs on " + listen.getAddress().getHostAddress() + " without --ncr-allow-remote:"
                    + " anyone who can send a datagram there could change DNS; keep Kea and the listener on loopback,"
                    + " or firewall the port and give --ncr-allow-remote");
        }
        Path state = ddnsState != null ? ddnsState : Path.of("/var/lib/dhcp-harvester/ncr-state-" + owner + ".json");
        Path journal = ncrJournal != null ? ncrJournal : Path.of("/var/lib/dhcp-harvester/ncr-journal-" + owner);
        NcrService.Settings service;
        try {
            service = new NcrService.Settings(listen, forward, reverse, key, timeout, state, journal,
                    duration(debounce, "--debounce"), NCR_RETRY);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        InetSocketAddress api = new InetSocketAddress(apiAddress, apiPort);
        if (api.isUnresolved()) {
            throw usage("-a/--apiserver '" + apiAddress + "' is not an address of this host");
        }
        String token = token();
        if (!api.getAddress().isLoopbackAddress() && token == null) {
            throw usage("refusing to serve metrics on " + apiAddress + " without --api-token-file; keep the default 127.0.0.1 or give a token");
        }
        return new NcrDaemon.Settings(service, api, token);
    }

    /** The least time a DNS server is given to answer a batched UPDATE. */
    static final Duration MIN_BATCH_TIMEOUT = Duration.ofSeconds(2);

    /** How soon an update that failed (server down) is tried again. */
    static final Duration NCR_RETRY = Duration.ofSeconds(5);

    /** {@code ADDRESS:PORT} or {@code [IPV6]:PORT}, the address a literal. */
    private InetSocketAddress socketAddress(String text, String option) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        byte[] bytes = org.xbill.DNS.Address.toByteArray(host, host.contains(":") ? org.xbill.DNS.Address.IPv6
                : org.xbill.DNS.Address.IPv4);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (colon < 0 || bytes == null || port < 0 || port > 65535) {
            throw usage(option + " takes ADDRESS:PORT with an IP address, e.g. 127.0.0.1:53001, not '" + text + "'");
        }
        try {
            return new InetSocketAddress(java.net.InetAddress.getByAddress(bytes), port);
        } catch (java.net.UnknownHostException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private Duration duration(String text, String option) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
