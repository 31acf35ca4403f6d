package dev.dhcpharvester.verification;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * TCP connect probes for hosts that block ICMP and for runs without the privilege to ping:
 * non-blocking connects from one selector thread, many in flight at once, so silent hosts cost
 * about one timeout in total rather than one each. A host is there if any port accepts or
 * actively refuses the connection.
 */
public final class TcpProber implements Prober {

    /** Connections in flight at once: well under the usual 1024 open files limit. */
    private static final int IN_FLIGHT = 512;

    private final VerifyOptions options;

    public TcpProber(VerifyOptions options) {
        this.options = options;
    }

    @Override
    public String description() {
        return "tcp connect (ports " + options.tcpPorts() + ")";
    }

    private record Attempt(String address, int port, int round, long deadline) {
    }

    @Override
    public Set<String> reachable(Collection<String> addresses) throws IOException, InterruptedException {
        Set<String> alive = new HashSet<>();
        Deque<Attempt> queue = new ArrayDeque<>();
        for (String address : addresses) {
            for (int port : options.tcpPorts()) {
                queue.add(new Attempt(address, port, 0, 0));
            }
        }
        long timeoutNanos = options.timeout().toNanos();
        try (Selector selector = Selector.open()) {
            while (!queue.isEmpty() || !selector.keys().isEmpty()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                while (selector.keys().size() < IN_FLIGHT && !queue.isEmpty()) {
                    Attempt a = queue.poll();
                    if (!alive.contains(a.address())) {
                        start(selector, a, System.nanoTime() + timeoutNanos, alive);
                    }
                }
                selector.select(10);
                for (SelectionKey key : selector.selectedKeys()) {
                    Attempt a = (Attempt) key.attachment();
                    SocketChannel channel = (SocketChannel) key.channel();
                    try {
                        channel.finishConnect();
                        alive.add(a.address());
                    } catch (ConnectException refused) {
                        if (isRefused(refused)) {
                            alive.add(a.address());
                        }
                    } catch (IOException unreachable) {
                        // no route, host unreachable: not there
                    }
                    close(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                for (SelectionKey key : List.copyOf(selector.keys())) {
                    Attempt a = (Attempt) key.attachment();
                    if (alive.contains(a.address())) {
                        close(key);
                    } else if (now - a.deadline() > 0) {
                        close(key);
                        if (a.round() < options.retries()) {
                            queue.add(new Attempt(a.address(), a.port(), a.round() + 1, 0));
                        }
                    }
                }
                selector.selectNow();
            }
        }
        return alive;
    }

    private static void start(Selector selector, Attempt a, long deadline, Set<String> alive) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            if (channel.connect(new InetSocketAddress(InetAddress.getByName(a.address()), a.port()))) {
                alive.add(a.address());
                channel.close();
                return;
            }
            channel.register(selector, SelectionKey.OP_CONNECT, new Attempt(a.address(), a.port(), a.round(), deadline));
        } catch (ConnectException refused) {
            if (isRefused(refused)) {
                alive.add(a.address());
            }
            channel.close();
        } catch (IOException e) {
            channel.close();
        }
    }

    private static boolean isRefused(ConnectException e) {
        return e.getMessage() != null && e.getMessage().contains("refused");
    }

    private static void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing a probe socket cannot lose anything
        }
    }
}
