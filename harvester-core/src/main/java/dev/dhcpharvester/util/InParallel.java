package dev.dhcpharvester.util;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/**
 * Per-host work that needs nothing but the host (naming one lease, rendering one line) spread
 * over the machine's cores: a harvest of 170,000 hosts otherwise leaves all but one core idle
 * after the file is read. Small lists are mapped on the caller's thread.
 */
public final class InParallel {

    /** Below this many items one thread does it: handing work over costs more than it saves. */
    static final int THRESHOLD = 20_000;

    private InParallel() {
    }

    /** {@code f} of each item, in the items' order; {@code f} must be safe to call from several threads. */
    public static <T, R> List<R> map(List<T> list, Function<? super T, ? extends R> f) {
        List<T> items = list instanceof RandomAccess ? list : new ArrayList<>(list);
        int parts = Math.min(Runtime.getRuntime().availableProcessors(), items.size() / (THRESHOLD / 2));
        if (parts <= 1) {
            List<R> out = new ArrayList<>(items.size());
            for (T item : items) {
                out.add(f.apply(item));
            }
            return out;
        }
        Object[] out = new Object[items.size()];
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int k = 1; k < parts; k++) {
            int from = items.size() * k / parts;
            int to = items.size() * (k + 1) / parts;
            others.add(CompletableFuture.runAsync(() -> fill(items, f, out, from, to), ForkJoinPool.commonPool()));
        }
        fill(items, f, out, 0, items.size() / parts);
        for (CompletableFuture<Void> other : others) {
            try {
                other.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        @SuppressWarnings("unchecked")
        List<R> mapped = (List<R>) Collections.unmodifiableList(Arrays.asList(out));
        return mapped;
    }

    private static <T, R> void fill(List<? extends T> items, Function<? super T, ? extends R> f, Object[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = f.apply(items.get(i));
        }
    }
}
