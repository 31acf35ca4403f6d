package dev.dhcpharvester.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * A real bind9 {@code named}, started by a test on 127.0.0.1 at free high ports, with one primary
 * zone and an rndc control channel keyed by a fresh HMAC-SHA256 key. {@link #close()} stops it
 * even when the test failed.
 */
public final class NamedServer implements AutoCloseable {

    public static final String KEY_NAME = "harvester-rndc";
    /** A second key, hmac-sha512, that the zone "tsig.test" requires for transfers. */
    public static final String TSIG_KEY_NAME = "harvester-tsig";

    private final Path dir;
    private final String zone;
    private final int dnsPort;
    private final int controlPort;
    private final Process process;

    private NamedServer(Path dir, String zone, int dnsPort, int controlPort, Process process) {
        this.dir = dir;
        this.zone = zone;
        this.dnsPort = dnsPort;
        this.controlPort = controlPort;
        this.process = process;
    }

    /** Whether named can be started here (installed by bin/run-tests). */
    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/sbin/named")) && Files.isExecutable(Path.of("/usr/sbin/rndc"));
    }

    /**
     * Starts named serving {@code zone} from {@code zoneFile} (which the test has written, with
     * whatever {@code $INCLUDE}s it needs), in {@code dir}.
     */
    public static NamedServer start(Path dir, String zone, Path zoneFile) throws IOException, InterruptedException {
        return start(dir, zone, zoneFile, java.util.Map.of());
    }

    /** As {@link #start(Path, String, Path)}, and primary for each of {@code moreZones} (name to zone file) too. */
    public static NamedServer start(Path dir, String zone, Path zoneFile, java.util.Map<String, Path> moreZones)
            throws IOException, InterruptedException {
        int dnsPort = freePort();
        int controlPort = freePort();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String keyBlock = "key \"" + KEY_NAME + "\" {\n\talgorithm hmac-sha256;\n\tsecret \""
                + Base64.getEncoder().encodeToString(secret) + "\";\n};\n";
        Files.writeString(dir.resolve("rndc.key"), keyBlock);
        new SecureRandom().nextBytes(secret);
        Files.writeString(dir.resolve("tsig.key"), "# tsig-keygen -a hmac-sha512 " + TSIG_KEY_NAME + "\nkey \""
                + TSIG_KEY_NAME + "\" {\n\talgorithm hmac-sha512;\n\tsecret \"" + Base64.getEncoder().encodeToString(secret)
                + "\";\n};\n");
        Files.writeString(dir.resolve("tsig.test.zone"), "$TTL 300\n@ IN SOA ns.tsig.test. h.tsig.test. 1 3600 900 604800 300\n"
                + "  IN NS ns\nns IN A 127.0.0.1\n");
        Files.writeString(dir.resolve("ddns.test.zone"), "$TTL 300\n@ IN SOA ns.ddns.test. h.ddns.test. 1 3600 900 604800 300\n"
                + "  IN NS ns\nns IN A 127.0.0.1\nstatic IN A 192.0.2.250\n");
        Files.writeString(dir.resolve("reverse-bench.test.zone"), "$TTL 300\n@ IN SOA ns.ddns.test. h.ddns.test. 1 3600 900 604800 300\n"
                + "  IN NS ns.ddns.test.\n");
        Files.writeString(dir.resolve("reverse6.test.zone"), "$TTL 300\n@ IN SOA ns.ddns.test. h.ddns.test. 1 3600 900 604800 300\n"
                + "  IN NS ns.ddns.test.\n");
        Files.writeString(dir.resolve("reverse.test.zone"), "$TTL 300\n@ IN SOA ns.ddns.test. h.ddns.test. 1 3600 900 604800 300\n"
                + "  IN NS ns.ddns.test.\n");
        Files.writeString(dir.resolve("rndc.conf"), keyBlock + "options {\n\tdefault-key \"" + KEY_NAME
                + "\";\n\tdefault-server 127.0.0.1;\n\tdefault-port " + controlPort + ";\n};\n");
        String conf = """
                options {
                    directory "%1$s";
                    listen-on port %2$d { 127.0.0.1; };
                    listen-on-v6 { none; };
                    pid-file "%1$s/named.pid";
                    session-keyfile "%1$s/session.key";
                    managed-keys-directory "%1$s";
                    recursion no;
                    dnssec-validation no;
                    allow-transfer { 127.0.0.1; };
                    notify no;
                };
                include "%1$s/rndc.key";
                include "%1$s/tsig.key";
                controls { inet 127.0.0.1 port %3$d allow { 127.0.0.1; } keys { "%4$s"; }; };
                zone "%5$s" { type primary; file "%6$s"; };
                zone "tsig.test" { type primary; file "%1$s/tsig.test.zone"; allow-transfer { key "harvester-tsig"; }; };
                zone "ddns.test" { type primary; file "%1$s/ddns.test.zone"; allow-update { key "harvester-tsig"; }; };
                zone "2.0.192.in-addr.arpa" { type primary; file "%1$s/reverse.test.zone"; allow-update { key "harvester-tsig"; }; };
                zone "18.198.in-addr.arpa" { type primary; file "%1$s/reverse-bench.test.zone"; allow-update { key "harvester-tsig"; }; };
                zone "8.b.d.0.1.0.0.2.ip6.arpa" { type primary; file "%1$s/reverse6.test.zone"; allow-update { key "harvester-tsig"; }; };
                """.formatted(dir, dnsPort, controlPort, KEY_NAME, zone, zoneFile.toAbsolutePath());
        StringBuilder more = new StringBuilder();
        moreZones.forEach((name, file) -> more.append("zone \"").append(name).append("\" { type primary; file \"")
                .append(file.toAbsolutePath()).append("\"; };\n"));
        conf += more;
        Path confFile = dir.resolve("named.conf");
        Files.writeString(confFile, conf);
        Process process = new ProcessBuilder("/usr/sbin/named", "-g", "-n", "1", "-c", confFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("named.log").toFile())
                .start();
        NamedServer server = new NamedServer(dir, zone, dnsPort, controlPort, process);
        server.awaitReady(Duration.ofSeconds(20));
        return server;
    }

    /** Starts named with a minimal zone "cord.lab", for tests that work in its other zones. */
    public static NamedServer start(Path dir) throws IOException, InterruptedException {
        Path zoneFile = dir.resolve("cord.lab.zone");
        Files.writeString(zoneFile,
                "$TTL 300\n@ IN SOA ns.cord.lab. h.cord.lab. 1 3600 900 604800 300\n  IN NS ns\nns IN A 127.0.0.1\n");
        return start(dir, "cord.lab", zoneFile);
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("named exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (soaSerial() >= 0) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("named did not answer within " + limit + ":\n" + log());
    }

    public int dnsPort() {
        return dnsPort;
    }

    public int controlPort() {
        return controlPort;
    }

    /** The bare key file (as rndc-confgen -a writes it). */
    public Path keyFile() {
        return dir.resolve("rndc.key");
    }

    /** An rndc.conf with the key and an options block. */
    public Path rndcConf() {
        return dir.resolve("rndc.conf");
    }

    public String log() throws IOException {
        Path log = dir.resolve("named.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Answers to a query, or an empty list for NXDOMAIN/NODATA. */
    public List<Record> query(String name, int type) throws IOException {
        SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
        resolver.setPort(dnsPort);
        resolver.setTimeout(Duration.ofSeconds(2));
        Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type,
                DClass.IN)));
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw new IOException("query " + name + " answered " + Rcode.string(rcode));
        }
        return response.getSection(Section.ANSWER);
    }

    /** The IPv6 addresses a name resolves to (RFC 5952 text), empty when it does not. */
    public List<String> addresses6(String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (Record r : query(name, Type.AAAA)) {
            out.add(dev.dhcpharvester.source.Ipv6.format(((org.xbill.DNS.AAAARecord) r).getAddress().getAddress()));
        }
        return out;
    }

    /** The names a PTR owner points to, empty when it has none. */
    public List<String> pointers(String owner) throws IOException {
        List<String> out = new ArrayList<>();
        for (Record r : query(owner, Type.PTR)) {
            out.add(((org.xbill.DNS.PTRRecord) r).getTarget().toString());
        }
        return out;
    }

    /** The IPv4 addresses a name resolves to, empty when it does not. */
    public List<String> addresses(String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (Record r : query(name, Type.A)) {
            out.add(((org.xbill.DNS.ARecord) r).getAddress().getHostAddress());
        }
        return out;
    }

    /** The zone's SOA serial as named serves it, or -1 when it does not answer for the zone. */
    public long soaSerial() throws IOException {
        return soaSerial(zone);
    }

    /** A zone's SOA serial as named serves it, or -1. */
    public long soaSerial(String zoneName) throws IOException {
        for (Record r : query(zoneName + ".", Type.SOA)) {
            if (r instanceof SOARecord soa) {
                return soa.getSerial();
            }
        }
        return -1;
    }

    /**
     * The hmac-sha512 key file that transfers of "tsig.test" need, and that updates of the
     * dynamic zones "ddns.test" (which holds a static "static.ddns.test A 192.0.2.250") and
     * "2.0.192.in-addr.arpa" need.
     */
    public Path tsigKeyFile() {
        return dir.resolve("tsig.key");
    }

    /**
     * Writes {@code file}, a kea-dhcp-ddns.conf (Kea's comment style included) that listens on
     * {@code address}:{@code port} and updates this server's "ddns.test" and "18.198.in-addr.arpa"
     * at {@code dnsPort} with the hmac-sha512 key, logging to {@code log} at {@code severity}. The
     * same file serves Kea's D2 and ours (--kea-d2-config).
     */
    public Path writeKeaD2Config(Path file, String address, int port, int dnsPort, Path log, String severity)
            throws IOException {
        java.util.regex.Matcher secret = java.util.regex.Pattern.compile("secret \"([^\"]+)\"")
                .matcher(Files.readString(tsigKeyFile()));
        if (!secret.find()) {
            throw new IOException("no secret in " + tsigKeyFile());
        }
        String servers = "[ { \"ip-address\": \"127.0.0.1\", \"port\": " + dnsPort + " } ]";
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, """
                // as kea-dhcp-ddns reads it
                { "DhcpDdns": {
                    "ip-address": "%1$s", "port": %2$d, "dns-server-timeout": 2000,
                    "ncr-protocol": "UDP", "ncr-format": "JSON",
                    "tsig-keys": [ { "name": "%3$s", "algorithm": "HMAC-SHA512", "secret": "%4$s" } ],
                    "forward-ddns": { "ddns-domains": [ { "name": "ddns.test.", "key-name": "%3$s", "dns-servers": %5$s } ] },
                    "reverse-ddns": { "ddns-domains": [ { "name": "18.198.in-addr.arpa.", "key-name": "%3$s", "dns-servers": %5$s } ] },
                    "loggers": [ { "name": "kea-dhcp-ddns", "output_options": [ { "output": "%6$s" } ], "severity": "%7$s" } ]
                } }
                """.formatted(address, port, TSIG_KEY_NAME, secret.group(1), servers, log, severity));
    }

    /** Every record of the zone, by AXFR. */
    public List<Record> transfer() throws IOException {
        return transfer(zone, null);
    }

    /** Every record of a zone, by AXFR signed with {@code key} (or unsigned with null). */
    public List<Record> transfer(String zoneName, org.xbill.DNS.TSIG key) throws IOException {
        try {
            ZoneTransferIn xfr = ZoneTransferIn.newAXFR(Name.fromString(zoneName, Name.root), "127.0.0.1", dnsPort, key);
            xfr.run();
            return new ArrayList<>(xfr.getAXFR());
        } catch (org.xbill.DNS.ZoneTransferException e) {
            throw new IOException("AXFR of " + zoneName + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = tcp.getLocalPort();
            }
            try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                // UDP side in use; try another
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }
}
