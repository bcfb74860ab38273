package dev.ifmon.core.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentChecksTest {

    @Test
    void resultsComeBackInTheOrderGivenWhateverOrderTheyFinish() throws InterruptedException {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();

        List<String> results = ConcurrentChecks.run(items, 7, item -> {
            sleepMillis((200 - item) % 5);
            return "r" + item;
        });

        assertThat(results).hasSize(200);
        assertThat(results).containsExactlyElementsOf(items.stream().map(item -> "r" + item).toList());
    }

    @Test
    void neverMoreThanTheLimitInFlight() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        ConcurrentChecks.run(IntStream.range(0, 100).boxed().toList(), 4, item -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sleepMillis(2);
            inFlight.decrementAndGet();
            return item;
        });

        assertThat(most.get()).isBetween(2, 4);
    }

    @Test
    void aTaskThatThrowsAfterAllFailsTheRunNamingTheCause() {
        assertThatThrownBy(() -> ConcurrentChecks.run(List.of(1, 2, 3), 2, item -> {
            if (item == 2) {
                throw new IllegalArgumentException("boom on 2");
            }
            return item;
        })).isInstanceOf(IllegalStateException.class).hasRootCauseMessage("boom on 2");
    }

    @Test
    void interruptingTheCallerInterruptsTheTasksInFlight() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch taskInterrupted = new CountDownLatch(1);
        AtomicInteger outcome = new AtomicInteger();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                ConcurrentChecks.run(List.of(1, 2, 3), 1, item -> {
                    started.countDown();
                    try {
                        Thread.sleep(TimeUnit.SECONDS.toMillis(30));
                    } catch (InterruptedException e) {
                        taskInterrupted.countDown();
                    }
                    return item;
                });
                outcome.set(1);
            } catch (InterruptedException e) {
                outcome.set(2);
            }
        });

        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();

        assertThat(taskInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
        caller.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(outcome.get()).isEqualTo(2);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
