package dev.dhcpharvester.harvest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps two harvests into the same destination from interleaving: two cron runs, or two Jenkins
 * builds on one agent. A lock in this JVM (builds on an agent share one) and a POSIX lock on a
 * file next to the destination (separate processes); the second harvest waits for the first.
 */
public final class HarvestLock implements AutoCloseable {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private HarvestLock(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** The lock file of a destination: {@code .NAME.lock} beside it. */
    public static Path fileFor(Path destination) {
        return destination.resolveSibling("." + destination.getFileName() + ".lock");
    }

    /**
     * Takes the lock, waiting while another harvest holds it.
     *
     * @param onWait told once when the lock is busy, before waiting
     */
    public static HarvestLock acquire(Path lockFile, Runnable onWait) throws IOException, InterruptedException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock jvmLock = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        boolean told = false;
        if (!jvmLock.tryLock()) {
            onWait.run();
            told = true;
            jvmLock.lockInterruptibly();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.tryLock();
            if (fileLock == null) {
                if (!told) {
                    onWait.run();
                }
                fileLock = channel.lock(); // interruptible: an aborted build stops waiting
            }
            return new HarvestLock(jvmLock, channel, fileLock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            jvmLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            jvmLock.unlock();
        }
    }
}
