package dev.dhcpharvester.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InParallelTest {

    @Test
    void mapsEveryItemInOrderWhateverTheSize() {
        for (int size : new int[] {0, 1, InParallel.THRESHOLD - 1, InParallel.THRESHOLD, 100_003}) {
            List<Integer> items = IntStream.range(0, size).boxed().toList();
            assertThat(InParallel.map(items, i -> i * 2L)).as("%d items", size)
                    .containsExactlyElementsOf(IntStream.range(0, size).mapToObj(i -> i * 2L).toList());
            assertThat(InParallel.map(new LinkedList<>(items), i -> i + 1)).hasSize(size);
        }
    }

    @Test
    void aLargeListIsSharedOutWhenThereAreSeveralCores() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        InParallel.map(IntStream.range(0, 200_000).boxed().toList(), i -> threads.add(Thread.currentThread()));
        assertThat(threads).hasSize(Math.min(2, Runtime.getRuntime().availableProcessors()) > 1 ? 2 : 1);
    }

    @Test
    void anExceptionOnAnyThreadReachesTheCaller() {
        List<Integer> items = IntStream.range(0, 100_000).boxed().toList();
        assertThatThrownBy(() -> InParallel.map(items, i -> {
            if (i == 99_999) {
                throw new IllegalStateException("item " + i);
            }
            return i;
        })).isInstanceOf(IllegalStateException.class).hasMessage("item 99999");
    }
}
