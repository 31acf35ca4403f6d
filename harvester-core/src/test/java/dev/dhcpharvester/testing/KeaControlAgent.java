package dev.dhcpharvester.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real kea-dhcp4 and kea-dhcp6 with the lease_cmds hook and no interface to serve (they hand out
 * nothing; their leases are added through the API), behind a real kea-ctrl-agent on 127.0.0.1 with
 * basic authentication: Kea's lease API as a site with a database backend exposes it.
 */
public final class KeaControlAgent implements AutoCloseable {

    public static final String USER = "harvester";
    public static final String PASSWORD = "kea-api-test-secret";

    private final Path dir;
    private final int port;
    private Process dhcp4;
    private Process dhcp6;
    private Process agent;

    private KeaControlAgent(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/sbin/kea-dhcp4")) && Files.isExecutable(Path.of("/usr/sbin/kea-ctrl-agent"))
                && Files.isExecutable(Path.of("/usr/sbin/kea-dhcp6"))
                && leaseCommandsHook().isPresent();
    }

    static Optional<Path> leaseCommandsHook() {
        try (Stream<Path> libs = Files.list(Path.of("/usr/lib"))) {
            return libs.map(lib -> lib.resolve("kea/hooks/libdhcp_lease_cmds.so")).filter(Files::exists).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Starts them, the agent on a free port of 127.0.0.1; Kea's subnets are 198.18.9.0/24 and 2001:db8:9::/64 (id 1). */
    public static KeaControlAgent start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        KeaControlAgent kea = new KeaControlAgent(dir, port);
        try {
            kea.startProcesses();
            return kea;
        } catch (IOException | InterruptedException | RuntimeException e) {
            kea.close();
            throw e;
        }
    }

    private void startProcesses() throws IOException, InterruptedException {
        Path socket = dir.resolve("kea4.sock");
        Files.writeString(dir.resolve("kea-dhcp4.conf"), """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "%1$s" },
                    "lease-database": { "type": "memfile", "name": "%2$s/kea-leases4.csv", "lfc-interval": 0 },
                    "hooks-libraries": [ { "library": "%3$s" } ],
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 1, "subnet": "198.18.9.0/24" } ],
                    "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "%2$s/kea-dhcp4.log" } ], "severity": "INFO" } ]
                } }
                """.formatted(socket, dir, leaseCommandsHook().orElseThrow()));
        Path socket6 = dir.resolve("kea6.sock");
        Files.writeString(dir.resolve("kea-dhcp6.conf"), """
                { "Dhcp6": {
                    "interfaces-config": { "interfaces": [ ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "%1$s" },
                    "lease-database": { "type": "memfile", "name": "%2$s/kea-leases6.csv", "lfc-interval": 0 },
                    "server-id": { "type": "EN", "enterprise-id": 2495, "identifier": "0123456789", "persist": false },
                    "hooks-libraries": [ { "library": "%3$s" } ],
                    "valid-lifetime": 4000, "preferred-lifetime": 3000,
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:9::/64" } ],
                    "loggers": [ { "name": "kea-dhcp6", "output_options": [ { "output": "%2$s/kea-dhcp6.log" } ], "severity": "INFO" } ]
                } }
                """.formatted(socket6, dir, leaseCommandsHook().orElseThrow()));
        Files.writeString(dir.resolve("kea-ctrl-agent.conf"), """
                { "Control-agent": {
                    "http-host": "127.0.0.1", "http-port": %1$d,
                    "authentication": { "type": "basic", "realm": "kea",
                        "clients": [ { "user": "%2$s", "password": "%3$s" } ] },
                    "control-sockets": { "dhcp4": { "socket-type": "unix", "socket-name": "%4$s" },
                                         "dhcp6": { "socket-type": "unix", "socket-name": "%6$s" } },
                    "loggers": [ { "name": "kea-ctrl-agent", "output_options": [ { "output": "%5$s/kea-ctrl-agent.log" } ], "severity": "INFO" } ]
                } }
                """.formatted(port, USER, PASSWORD, socket, dir, socket6));
        dhcp4 = start("/usr/sbin/kea-dhcp4", "kea-dhcp4");
        dhcp6 = start("/usr/sbin/kea-dhcp6", "kea-dhcp6");
        agent = start("/usr/sbin/kea-ctrl-agent", "kea-ctrl-agent");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                if (command("{\"command\": \"version-get\", \"service\": [\"dhcp4\"]}").contains("\"result\": 0")
                        && command("{\"command\": \"version-get\", \"service\": [\"dhcp6\"]}").contains("\"result\": 0")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline || !dhcp4.isAlive() || !dhcp6.isAlive() || !agent.isAlive()) {
                throw new IOException("Kea did not start:\n" + log("kea-dhcp4") + log("kea-dhcp6") + log("kea-ctrl-agent"));
            }
            Thread.sleep(100);
        }
    }

    private Process start(String program, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(program, "-c", dir.resolve(name + ".conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile());
        builder.environment().put("KEA_LOCKFILE_DIR", dir.toString());
        builder.environment().put("KEA_PIDFILE_DIR", dir.toString());
        return builder.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Sends a command to the agent as the configured user; returns the answer's text. */
    public String command(String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url())
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** Adds a lease through the API (lease4-add), as a DHCP exchange would have. */
    public void addLease(String address, String mac, String hostname) throws IOException, InterruptedException {
        String answer = command("{\"command\": \"lease4-add\", \"service\": [\"dhcp4\"], \"arguments\": {\"ip-address\": \""
                + address + "\", \"hw-address\": \"" + mac + "\", \"hostname\": \"" + hostname + "\", \"valid-lft\": 3600}}");
        if (!answer.contains("\"result\": 0")) {
            throw new IOException("lease4-add " + address + ": " + answer);
        }
    }

    /** Adds a DHCPv6 address lease through the API (lease6-add). */
    public void addLease6(String address, String duid, String hostname) throws IOException, InterruptedException {
        String answer = command("{\"command\": \"lease6-add\", \"service\": [\"dhcp6\"], \"arguments\": {\"ip-address\": \""
                + address + "\", \"duid\": \"" + duid + "\", \"iaid\": 1, \"hostname\": \"" + hostname
                + "\", \"valid-lft\": 3600}}");
        if (!answer.contains("\"result\": 0")) {
            throw new IOException("lease6-add " + address + ": " + answer);
        }
    }

    /** Stops the DHCP server, leaving the agent up (it then answers that the server is offline). */
    public void stopDhcp4() throws InterruptedException {
        dhcp4.destroy();
        dhcp4.waitFor(10, TimeUnit.SECONDS);
    }

    private String log(String name) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String suffix : List.of(".log", ".out")) {
            Path file = dir.resolve(name + suffix);
            if (Files.exists(file)) {
                out.append(Files.readString(file));
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (Process p : new Process[] {agent, dhcp4, dhcp6}) {
            if (p != null) {
                p.destroy();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
