package dev.dhcpharvester.verification;

import dev.dhcpharvester.util.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * ICMP echo through fping, which sends to every target without waiting for answers, so the cost
 * is about one timeout per retry however many hosts are silent. fping paces its packets
 * (1 ms apart at least for unprivileged users), so large sets are split over {@code workers}
 * fping processes that run at once.
 */
public final class FpingProber implements Prober {

    /** Below this many targets a shard is not worth another process. */
    private static final int MIN_SHARD = 64;

    private final Path fping;
    private final VerifyOptions options;
    private final boolean privileged;

    public FpingProber(Path fping, VerifyOptions options) {
        this.fping = fping;
        this.options = options;
        this.privileged = isRoot();
    }

    @Override
    public String description() {
        return "fping (" + fping + ")";
    }

    @Override
    public Set<String> reachable(Collection<String> addresses) throws IOException, InterruptedException {
        List<List<String>> shards = shard(new ArrayList<>(addresses));
        if (shards.isEmpty()) {
            return Set.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(shards.size());
        try {
            List<Future<Set<String>>> results = new ArrayList<>();
            for (List<String> shard : shards) {
                results.add(pool.submit(() -> probe(shard)));
            }
            Set<String> alive = new HashSet<>();
            for (Future<Set<String>> result : results) {
                alive.addAll(result.get());
            }
            return alive;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("fping failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private List<List<String>> shard(List<String> addresses) {
        int count = Math.max(1, Math.min(options.workers(), (addresses.size() + MIN_SHARD - 1) / MIN_SHARD));
        List<List<String>> shards = new ArrayList<>();
        int size = (addresses.size() + count - 1) / Math.max(count, 1);
        for (int i = 0; i < addresses.size(); i += size) {
            shards.add(addresses.subList(i, Math.min(addresses.size(), i + size)));
        }
        return shards;
    }

    private Set<String> probe(List<String> addresses) throws IOException {
        long timeoutMs = options.timeout().toMillis();
        List<String> command = List.of(fping.toString(), "-a", "-q",
                "-r", Integer.toString(options.retries()),
                "-t", Long.toString(timeoutMs),
                "-B", "1",
                "-i", privileged ? "0" : "1");
        byte[] targets = (String.join("\n", addresses) + "\n").getBytes(StandardCharsets.US_ASCII);
        // Sending is paced at most 1 ms per target; give fping that plus every retry's timeout, and a margin.
        Duration limit = Duration.ofMillis(addresses.size() + timeoutMs * (options.retries() + 1) + 10_000);
        Processes.Result result = Processes.run(command, targets, limit);
        if (result.timedOut()) {
            throw new ProbeException("fping did not finish within " + limit.toMillis() + " ms");
        }
        // 0: all alive, 1: some unreachable, 2: some names not found; 3 and 4 are fping's own failures.
        if (result.exitCode() > 2 || result.exitCode() < 0) {
            throw new ProbeException("fping failed (exit " + result.exitCode() + "): " + result.message());
        }
        Set<String> alive = new HashSet<>();
        for (String line : result.stdout().split("\n")) {
            String address = line.strip();
            if (!address.isEmpty()) {
                alive.add(address);
            }
        }
        return alive;
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
