package dev.dhcpharvester.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Reads the parts of one lease file at once, a thread each, and gives their results in file order. */
final class PartReaders {

    private PartReaders() {
    }

    /** As {@link #readAtOnce}, but a single part is read in the calling thread. */
    static <T> List<T> read(Path file, List<Callable<T>> parts) throws IOException {
        if (parts.size() != 1) {
            return readAtOnce(file, parts);
        }
        try {
            return java.util.Collections.singletonList(parts.get(0).call());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read " + file + ": " + e, e);
        }
    }

    static <T> List<T> readAtOnce(Path file, List<Callable<T>> parts) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(parts.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> part : parts) {
                futures.add(pool.submit(part));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading " + file);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof Error error) {
                throw error; // out of memory in a part is the harvest's to report, as in one thread
            }
            throw new IOException("cannot read " + file + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
