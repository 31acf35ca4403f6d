package dev.dhcpharvester.verification;

import java.time.Duration;
import java.util.List;

/**
 * How hosts are probed.
 *
 * @param method   ICMP (fping if installed, else ping; or either by name), TCP connect, or ICMP
 *                 then TCP (a host is reachable if either answers)
 * @param timeout  how long to wait for one probe's answer
 * @param retries  further probes after an unanswered one
 * @param workers  probe processes (fping shards, or concurrent pings) run at once
 * @param tcpPorts ports tried by TCP connect; a refused connection also proves the host is there
 */
public record VerifyOptions(Method method, Duration timeout, int retries, int workers, List<Integer> tcpPorts) {

    public enum Method { ICMP, FPING, PING, TCP, BOTH }

    public static final List<Integer> DEFAULT_TCP_PORTS = List.of(22, 80, 443);

    public VerifyOptions {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("verification timeout must be positive");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("verification retries must not be negative");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        tcpPorts = List.copyOf(tcpPorts);
    }
}
