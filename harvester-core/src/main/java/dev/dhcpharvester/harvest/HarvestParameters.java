package dev.dhcpharvester.harvest;

import dev.dhcpharvester.naming.NamePolicy;
import dev.dhcpharvester.publication.IncludeOptions;
import dev.dhcpharvester.publication.ReverseFragment;
import dev.dhcpharvester.publication.RndcOptions;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.publication.ddns.DdnsSettings;
import dev.dhcpharvester.publication.ddns.DnsServer;
import dev.dhcpharvester.source.KeaApiLeaseSource;
import dev.dhcpharvester.source.LeaseFormat;
import dev.dhcpharvester.util.Durations;
import dev.dhcpharvester.verification.VerifyOptions;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The settings of one harvest as a user writes them: strings, numbers and switches, named as the
 * command line's long options and the Jenkins step's parameters. {@link #toConfig} checks them all
 * and turns them into a {@link HarvestConfig}, or says in one line, in the words of the interface
 * they came from, which one is wrong. Both the command line and the Jenkins plugin build their
 * harvests through here, so they accept and reject the same things.
 *
 * <p>Serializable so that a Jenkins controller can hand it to the agent that runs the harvest.
 */
public final class HarvestParameters implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_LEASES = "/var/lib/dhcp/dhcpd.leases";
    /** Leases per request to Kea's control agent. */
    static final int KEA_API_PAGE = 1000;
    public static final String DEFAULT_RESERVATIONS = "/etc/dhcp/dhcpd.reservations";
    public static final String DEFAULT_DEST = "/etc/bind/dhcp_harvest.inc";

    /** How a parameter is named in messages: as a command-line option or as a step parameter. */
    public enum Dialect {
        OPTIONS, STEP;

        String name(String parameter) {
            return this == STEP ? parameter : OPTION_NAMES.getOrDefault(parameter, "--" + parameter);
        }
    }

    private static final Map<String, String> OPTION_NAMES = Map.ofEntries(
            Map.entry("leases", "-l/--leases"), Map.entry("reservations", "-x/--reservations"),
            Map.entry("dest", "-d/--dest"), Map.entry("include", "-i/--include"), Map.entry("filter", "-f/--filter"),
            Map.entry("timeout", "-t/--timeout"), Map.entry("workers", "-w/--workers"),
            Map.entry("zone", "-z/--zone"), Map.entry("rndcCommand", "-c/--command"), Map.entry("key", "-k/--key"),
            Map.entry("rndcServer", "-s/--server"), Map.entry("rndcPort", "-p/--port"),
            Map.entry("sourceFormat", "--source-format"), Map.entry("reverseDest", "--reverse-dest"),
            Map.entry("verifyRetries", "--verify-retries"), Map.entry("verifyMethod", "--verify-method"),
            Map.entry("verifyTcpPorts", "--verify-tcp-ports"), Map.entry("rndcTimeout", "--rndc-timeout"),
            Map.entry("bumpSerial", "--bump-serial"), Map.entry("maxRemoval", "--max-removal"),
            Map.entry("forwardZones", "--forward-zone"), Map.entry("reverseZones", "--reverse-zone"),
            Map.entry("dnsServers", "--dns-server"), Map.entry("tsigKey", "--tsig-key"), Map.entry("ddnsState", "--ddns-state"),
            Map.entry("conflictMode", "--conflict-mode"), Map.entry("maxRemovals", "--max-removals"),
            Map.entry("dnsTimeout", "--dns-timeout"), Map.entry("asOf", "--as-of"), Map.entry("mode", "--mode"),
            Map.entry("owner", "--owner"), Map.entry("ttl", "--ttl"), Map.entry("exclude", "--exclude"),
            Map.entry("maxUnreachable", "--max-unreachable"), Map.entry("keaApiCredentials", "--kea-api-credentials"));

    private List<String> leases = List.of(DEFAULT_LEASES);
    private String sourceFormat;
    private String keaApiCredentials;
    private String reservations = DEFAULT_RESERVATIONS;
    private String dest = DEFAULT_DEST;
    private ArrayList<String> reverseDests = new ArrayList<>();
    private ArrayList<String> include = new ArrayList<>();
    private ArrayList<String> filter = new ArrayList<>();
    private ArrayList<String> exclude = new ArrayList<>();
    private boolean verify;
    private String timeout = "1s";
    private int verifyRetries = 1;
    private int workers = 8;
    private String verifyMethod = "icmp";
    private ArrayList<Integer> verifyTcpPorts = new ArrayList<>(VerifyOptions.DEFAULT_TCP_PORTS);
    private boolean reload;
    private String zone;
    private String rndcCommand = "rndc";
    private String key;
    private String rndcServer = "127.0.0.1";
    private int rndcPort = 953;
    private String rndcTimeout = "30s";
    private List<String> bumpSerials = List.of();
    private int maxRemoval = 50;
    private boolean force;
    private String mode = "include";
    private ArrayList<String> forwardZones = new ArrayList<>();
    private ArrayList<String> reverseZones = new ArrayList<>();
    private ArrayList<String> dnsServers = new ArrayList<>();
    private String tsigKey;
    private String ttl;
    private String ddnsState;
    private String owner = "default";
    private String conflictMode = "check-with-dhcid";
    private boolean dryRun;
    private String maxRemovals = "50%";
    private String dnsTimeout = "5s";
    private String asOf;
    private String maxUnreachable;

    // Setters return this so that a caller can chain them; null keeps the default.

    /** One lease source, or several separated by commas (a Jenkins text field). */
    public HarvestParameters leases(String v) {
        return leases(files(v));
    }
    /** Several lease sources (files or Kea control agents) harvested together; none keeps the default. */
    public HarvestParameters leases(List<String> v) {
        ArrayList<String> list = copy(v);
        leases = list.isEmpty() ? List.of(DEFAULT_LEASES) : List.copyOf(list);
        return this;
    }
    public HarvestParameters sourceFormat(String v) { sourceFormat = blankToNull(v); return this; }
    public HarvestParameters keaApiCredentials(String v) { keaApiCredentials = blankToNull(v); return this; }
    public HarvestParameters reservations(String v) { reservations = orDefault(v, DEFAULT_RESERVATIONS); return this; }
    public HarvestParameters dest(String v) { dest = orDefault(v, DEFAULT_DEST); return this; }
    /** One or more {@code [ZONE=]FILE}, separated by commas, as the other file lists (a Jenkins text field). */
    public HarvestParameters reverseDest(String v) {
        return reverseDests(files(v));
    }
    /** {@code [ZONE=]FILE} each: the PTR fragment of a reverse zone (no zone: every IPv4 address). */
    public HarvestParameters reverseDests(List<String> v) { reverseDests = copy(v); return this; }
    public HarvestParameters include(List<String> v) { include = copy(v); return this; }
    public HarvestParameters filter(List<String> v) { filter = copy(v); return this; }
    public HarvestParameters exclude(List<String> v) { exclude = copy(v); return this; }
    public HarvestParameters verify(boolean v) { verify = v; return this; }
    public HarvestParameters timeout(String v) { timeout = orDefault(v, "1s"); return this; }
    public HarvestParameters verifyRetries(int v) { verifyRetries = v; return this; }
    public HarvestParameters workers(int v) { workers = v; return this; }
    public HarvestParameters verifyMethod(String v) { verifyMethod = orDefault(v, "icmp"); return this; }
    public HarvestParameters verifyTcpPorts(List<Integer> v) {
        verifyTcpPorts = v == null || v.isEmpty() ? new ArrayList<>(VerifyOptions.DEFAULT_TCP_PORTS) : new ArrayList<>(v);
        return this;
    }
    public HarvestParameters reload(boolean v) { reload = v; return this; }
    public HarvestParameters zone(String v) { zone = blankToNull(v); return this; }
    public HarvestParameters rndcCommand(String v) { rndcCommand = orDefault(v, "rndc"); return this; }
    public HarvestParameters key(String v) { key = blankToNull(v); return this; }
    public HarvestParameters rndcServer(String v) { rndcServer = orDefault(v, "127.0.0.1"); return this; }
    public HarvestParameters rndcPort(int v) { rndcPort = v; return this; }
    public HarvestParameters rndcTimeout(String v) { rndcTimeout = orDefault(v, "30s"); return this; }
    /** One or more {@code [ZONE=]FILE}, separated by commas (a Jenkins text field). */
    public HarvestParameters bumpSerial(String v) {
        return bumpSerials(files(v));
    }
    /** The forward zone's file, and {@code ZONE=FILE} for each reverse zone with a {@code --reverse-dest}. */
    public HarvestParameters bumpSerials(List<String> v) { bumpSerials = copy(v); return this; }
    public HarvestParameters maxRemoval(int v) { maxRemoval = v; return this; }
    public HarvestParameters force(boolean v) { force = v; return this; }
    public HarvestParameters mode(String v) { mode = orDefault(v, "include"); return this; }
    public HarvestParameters forwardZones(List<String> v) { forwardZones = copy(v); return this; }
    public HarvestParameters reverseZones(List<String> v) { reverseZones = copy(v); return this; }
    public HarvestParameters dnsServers(List<String> v) { dnsServers = copy(v); return this; }
    public HarvestParameters tsigKey(String v) { tsigKey = blankToNull(v); return this; }
    public HarvestParameters ttl(String v) { ttl = blankToNull(v); return this; }
    public HarvestParameters ddnsState(String v) { ddnsState = blankToNull(v); return this; }
    public HarvestParameters owner(String v) { owner = orDefault(v, "default"); return this; }
    public HarvestParameters conflictMode(String v) { conflictMode = orDefault(v, "check-with-dhcid"); return this; }
    public HarvestParameters dryRun(boolean v) { dryRun = v; return this; }
    public HarvestParameters maxRemovals(String v) { maxRemovals = orDefault(v, "50%"); return this; }
    public HarvestParameters dnsTimeout(String v) { dnsTimeout = orDefault(v, "5s"); return this; }
    public HarvestParameters asOf(String v) { asOf = blankToNull(v); return this; }
    public HarvestParameters maxUnreachable(String v) { maxUnreachable = blankToNull(v); return this; }

    /**
     * A key that came from a secret store (a Jenkins credential) rather than a path the user wrote:
     * it signs rndc's commands in include mode and the updates in dynamic mode, so it takes the
     * place of {@code key} or {@code tsigKey} by the mode.
     */
    public HarvestParameters secretKeyFile(String path) {
        if ("ddns".equals(mode)) {
            tsigKey = path;
        } else {
            key = path;
        }
        return this;
    }

    /**
     * Checks every parameter and builds the harvest they describe.
     *
     * @param dialect how to name a wrong parameter in the message
     * @param base    the directory relative paths are resolved against (a Jenkins workspace)
     * @throws BadParameterException naming the first wrong parameter and what it takes
     */
    public HarvestConfig toConfig(Dialect dialect, Path base) {
        Check check = new Check(dialect);
        NamePolicy names = new NamePolicy(include.stream().map(String::strip).filter(s -> !s.isEmpty()).toList(),
                check.patterns(filter, "filter"), check.patterns(exclude, "exclude"));
        VerifyOptions verifyOptions = verify ? verifyOptions(check) : null;
        if (!mode.equals("include") && !mode.equals("ddns")) {
            throw check.bad("mode", "must be include or ddns, not '" + mode + "'");
        }
        if (!reverseDests.isEmpty() && zone == null) {
            throw check.bad("reverseDest", "needs the forward zone (" + dialect.name("zone") + ") to name the PTR targets");
        }
        if (maxRemoval < 0 || maxRemoval > 100) {
            throw check.bad("maxRemoval", "is a percentage from 0 to 100");
        }
        if (rndcPort < 1 || rndcPort > 65535) {
            throw check.bad("rndcPort", "must be a port number from 1 to 65535");
        }
        RndcOptions rndc = new RndcOptions(rndcCommand, path(base, key), rndcServer, rndcPort, zone,
                check.duration(rndcTimeout, "rndcTimeout"));
        IncludeOptions includeOptions = new IncludeOptions("-".equals(dest) ? null : path(base, dest),
                reverseFragments(check, base), zone, reload, rndc, forwardBumpSerial(check, base), maxRemoval / 100.0, force);
        LeaseFormat format = null;
        if (sourceFormat != null) {
            try {
                format = LeaseFormat.parse(sourceFormat);
            } catch (IllegalArgumentException e) {
                throw check.bad("sourceFormat", "must be isc, isc6, kea-csv, dnsmasq or kea-api, not '" + sourceFormat + "'");
            }
        }
        List<LeaseSource> sources = new ArrayList<>();
        for (String source : leases) {
            KeaApiLeaseSource.Endpoint keaApi = keaApi(check, base, format, source);
            sources.add(new LeaseSource(keaApi != null ? Path.of(".") : path(base, source), format, keaApi));
        }
        if (keaApiCredentials != null && sources.stream().allMatch(s -> s.keaApi() == null)) {
            throw check.bad("keaApiCredentials", "is for leases read from a Kea control agent (an http:// URL)");
        }
        if (new java.util.HashSet<>(leases).size() < leases.size()) {
            throw check.bad("leases", "names the same source twice");
        }
        return new HarvestConfig(sources, path(base, reservations), names, verifyOptions, includeOptions,
                check.instant(asOf), mode.equals("ddns") ? ddnsSettings(check, base) : null);
    }

    /** The reverse fragments, each with its zone file to bump when {@code --bump-serial ZONE=FILE} names it. */
    private List<ReverseFragment> reverseFragments(Check check, Path base) {
        List<ReverseFragment> fragments = new ArrayList<>();
        for (String dest : reverseDests) {
            fragments.add(ReverseFragment.parse(dest, f -> path(base, f)));
        }
        for (String bump : bumpSerials) {
            String zoneName = ReverseFragment.zoneOf(bump);
            if (zoneName == null) {
                continue;
            }
            int at = -1;
            for (int i = 0; i < fragments.size(); i++) {
                if (zoneName.equals(fragments.get(i).zone())) {
                    at = i;
                }
            }
            if (at < 0) {
                throw check.bad("bumpSerial", "names " + zoneName + ", which has no " + check.dialect().name("reverseDest")
                        + " " + zoneName + "=FILE");
            }
            fragments.set(at, fragments.get(at).withBumpSerial(path(base, bump.substring(bump.indexOf('=') + 1).strip())));
        }
        return fragments;
    }

    /** The forward zone's file among {@code --bump-serial}: the one without {@code ZONE=}. */
    private Path forwardBumpSerial(Check check, Path base) {
        List<String> plain = bumpSerials.stream().filter(b -> ReverseFragment.zoneOf(b) == null).toList();
        if (plain.size() > 1) {
            throw check.bad("bumpSerial", "names more than one file without ZONE=; the forward zone has one file");
        }
        return plain.isEmpty() ? null : path(base, plain.get(0));
    }

    /** Leases read from Kea's control agent: {@code leases} is its http(s) URL. */
    private KeaApiLeaseSource.Endpoint keaApi(Check check, Path base, LeaseFormat format, String leases) {
        boolean url = leases.startsWith("http://") || leases.startsWith("https://");
        if (!url) {
            if (format == LeaseFormat.KEA_API) {
                throw check.bad("leases", "must be the Kea control agent's URL with kea-api, e.g. http://127.0.0.1:8000/");
            }
            return null;
        }
        if (format != null && format != LeaseFormat.KEA_API) {
            throw check.bad("sourceFormat", "is " + format.label() + ", but the leases are a URL: use kea-api");
        }
        java.net.URI uri;
        try {
            uri = java.net.URI.create(leases);
        } catch (IllegalArgumentException e) {
            throw check.bad("leases", "is not a URL: " + e.getMessage());
        }
        if (uri.getUserInfo() != null) {
            throw check.bad("leases", "must not hold credentials; put user:password in a file given with "
                    + check.dialect().name("keaApiCredentials"));
        }
        String user = null;
        String password = null;
        if (keaApiCredentials != null) {
            Path file = path(base, keaApiCredentials);
            String text;
            try {
                text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip();
            } catch (java.io.IOException e) {
                throw check.bad("keaApiCredentials", "cannot be read: " + file);
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw check.bad("keaApiCredentials", "must hold user:password on one line (" + file + ")");
            }
            user = text.substring(0, colon);
            password = text.substring(colon + 1);
        }
        try {
            return new KeaApiLeaseSource.Endpoint(uri, user, password, java.time.Duration.ofSeconds(30), KEA_API_PAGE);
        } catch (IllegalArgumentException e) {
            throw check.bad("leases", e.getMessage());
        }
    }

    /** How many unreachable hosts fail the harvest, or null for no limit. */
    public UnreachableLimit unreachableLimit(Dialect dialect) {
        try {
            return UnreachableLimit.parse(maxUnreachable);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("maxUnreachable", dialect.name("maxUnreachable") + " " + e.getMessage());
        }
    }

    private VerifyOptions verifyOptions(Check check) {
        VerifyOptions.Method method = switch (verifyMethod) {
            case "icmp" -> VerifyOptions.Method.ICMP;
            case "fping" -> VerifyOptions.Method.FPING;
            case "ping" -> VerifyOptions.Method.PING;
            case "tcp" -> VerifyOptions.Method.TCP;
            case "both" -> VerifyOptions.Method.BOTH;
            default -> throw check.bad("verifyMethod", "must be icmp, fping, ping, tcp or both, not '" + verifyMethod + "'");
        };
        Duration t = check.duration(timeout, "timeout");
        if (t.isZero()) {
            throw check.bad("timeout", "must be longer than zero");
        }
        if (verifyRetries < 0) {
            throw check.bad("verifyRetries", "must not be negative");
        }
        if (workers < 1) {
            throw check.bad("workers", "must be at least 1");
        }
        for (int port : verifyTcpPorts) {
            if (port < 1 || port > 65535) {
                throw check.bad("verifyTcpPorts", "takes port numbers from 1 to 65535, not " + port);
            }
        }
        return new VerifyOptions(method, t, verifyRetries, workers, verifyTcpPorts);
    }

    private DdnsSettings ddnsSettings(Check check, Path base) {
        if (!owner.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
            throw check.bad("owner", "must be letters, digits, '.', '_' or '-', not '" + owner + "'");
        }
        List<String> forward = forwardZones.isEmpty() && zone != null ? List.of(zone) : forwardZones;
        if (forward.isEmpty()) {
            throw check.bad("mode", "ddns needs a forward zone: give " + check.dialect.name("zone") + " or "
                    + check.dialect.name("forwardZones"));
        }
        List<DnsServer> servers = new ArrayList<>();
        Map<String, List<DnsServer>> zoneServers = new LinkedHashMap<>();
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
                throw check.bad("dnsServers", "'" + spec + "' is not [ZONE=]HOST, [ZONE=]HOST:PORT or [ZONE=][IPv6]:PORT");
            }
        }
        for (String z : forward) {
            if (servers.isEmpty() && !zoneServers.containsKey(DdnsSettings.normal(z))) {
                String option = check.dialect.name("dnsServers");
                throw new BadParameterException("dnsServers", "zone " + z + " has no server: give " + option
                        + " HOST[:PORT] or " + option + " " + z + "=HOST[:PORT]");
            }
        }
        DdnsPublisher.ConflictMode conflicts;
        try {
            conflicts = DdnsPublisher.ConflictMode.parse(conflictMode);
        } catch (IllegalArgumentException e) {
            throw check.bad("conflictMode", "must be check-with-dhcid, no-check-with-dhcid, check-exists-with-dhcid or"
                    + " no-check-without-dhcid, not '" + conflictMode + "'");
        }
        DdnsPublisher.RemovalLimit limit = null;
        if (!force) {
            try {
                limit = DdnsPublisher.RemovalLimit.parse(maxRemovals);
            } catch (IllegalArgumentException e) {
                throw check.bad("maxRemovals", "takes a number of names or a percentage, e.g. 100 or 50%, not '"
                        + maxRemovals + "'");
            }
        }
        Path state = ddnsState != null ? path(base, ddnsState)
                : Path.of("/var/lib/dhcp-harvester/ddns-state-" + owner + ".json");
        return new DdnsSettings(forward, reverseZones, servers, zoneServers, path(base, tsigKey),
                ttl == null ? null : check.duration(ttl, "ttl"), state, check.duration(dnsTimeout, "dnsTimeout"),
                conflicts, dryRun, limit);
    }

    /** Turns wrong values into messages that name the parameter as the user wrote it. */
    private record Check(Dialect dialect) {

        BadParameterException bad(String parameter, String problem) {
            return new BadParameterException(parameter, dialect.name(parameter) + " " + problem);
        }

        Duration duration(String text, String parameter) {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new BadParameterException(parameter, dialect.name(parameter) + ": " + e.getMessage());
            }
        }

        List<Pattern> patterns(List<String> regexes, String parameter) {
            List<Pattern> out = new ArrayList<>();
            for (String regex : regexes) {
                try {
                    out.add(Pattern.compile(regex));
                } catch (PatternSyntaxException e) {
                    throw bad(parameter, "'" + regex + "' is not a valid regular expression: " + e.getDescription());
                }
            }
            return out;
        }

        Instant instant(String text) {
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notIso) {
                try {
                    return LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss")).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw bad("asOf", "'" + text + "' is not a time; write 2026-11-25T12:00:00Z or '2026/11/25 12:00:00'");
                }
            }
        }
    }

    /** A list as a form field or a Jenkinsfile writes it: items separated by commas or white space. */
    public static List<String> splitList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.strip().split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** Files as a form field lists them: separated by commas (a path may hold blanks); blanks around each dropped later. */
    private static List<String> files(String text) {
        return text == null ? List.of() : java.util.Arrays.asList(text.split(","));
    }

    private static Path path(Path base, String text) {
        return text == null ? null : base.resolve(text);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String orDefault(String v, String otherwise) {
        return v == null || v.isBlank() ? otherwise : v.strip();
    }

    private static ArrayList<String> copy(List<String> v) {
        ArrayList<String> out = new ArrayList<>();
        if (v != null) {
            for (String s : v) {
                if (s != null && !s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }
}
