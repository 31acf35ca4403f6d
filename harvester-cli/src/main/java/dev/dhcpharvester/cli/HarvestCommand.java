package dev.dhcpharvester.cli;

import dev.dhcpharvester.cli.daemon.Daemon;
import dev.dhcpharvester.harvest.HarvestConfig;
import dev.dhcpharvester.harvest.Harvester;
import dev.dhcpharvester.naming.NamePolicy;
import dev.dhcpharvester.publication.IncludeOptions;
import dev.dhcpharvester.publication.RndcOptions;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.publication.ddns.DdnsSettings;
import dev.dhcpharvester.publication.ddns.DnsServer;
import dev.dhcpharvester.report.HarvestReport;
import dev.dhcpharvester.source.LeaseFormat;
import dev.dhcpharvester.report.ReportJson;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
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

    @Option(names = {"-l", "--leases"}, paramLabel = "FILE",
            description = "lease file: ISC dhcpd, Kea memfile CSV or dnsmasq (default: ${DEFAULT-VALUE})")
    Path leases = Path.of("/var/lib/dhcp/dhcpd.leases");

    @Option(names = "--source-format", paramLabel = "FORMAT",
            description = "isc, kea-csv or dnsmasq; without it the format is told from the file's content")
    String sourceFormat;

    @Option(names = {"-x", "--reservations"}, paramLabel = "FILE",
            description = "dhcpd.conf-style file of fixed-address host blocks; a missing file holds none (default: ${DEFAULT-VALUE})")
    Path reservations = Path.of("/etc/dhcp/dhcpd.reservations");

    @Option(names = {"-d", "--dest"}, paramLabel = "FILE",
            description = "zone fragment to write, '-' for standard output (default: ${DEFAULT-VALUE})")
    String dest = "/etc/bind/dhcp_harvest.inc";

    @Option(names = "--reverse-dest", paramLabel = "FILE", description = "also write PTR records for the reverse zone here (needs -z)")
    Path reverseDest;

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

    @Option(names = "--bump-serial", paramLabel = "ZONEFILE",
            description = "raise the SOA serial of the zone file that $INCLUDEs the fragment before reloading")
    Path bumpSerial;

    @Option(names = "--max-removal", paramLabel = "PERCENT",
            description = "refuse a harvest that removes more than this share of published hosts (default: ${DEFAULT-VALUE})")
    int maxRemoval = 50;

    @Option(names = "--force", description = "publish even if more than --max-removal would be removed")
    boolean force;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "include (write a zone fragment, rndc reload) or ddns (RFC 2136 updates) (default: ${DEFAULT-VALUE})")
    String mode = "include";

    @Option(names = "--forward-zone", paramLabel = "ZONE", description = "ddns: zone of the A and DHCID records (default: -z); repeatable")
    List<String> forwardZones = new ArrayList<>();

    @Option(names = "--reverse-zone", paramLabel = "ZONE", description = "ddns: in-addr.arpa zone of the PTR records; repeatable")
    List<String> reverseZones = new ArrayList<>();

    @Option(names = "--dns-server", paramLabel = "[ZONE=]HOST[:PORT]",
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
            description = "minimum pause between two harvests; requests in it share the next harvest (default: ${DEFAULT-VALUE})")
    String quiet = "1s";

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
        if (repeat != null) {
            return new Daemon(daemonSettings(config), clock, out, err).run();
        }
        HarvestReport result = new Harvester(clock, out).run(config);
        PrintStream summaryStream = "-".equals(dest) ? err : out;
        for (String message : result.messages()) {
            err.println("warning: " + message);
        }
        if (result.ddns() != null && dryRun) {
            result.ddns().outcomes().stream().filter(o -> o.action().startsWith("would-"))
                    .forEach(o -> out.println(o.action().substring(6) + " " + o.fqdn() + " A " + o.address()
                            + (o.detail() == null ? "" : " (" + o.detail() + ")")));
        }
        if (result.status() == HarvestReport.Status.OK) {
            summaryStream.println(result.summary());
        } else {
            err.println(result.summary());
        }
        if (report != null) {
            try {
                ReportJson.write(result, report);
            } catch (IOException e) {
                err.println("cannot write report " + report + ": " + e.getMessage());
                return Math.max(result.exitCode(), Harvester.EXIT_FAILURE);
            }
        }
        return result.exitCode();
    }

    HarvestConfig config() {
        NamePolicy names = new NamePolicy(include.stream().map(String::strip).filter(s -> !s.isEmpty()).toList(),
                patterns(filters, "--filter"), patterns(excludes, "--exclude"));
        VerifyOptions verifyOptions = null;
        if (verify) {
            VerifyOptions.Method method = switch (verifyMethod) {
                case "icmp" -> VerifyOptions.Method.ICMP;
                case "fping" -> VerifyOptions.Method.FPING;
                case "ping" -> VerifyOptions.Method.PING;
                case "tcp" -> VerifyOptions.Method.TCP;
                case "both" -> VerifyOptions.Method.BOTH;
                default -> throw usage("--verify-method must be icmp, fping, ping, tcp or both, not '" + verifyMethod + "'");
            };
            try {
                verifyOptions = new VerifyOptions(method, duration(timeout, "-t/--timeout"), retries, workers, tcpPorts);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (reverseDest != null && zone == null) {
            throw usage("--reverse-dest needs the forward zone (-z) to name the PTR targets");
        }
        if (maxRemoval < 0 || maxRemoval > 100) {
            throw usage("--max-removal is a percentage from 0 to 100");
        }
        if (port < 1 || port > 65535) {
            throw usage("-p/--port must be a port number from 1 to 65535");
        }
        RndcOptions rndcOptions = new RndcOptions(rndc, key, server, port, zone, duration(rndcTimeout, "--rndc-timeout"));
        IncludeOptions includeOptions = new IncludeOptions("-".equals(dest) ? null : Path.of(dest), reverseDest, zone,
                update, rndcOptions, bumpSerial, maxRemoval / 100.0, force);
        LeaseFormat format;
        try {
            format = sourceFormat == null ? null : LeaseFormat.parse(sourceFormat);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return new HarvestConfig(leases, reservations, names, verifyOptions, includeOptions, asOf(), ddnsSettings(), format);
    }

    private DdnsSettings ddnsSettings() {
        if (mode.equals("include")) {
            return null;
        }
        if (!mode.equals("ddns")) {
            throw usage("--mode must be include or ddns, not '" + mode + "'");
        }
        if (!owner.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
            throw usage("--owner must be letters, digits, '.', '_' or '-', not '" + owner + "'");
        }
        List<String> forward = forwardZones.isEmpty() && zone != null ? List.of(zone) : forwardZones;
        List<DnsServer> servers = new ArrayList<>();
        java.util.Map<String, List<DnsServer>> zoneServers = new java.util.LinkedHashMap<>();
        for (String spec : dnsServers) {
            int equals = spec.indexOf('=');
            try {
                DnsServer server = DnsServer.parse(spec.substring(equals + 1));
                if (equals < 0) {
                    servers.add(server);
                } else {
                    zoneServers.computeIfAbsent(DdnsSettings.normal(spec.substring(0, equals)), z -> new ArrayList<>())
                            .add(server);
                }
            } catch (RuntimeException e) {
                throw usage("--dns-server '" + spec + "' is not [ZONE=]HOST, [ZONE=]HOST:PORT or [ZONE=][IPv6]:PORT");
            }
        }
        DdnsPublisher.ConflictMode conflicts;
        try {
            conflicts = DdnsPublisher.ConflictMode.parse(conflictMode);
        } catch (IllegalArgumentException e) {
            throw usage("--conflict-mode must be check-with-dhcid, no-check-with-dhcid, check-exists-with-dhcid or"
                    + " no-check-without-dhcid, not '" + conflictMode + "'");
        }
        try {
            return new DdnsSettings(forward, reverseZones, servers, zoneServers, tsigKey, ttl == null ? null : duration(ttl, "--ttl"),
                    ddnsState != null ? ddnsState : Path.of("/var/lib/dhcp-harvester/ddns-state-" + owner + ".json"),
                    duration(dnsTimeout, "--dns-timeout"), conflicts, dryRun,
                    force ? null : DdnsPublisher.RemovalLimit.parse(maxRemovals));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
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
        String token = null;
        if (apiTokenFile != null) {
            try {
                token = Files.readString(apiTokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw usage("cannot read --api-token-file " + apiTokenFile + ": " + e.getMessage());
            }
            if (token.length() < 16) {
                throw usage("the token in " + apiTokenFile + " is shorter than 16 characters; use e.g. `openssl rand -hex 32`");
            }
        }
        InetSocketAddress address = new InetSocketAddress(apiAddress, apiPort);
        if (address.isUnresolved()) {
            throw usage("-a/--apiserver '" + apiAddress + "' is not an address of this host");
        }
        if (!address.getAddress().isLoopbackAddress() && token == null) {
            throw usage("refusing to listen on " + apiAddress + " without --api-token-file: anyone who can reach it could"
                    + " trigger harvests; keep the default 127.0.0.1 or give a token");
        }
        return new Daemon.Settings(config, period, address, token, duration(quiet, "-q/--quiet"), report);
    }

    private Instant asOf() {
        if (asOf == null) {
            return null;
        }
        try {
            return Instant.parse(asOf);
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDateTime.parse(asOf, DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss")).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw usage("--as-of '" + asOf + "' is not a time; write 2026-11-25T12:00:00Z or '2026/11/25 12:00:00'");
            }
        }
    }

    private Duration duration(String text, String option) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private List<Pattern> patterns(List<String> regexes, String option) {
        List<Pattern> out = new ArrayList<>();
        for (String regex : regexes) {
            try {
                out.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw usage(option + " '" + regex + "' is not a valid regular expression: " + e.getDescription());
            }
        }
        return out;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
