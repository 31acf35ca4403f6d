package dev.dhcpharvester.util;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

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
        Object[] out = new Object[items.size()];
        forEachIndex(items.size(), i -> out[i] = f.apply(items.get(i)));
        @SuppressWarnings("unchecked")
        List<R> mapped = (List<R>) Collections.unmodifiableList(Arrays.asList(out));
        return mapped;
    }

    /**
     * {@code action} of each index in [0, size), in ranges on every core; {@code action} must be
     * safe to call from several threads for different indexes. All are done when this returns.
     */
    public static void forEachIndex(int size, IntConsumer action) {
        int parts = Math.min(Runtime.getRuntime().availableProcessors(), size / (THRESHOLD / 2));
        if (parts <= 1) {
            run(action, 0, size);
            return;
        }
        inTasks(parts, k -> run(action, (int) ((long) size * k / parts), (int) ((long) size * (k + 1) / parts)));
    }

    /**
     * {@code action} of each of a few large items (the parts of a file read), each in a task of its
     * own; {@code action} must be safe to call from several threads for different items.
     */
    public static <T> void eachOf(List<T> items, Consumer<? super T> action) {
        inTasks(items.size(), k -> action.accept(items.get(k)));
    }

    /** {@code task} of 0 to {@code count - 1}: the first on this thread, the others in the common pool; all done when this returns. */
    private static void inTasks(int count, IntConsumer task) {
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int k = 1; k < count; k++) {
            int index = k;
            others.add(CompletableFuture.runAsync(() -> task.accept(index), ForkJoinPool.commonPool()));
        }
        if (count > 0) {
            task.accept(0);
        }
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
    }

    private static void run(IntConsumer action, int from, int to) {
        for (int i = from; i < to; i++) {
            action.accept(i);
        }
    }
}
