package dev.dhcpharvester.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.report.HarvestReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HarvestCoordinatorTest {

    /** A harvest that takes a while and stamps its report with its start. */
    static final class SlowHarvest implements java.util.function.Supplier<HarvestReport> {
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        final long millis;

        SlowHarvest(long millis) {
            this.millis = millis;
        }

        @Override
        public HarvestReport get() {
            Instant start = Instant.now();
            runs.incrementAndGet();
            started.countDown();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new HarvestReport(1, HarvestReport.Status.OK, 0, null, "run " + runs.get(), start, start,
                    Instant.now(), List.of(), null, null, null, null, List.of(), List.of());
        }
    }

    @Test
    void aBurstDuringAHarvestSharesOneMoreHarvestAndEveryAnswerIsNewerThanItsRequest() throws Exception {
        SlowHarvest harvest = new SlowHarvest(300);
        try (HarvestCoordinator coordinator = new HarvestCoordinator(harvest, Duration.ZERO, Clock.systemUTC())) {
            CompletableFuture<HarvestCoordinator.Outcome> first = coordinator.request();
            assertThat(harvest.started.await(5, TimeUnit.SECONDS)).isTrue();
            List<Instant> arrivals = new ArrayList<>();
            List<CompletableFuture<HarvestCoordinator.Outcome>> burst = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                arrivals.add(Instant.now());
                burst.add(coordinator.request());
            }

            CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(first.get().waited()).isFalse();
            assertThat(harvest.runs.get()).isEqualTo(2);
            for (int i = 0; i < burst.size(); i++) {
                HarvestCoordinator.Outcome outcome = burst.get(i).get();
                assertThat(outcome.waited()).isTrue();
                assertThat(outcome.report().startedAt()).isAfterOrEqualTo(arrivals.get(i));
            }
        }
    }

    @Test
    void theQuietPeriodDelaysTheNextHarvestInsteadOfDroppingTheRequest() throws Exception {
        SlowHarvest harvest = new SlowHarvest(10);
        try (HarvestCoordinator coordinator = new HarvestCoordinator(harvest, Duration.ofMillis(400), Clock.systemUTC())) {
            HarvestReport first = coordinator.request().get(5, TimeUnit.SECONDS).report();
            Instant asked = Instant.now();

            HarvestCoordinator.Outcome second = coordinator.request().get(5, TimeUnit.SECONDS);

            assertThat(second.waited()).isTrue();
            assertThat(second.report().startedAt()).isAfterOrEqualTo(first.finishedAt().plusMillis(400));
            assertThat(second.report().startedAt()).isAfterOrEqualTo(asked);
            assertThat(harvest.runs.get()).isEqualTo(2);
            assertThat(coordinator.lastReport()).isSameAs(second.report());
        }
    }

    @Test
    void requestsAfterShutdownFailInsteadOfWaitingForever() throws Exception {
        HarvestCoordinator coordinator = new HarvestCoordinator(new SlowHarvest(0), Duration.ZERO, Clock.systemUTC());
        coordinator.shutdown(Duration.ofSeconds(1));

        CompletableFuture<HarvestCoordinator.Outcome> late = coordinator.request();

        assertThat(late).failsWithin(Duration.ofSeconds(1));
        coordinator.close();
    }
}
