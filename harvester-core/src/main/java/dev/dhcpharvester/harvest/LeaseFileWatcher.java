package dev.dhcpharvester.harvest;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells when a lease file changed: by the kernel's file notification (the JDK's watch service on
 * the file's directory, which sees appends and the rename of a rewritten file alike), and by
 * looking at its size, time and identity every {@code poll} for filesystems that do not notify
 * (NFS). A burst of changes becomes one call: the first change starts a {@code debounce} wait,
 * and changes within it are folded into the same call.
 */
public final class LeaseFileWatcher implements AutoCloseable {

    private final Path file;
    private final Duration debounce;
    private final Runnable onChange;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile List<Object> lastSeen;
    private WatchService watchService;
    private Thread watchThread;

    /**
     * @param poll     how often to look at the file without being told (0 for never)
     * @param onChange called, from the watcher's own thread, once per burst of changes
     */
    public LeaseFileWatcher(Path file, Duration debounce, Duration poll, Runnable onChange) {
        this.file = file.toAbsolutePath();
        this.debounce = debounce;
        this.onChange = onChange;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-watch");
            t.setDaemon(true);
            return t;
        });
        this.lastSeen = look();
        if (!poll.isZero()) {
            scheduler.scheduleWithFixedDelay(this::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts the file notification; returns false when the filesystem offers none (polling goes on).
     */
    public boolean start() {
        try {
            watchService = file.getFileSystem().newWatchService();
            file.getParent().register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
        watchThread = new Thread(this::watch, "lease-notify");
        watchThread.setDaemon(true);
        watchThread.start();
        return true;
    }

    private void watch() {
        Path name = file.getFileName();
        try {
            while (true) {
                WatchKey key = watchService.take();
                boolean ours = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    ours |= event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
                }
                key.reset();
                if (ours) {
                    changed();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closed
        }
    }

    private void poll() {
        if (!Objects.equals(look(), lastSeen)) {
            changed();
        }
    }

    /** Size, modification time and identity: what a change of the file changes. */
    private List<Object> look() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return java.util.Arrays.asList(a.size(), a.lastModifiedTime(), a.fileKey());
        } catch (IOException e) {
            return List.of("missing");
        }
    }

    private void changed() {
        if (pending.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                pending.set(false);
                lastSeen = look();
                onChange.run();
            }, debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
