package dev.dhcpharvester.verification;

import dev.dhcpharvester.util.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * ICMP echo through the system's {@code ping}, one process per host, {@code workers} at once:
 * the fallback where fping is not installed. Silent hosts cost a timeout each, divided by the
 * number of workers, so prefer fping for large sets.
 */
public final class PingProber implements Prober {

    private final Path ping;
    private final VerifyOptions options;

    public PingProber(Path ping, VerifyOptions options) {
        this.ping = ping;
        this.options = options;
    }

    @Override
    public String description() {
        return "ping (" + ping + ", " + options.workers() + " at once)";
    }

    @Override
    public Set<String> reachable(Collection<String> addresses) throws IOException, InterruptedException {
        Set<String> alive = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(options.workers());
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (String address : addresses) {
                tasks.add(pool.submit(() -> {
                    if (answers(address)) {
                        alive.add(address);
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
            return alive;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("ping failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean answers(String address) throws IOException {
        String wait = String.format(Locale.ROOT, "%.3f", options.timeout().toMillis() / 1000.0);
        for (int attempt = 0; attempt <= options.retries(); attempt++) {
            Processes.Result r = Processes.run(List.of(ping.toString(), "-n", "-q", "-c", "1", "-W", wait, address),
                    new byte[0], options.timeout().plus(Duration.ofSeconds(5)));
            if (r.exitCode() == 0) {
                return true;
            }
            if (r.exitCode() > 1) {
                throw new ProbeException("ping " + address + " failed (exit " + r.exitCode() + "): " + r.message());
            }
        }
        return false;
    }
}
