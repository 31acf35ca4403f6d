package dev.dhcpharvester.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two harvests into one destination take turns, in one JVM (builds on an agent) and across processes (cron). */
class HarvestLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondHolderInThisJvmWaitsForTheFirst() throws Exception {
        Path lockFile = HarvestLock.fileFor(dir.resolve("harvest.inc"));
        assertThat(lockFile).isEqualTo(dir.resolve(".harvest.inc.lock"));
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Void> second;
        try (HarvestLock first = HarvestLock.acquire(lockFile, () -> { })) {
            second = CompletableFuture.runAsync(() -> {
                try (HarvestLock mine = HarvestLock.acquire(lockFile, waiting::countDown)) {
                    // held, then released
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second).isNotDone();
        }
        second.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aHarvestInAnotherProcessIsWaitedFor() throws Exception {
        Path lockFile = dir.resolve(".harvest.inc.lock");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), lockFile.toString()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<Void> mine = CompletableFuture.runAsync(() -> {
                try (HarvestLock lock = HarvestLock.acquire(lockFile, waiting::countDown)) {
                    // got it
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(mine).isNotDone();
            holder.getOutputStream().close(); // the holder releases when its input ends
            mine.get(30, TimeUnit.SECONDS);
        } finally {
            holder.destroy();
        }
    }

    /** Holds the lock until its standard input ends. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (HarvestLock lock = HarvestLock.acquire(Path.of(args[0]), () -> { })) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait
                }
            }
        }
    }
}
