package dev.dhcpharvester.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real kea-dhcp4 with DDNS enabled, serving 198.18.0.0/16 (pool from 198.18.7.1) in a network namespace of its own, and
 * perfdhcp clients in a second namespace joined to it by a veth pair. Kea sends its
 * NameChangeRequests over a second veth pair to this (the root) namespace, to 198.19.8.1, where a
 * D2 (Kea's or ours) listens. Each client sends an FQDN option; Kea names it
 * {@code kea-198-18-7-N.SUFFIX} (ddns-replace-client-name always), so every name is distinct.
 * Traffic never leaves the namespaces and the two links; everything is deleted on {@link #close}.
 * Needs root, kea-dhcp4-server and perfdhcp (kea-admin).
 */
public final class KeaDhcpNetwork implements AutoCloseable {

    /** Where Kea sends its NCRs: the root namespace's end of the NCR link. */
    public static final String NCR_ADDRESS = "198.19.8.1";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Path dir;
    private final String server;
    private final String client;
    private final String clientLink;
    private final String ncrLink;
    private boolean v6;
    private Process kea;

    private KeaDhcpNetwork(Path dir, int id) {
        this.dir = dir;
        this.server = "dhh-kea-" + id;
        this.client = "dhh-perf-" + id;
        this.clientLink = "dhhk" + id + "c";
        this.ncrLink = "dhhk" + id + "n";
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/sbin/kea-dhcp4")) && Files.isExecutable(Path.of("/usr/sbin/perfdhcp"))
                && "root".equals(System.getProperty("user.name"));
    }

    public static boolean available6() {
        return available() && Files.isExecutable(Path.of("/usr/sbin/kea-dhcp6"));
    }

    /**
     * kea-dhcp6 instead, serving 2001:db8:1::/64 (pool 2001:db8:1::100 - 2001:db8:1::1ff) on the
     * same kind of links, its NCRs going to {@link #NCR_ADDRESS}:{@code ncrPort}; perfdhcp -6 clients
     * send a Client FQDN option and are named {@code kea6-2001-db8-1--N.SUFFIX}.
     */
    public static KeaDhcpNetwork start6(Path dir, int ncrPort, String suffix) throws IOException, InterruptedException {
        int id = (int) (ProcessHandle.current().pid() % 10_000) * 10 + COUNTER.incrementAndGet() % 10;
        KeaDhcpNetwork network = new KeaDhcpNetwork(dir, id);
        network.v6 = true;
        try {
            network.create(id, ncrPort, suffix, 0);
            return network;
        } catch (IOException | InterruptedException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /**
     * Starts Kea with its NCRs going to {@link #NCR_ADDRESS}:{@code ncrPort}, names qualified in {@code suffix}.
     *
     * @param pool how many addresses Kea may hand out (at most 50,000, from 198.18.7.1)
     */
    public static KeaDhcpNetwork start(Path dir, int ncrPort, String suffix, int pool) throws IOException, InterruptedException {
        int id = (int) (ProcessHandle.current().pid() % 10_000) * 10 + COUNTER.incrementAndGet() % 10;
        KeaDhcpNetwork network = new KeaDhcpNetwork(dir, id);
        try {
            network.create(id, ncrPort, suffix, pool);
            return network;
        } catch (IOException | InterruptedException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void create(int id, int ncrPort, String suffix, int pool) throws IOException, InterruptedException {
        String serverLink = "dhhk" + id + "s";
        String ncrPeer = "dhhk" + id + "m";
        run("ip", "netns", "add", server);
        run("ip", "netns", "add", client);
        run("ip", "link", "add", serverLink, "type", "veth", "peer", "name", clientLink);
        run("ip", "link", "set", serverLink, "netns", server);
        run("ip", "link", "set", clientLink, "netns", client);
        if (v6) {
            // no duplicate address detection: the link-local addresses Kea and perfdhcp use are usable at once
            run("ip", "netns", "exec", server, "sysctl", "-qw", "net.ipv6.conf." + serverLink + ".accept_dad=0");
            run("ip", "netns", "exec", client, "sysctl", "-qw", "net.ipv6.conf." + clientLink + ".accept_dad=0");
            run("ip", "-n", server, "addr", "add", "2001:db8:1::1/64", "dev", serverLink, "nodad");
        }
        run("ip", "-n", server, "addr", "add", "198.18.6.1/16", "dev", serverLink);
        run("ip", "-n", server, "link", "set", serverLink, "up");
        run("ip", "-n", server, "link", "set", "lo", "up");
        run("ip", "-n", client, "addr", "add", "198.18.255.254/16", "dev", clientLink);
        run("ip", "-n", client, "link", "set", clientLink, "up");
        run("ip", "link", "add", ncrLink, "type", "veth", "peer", "name", ncrPeer);
        run("ip", "link", "set", ncrPeer, "netns", server);
        run("ip", "addr", "add", NCR_ADDRESS + "/30", "dev", ncrLink);
        run("ip", "link", "set", ncrLink, "up");
        run("ip", "-n", server, "addr", "add", "198.19.8.2/30", "dev", ncrPeer);
        run("ip", "-n", server, "link", "set", ncrPeer, "up");
        int last = Math.min(pool, 50_000);
        String poolEnd = "198.18." + (7 + last / 256) + "." + (last % 256);
        if (v6) {
            startKea6(serverLink, ncrPort, suffix);
            return;
        }
        // multi-threaded, and no INFO line per lease (only the start line): Kea near 2,000 leases/s on two cores
        Files.writeString(dir.resolve("kea-dhcp4.conf"), """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%1$s" ] },
                    "lease-database": { "type": "memfile", "name": "%2$s/kea-leases4.csv", "lfc-interval": 0 },
                    "valid-lifetime": 4000,
                    "multi-threading": { "enable-multi-threading": true, "thread-pool-size": 2, "packet-queue-size": 256 },
                    "dhcp-ddns": { "enable-updates": true, "server-ip": "%3$s", "server-port": %4$d,
                                   "sender-ip": "198.19.8.2", "sender-port": 0, "max-queue-size": 1024,
                                   "ncr-protocol": "UDP", "ncr-format": "JSON" },
                    "ddns-send-updates": true,
                    "ddns-override-client-update": true,
                    "ddns-override-no-update": true,
                    "ddns-replace-client-name": "always",
                    "ddns-generated-prefix": "kea",
                    "ddns-qualifying-suffix": "%5$s",
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/16",
                                   "pools": [ { "pool": "198.18.7.1 - %6$s" } ] } ],
                    "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "%2$s/kea.log" } ], "severity": "WARN" },
                                 { "name": "kea-dhcp4.dhcp4", "output_options": [ { "output": "%2$s/kea.log" } ], "severity": "INFO" } ]
                } }
                """.formatted(serverLink, dir, NCR_ADDRESS, ncrPort, suffix, poolEnd));
        ProcessBuilder builder = new ProcessBuilder("ip", "netns", "exec", server, "/usr/sbin/kea-dhcp4", "-c",
                dir.resolve("kea-dhcp4.conf").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kea.out").toFile());
        builder.environment().put("KEA_LOCKFILE_DIR", dir.toString());
        builder.environment().put("KEA_PIDFILE_DIR", dir.toString());
        kea = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!log().contains("DHCP4_STARTED")) {
            if (!kea.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("kea-dhcp4 did not start:\n" + log() + Files.readString(dir.resolve("kea.out")));
            }
            Thread.sleep(50);
        }
    }

    private void startKea6(String serverLink, int ncrPort, String suffix) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("kea-dhcp6.conf"), """
                { "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "%1$s" ] },
                    "lease-database": { "type": "memfile", "name": "%2$s/kea-leases6.csv", "lfc-interval": 0 },
                    "preferred-lifetime": 3000, "valid-lifetime": 4000,
                    "server-id": { "type": "EN", "enterprise-id": 2495, "identifier": "0123456789", "persist": false },
                    "dhcp-ddns": { "enable-updates": true, "server-ip": "%3$s", "server-port": %4$d,
                                   "sender-ip": "198.19.8.2", "sender-port": 0,
                                   "ncr-protocol": "UDP", "ncr-format": "JSON" },
                    "ddns-send-updates": true,
                    "ddns-override-client-update": true,
                    "ddns-override-no-update": true,
                    "ddns-replace-client-name": "always",
                    "ddns-generated-prefix": "kea6",
                    "ddns-qualifying-suffix": "%5$s",
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "%1$s",
                                   "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ] } ],
                    "loggers": [ { "name": "kea-dhcp6", "output_options": [ { "output": "%2$s/kea.log" } ], "severity": "WARN" },
                                 { "name": "kea-dhcp6.dhcp6", "output_options": [ { "output": "%2$s/kea.log" } ], "severity": "INFO" } ]
                } }
                """.formatted(serverLink, dir, NCR_ADDRESS, ncrPort, suffix));
        ProcessBuilder builder = new ProcessBuilder("ip", "netns", "exec", server, "/usr/sbin/kea-dhcp6", "-c",
                dir.resolve("kea-dhcp6.conf").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kea.out").toFile());
        builder.environment().put("KEA_LOCKFILE_DIR", dir.toString());
        builder.environment().put("KEA_PIDFILE_DIR", dir.toString());
        kea = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!log().contains("DHCP6_STARTED")) {
            if (!kea.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("kea-dhcp6 did not start:\n" + log() + Files.readString(dir.resolve("kea.out")));
            }
            Thread.sleep(50);
        }
    }

    /** Runs perfdhcp -6: {@code clients} distinct clients, each sending a Client FQDN option; returns perfdhcp's report. */
    public String perfdhcp6(int clients, int rate) throws IOException, InterruptedException {
        // option 39: flag S (server updates), then the partial name "client" in wire format
        Process p = new ProcessBuilder("ip", "netns", "exec", client, "/usr/sbin/perfdhcp", "-6", "-l", clientLink,
                "-r", Integer.toString(rate), "-R", Integer.toString(clients), "-n", Integer.toString(clients),
                "-p", Integer.toString(Math.max(5, clients / Math.max(1, rate) + 5)),
                "-o", "39,0106636c69656e74").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.MINUTES);
        return output;
    }

    /** The DHCPv6 lease file Kea writes. */
    public Path leases6() {
        return dir.resolve("kea-leases6.csv");
    }

    /**
     * Runs perfdhcp: {@code clients} distinct clients, each sending an FQDN option, at {@code rate}
     * exchanges a second; returns perfdhcp's report.
     */
    public String perfdhcp(int clients, int rate) throws IOException, InterruptedException {
        // option 81: flags S|E (server updates, canonical wire format), two zero rcodes, the partial name "client"
        Process p = new ProcessBuilder("ip", "netns", "exec", client, "/usr/sbin/perfdhcp", "-4", "-l", clientLink,
                "-r", Integer.toString(rate), "-R", Integer.toString(clients), "-n", Integer.toString(clients),
                "-p", Integer.toString(Math.max(5, clients / Math.max(1, rate) + 5)),
                "-o", "81,05000006636c69656e74").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.MINUTES);
        return output;
    }

    /** The lease file Kea writes. */
    public Path leases() {
        return dir.resolve("kea-leases4.csv");
    }

    public String log() throws IOException {
        Path log = dir.resolve("kea.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() {
        if (kea != null) {
            kea.descendants().forEach(ProcessHandle::destroy);
            kea.destroy();
            try {
                kea.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Commands.runQuietly("ip", "link", "del", ncrLink);
        Commands.runQuietly("ip", "netns", "del", client);
        Commands.runQuietly("ip", "netns", "del", server);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Commands.run(command);
    }
}
