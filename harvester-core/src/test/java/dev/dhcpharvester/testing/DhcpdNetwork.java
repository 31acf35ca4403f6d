package dev.dhcpharvester.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real DHCP server (ISC dhcpd, or dnsmasq) serving 198.18.5.0/24 in a network namespace of its
 * own, and DHCP clients (dhclient) in a second namespace joined to it by a veth pair: traffic
 * never leaves the two namespaces, which are deleted on {@link #close}. The server writes its
 * lease file in the test's directory, where a harvester can read it. Each client after the first
 * gets a macvlan link of its own, so a MAC address of its own. dhclient runs with a script that
 * changes nothing ({@code -sf /bin/true}), so the host's resolv.conf is never touched. Needs root.
 */
public final class DhcpdNetwork implements AutoCloseable {

    /** The server to run. */
    public enum Server {
        DHCPD, DNSMASQ
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Path dir;
    private final String server;
    private final String client;
    private final String clientLink;
    private final List<Process> processes = new ArrayList<>();
    private Server kind = Server.DHCPD;
    private int clients;
    private String clientAddress;

    private DhcpdNetwork(Path dir, String server, String client, String clientLink) {
        this.dir = dir;
        this.server = server;
        this.client = client;
        this.clientLink = clientLink;
    }

    public static DhcpdNetwork start(Path dir) throws IOException, InterruptedException {
        return start(dir, Server.DHCPD);
    }

    public static boolean available(Server server) {
        return Files.isExecutable(Path.of("/sbin/dhclient")) && "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of(server == Server.DHCPD ? "/usr/sbin/dhcpd" : "/usr/sbin/dnsmasq"));
    }

    public static DhcpdNetwork start(Path dir, Server server) throws IOException, InterruptedException {
        int id = (int) (ProcessHandle.current().pid() % 10_000) * 10 + COUNTER.incrementAndGet() % 10;
        DhcpdNetwork network = new DhcpdNetwork(dir, "dhh-dhcpd-" + id, "dhh-dhcl-" + id, "dhhd" + id + "c");
        network.kind = server;
        try {
            network.create(id);
            return network;
        } catch (IOException | InterruptedException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void create(int id) throws IOException, InterruptedException {
        String serverLink = "dhhd" + id + "s";
        run("ip", "netns", "add", server);
        run("ip", "netns", "add", client);
        run("ip", "link", "add", serverLink, "type", "veth", "peer", "name", clientLink);
        run("ip", "link", "set", serverLink, "netns", server);
        run("ip", "link", "set", clientLink, "netns", client);
        run("ip", "-n", server, "addr", "add", "198.18.5.1/24", "dev", serverLink);
        run("ip", "-n", server, "link", "set", serverLink, "up");
        run("ip", "-n", client, "link", "set", clientLink, "up");
        if (kind == Server.DNSMASQ) {
            startDnsmasq(serverLink);
            return;
        }
        Files.writeString(dir.resolve("dhcpd.conf"), """
                authoritative;
                default-lease-time 600;
                max-lease-time 7200;
                ddns-update-style none;
                subnet 198.18.5.0 netmask 255.255.255.0 { range 198.18.5.100 198.18.5.150; }
                """);
        Files.writeString(leases(), "");
        Process dhcpd = new ProcessBuilder("ip", "netns", "exec", server, "/usr/sbin/dhcpd", "-f", "-d", "-4",
                "-cf", dir.resolve("dhcpd.conf").toString(), "-lf", leases().toString(),
                "-pf", dir.resolve("dhcpd.pid").toString(), serverLink)
                .redirectErrorStream(true).redirectOutput(dir.resolve("dhcpd.log").toFile()).start();
        processes.add(dhcpd);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(dir.resolve("dhcpd.log")).contains("Server starting service")) {
            if (!dhcpd.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("dhcpd did not start:\n" + Files.readString(dir.resolve("dhcpd.log")));
            }
            Thread.sleep(50);
        }
    }

    /** dnsmasq as a DHCP server only (no DNS: port 0), its lease file in the test's directory. */
    private void startDnsmasq(String serverLink) throws IOException, InterruptedException {
        Process dnsmasq = new ProcessBuilder("ip", "netns", "exec", server, "/usr/sbin/dnsmasq", "--keep-in-foreground",
                "--no-daemon", "--port=0", "--no-resolv", "--no-hosts", "--bind-interfaces", "--interface=" + serverLink,
                "--dhcp-range=198.18.5.100,198.18.5.150,600", "--dhcp-leasefile=" + leases(), "--dhcp-authoritative",
                "--pid-file=" + dir.resolve("dnsmasq.pid"), "--log-dhcp", "--conf-file=/dev/null")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dhcpd.log").toFile()).start();
        processes.add(dnsmasq);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(dir.resolve("dhcpd.log")).contains("DHCP, IP range")) {
            if (!dnsmasq.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("dnsmasq did not start:\n" + Files.readString(dir.resolve("dhcpd.log")));
            }
            Thread.sleep(50);
        }
    }

    /** The lease file the server writes. */
    public Path leases() {
        return dir.resolve(kind == Server.DNSMASQ ? "dnsmasq.leases" : "dhcpd.leases");
    }

    /** Runs a DHCP client that asks for {@code hostname}, and waits until it has an address. */
    public void join(String hostname) throws IOException, InterruptedException {
        String link = clientLink;
        if (clients++ > 0) { // a link, so a MAC address, of its own
            link = clientLink.replaceAll("c$", "m" + clients);
            run("ip", "-n", client, "link", "add", "link", clientLink, "name", link, "type", "macvlan", "mode", "bridge");
            run("ip", "-n", client, "link", "set", link, "up");
        }
        Path conf = dir.resolve("dhclient-" + hostname + ".conf");
        Files.writeString(conf, "send host-name \"" + hostname + "\";\nrequest subnet-mask;\n");
        Process dhclient = new ProcessBuilder("timeout", "120", "ip", "netns", "exec", client, "/sbin/dhclient", "-4",
                "-d", "-1", "-v", "-sf", "/bin/true", "-cf", conf.toString(),
                "-lf", dir.resolve("dhclient-" + hostname + ".leases").toString(),
                "-pf", dir.resolve("dhclient-" + hostname + ".pid").toString(), link)
                .redirectErrorStream(true).start();
        processes.add(dhclient);
        BufferedReader out = new BufferedReader(new InputStreamReader(dhclient.getInputStream(), StandardCharsets.UTF_8));
        Pattern bound = Pattern.compile("bound to (\\S+)");
        StringBuilder said = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            said.append(line).append('\n');
            Matcher m = bound.matcher(line);
            if (m.find()) {
                clientAddress = m.group(1);
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "dhclient-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new IOException("dhclient got no address:\n" + said + "the server said:\n" + Files.readString(dir.resolve("dhcpd.log")));
    }

    /** The address the last client that joined was given. */
    public String clientAddress() {
        return clientAddress;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : new String[] {client, server}) {
            Commands.runQuietly("ip", "netns", "del", ns);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Commands.run(command);
    }
}
