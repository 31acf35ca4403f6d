package dev.dhcpharvester.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test hosts in a network namespace this test creates: a veth pair from the root namespace into
 * it, a block of addresses routed over the veth, part of which the namespace answers for (a local
 * route on its loopback) and the rest of which it silently drops (forwarding is off in a new
 * namespace). Traffic to the block never leaves this machine: before use, the route is checked to
 * go over the veth, and {@link #close()} deletes the namespace with both veth ends.
 *
 * <p>Addresses come from 198.18.0.0/15, the range RFC 2544 sets aside for benchmark tests.
 */
public final class TestNetwork implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String namespace;
    private final String rootSide;

    private TestNetwork(String namespace, String rootSide) {
        this.namespace = namespace;
        this.rootSide = rootSide;
    }

    /** Whether this run may create namespaces: root, with iproute2. */
    public static boolean available() {
        boolean ip = Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip"));
        try {
            return ip && Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Creates the namespace.
     *
     * @param link      the /30 of the veth pair, e.g. {@code 198.18.0.0/30} (root side .1, namespace .2)
     * @param block     the test hosts' block routed into the namespace, e.g. {@code 198.18.1.0/24}
     * @param answering the part of the block that answers, e.g. {@code 198.18.1.0/26}
     */
    public static TestNetwork create(String link, String block, String answering) throws IOException, InterruptedException {
        int id = (int) (ProcessHandle.current().pid() % 10_000) * 10 + COUNTER.incrementAndGet() % 10;
        String ns = "dhh-test-" + id;
        String rootSide = "dhh" + id + "a";
        String nsSide = "dhh" + id + "b";
        String base = link.substring(0, link.lastIndexOf('.') + 1);
        int last = Integer.parseInt(link.substring(link.lastIndexOf('.') + 1, link.indexOf('/')));
        String rootAddress = base + (last + 1);
        String nsAddress = base + (last + 2);
        TestNetwork network = new TestNetwork(ns, rootSide);
        try {
            ip("netns", "add", ns);
            ip("link", "add", rootSide, "type", "veth", "peer", "name", nsSide);
            ip("link", "set", nsSide, "netns", ns);
            ip("addr", "add", rootAddress + "/30", "dev", rootSide);
            ip("link", "set", rootSide, "up");
            ip("-n", ns, "addr", "add", nsAddress + "/30", "dev", nsSide);
            ip("-n", ns, "link", "set", nsSide, "up");
            ip("-n", ns, "link", "set", "lo", "up");
            ip("route", "add", block, "via", nsAddress, "dev", rootSide);
            ip("-n", ns, "route", "add", "local", answering, "dev", "lo");
            String firstHost = block.substring(0, block.indexOf('/'));
            String route = ip("route", "get", firstHost);
            if (!route.contains("dev " + rootSide + " ")) {
                throw new IOException("test block " + block + " is not routed into the namespace: " + route);
            }
            return network;
        } catch (IOException | InterruptedException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /**
     * Adds IPv6 test hosts over the same veth pair: {@code link} a /64 for the pair (root side ::1,
     * namespace ::2), {@code block} routed into the namespace, {@code answering} the part it answers
     * for. Use only 2001:db8::/32 (documentation addresses), as this class uses only 198.18.0.0/15.
     */
    public TestNetwork withIpv6(String link, String block, String answering) throws IOException, InterruptedException {
        String prefix = link.substring(0, link.indexOf('/'));
        String rootAddress = prefix + "1";
        String nsAddress = prefix + "2";
        ip("-6", "addr", "add", rootAddress + "/64", "dev", rootSide, "nodad");
        ip("-n", namespace, "-6", "addr", "add", nsAddress + "/64", "dev", nsSide(), "nodad");
        ip("-6", "route", "add", block, "via", nsAddress, "dev", rootSide);
        ip("-n", namespace, "-6", "route", "add", "local", answering, "dev", "lo");
        String firstHost = block.substring(0, block.indexOf('/')) + "1";
        String route = ip("-6", "route", "get", firstHost);
        if (!route.contains("dev " + rootSide + " ")) {
            throw new IOException("test block " + block + " is not routed into the namespace: " + route);
        }
        return this;
    }

    /** Makes a host of the silent part of the block answer (a local route for it in the namespace). */
    public void answer(String address) throws IOException, InterruptedException {
        ip("-n", namespace, "route", "add", "local", address + "/32", "dev", "lo");
    }

    /** Silences again a host that {@link #answer} made answer. */
    public void silence(String address) throws IOException, InterruptedException {
        ip("-n", namespace, "route", "del", "local", address + "/32", "dev", "lo", "table", "local");
    }

    private String nsSide() {
        return rootSide.substring(0, rootSide.length() - 1) + "b";
    }

    private static String ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        return Commands.run(command.toArray(String[]::new));
    }

    @Override
    public void close() {
        try {
            ip("link", "del", rootSide);
        } catch (IOException | InterruptedException alreadyGone) {
            // the namespace deletion below removes the pair too
        }
        try {
            ip("netns", "del", namespace);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot delete test namespace " + namespace + ": " + e.getMessage(), e);
        }
    }
}
