package dev.ifmon.core.round;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Runs tasks on virtual threads with at most {@code limit} in flight, started in the order given, and
 * returns their results in that order. Used once per round; not thread-safe.
 *
 * <p>Results go straight into an array slot; no {@code Future} is kept, because a finished future holds
 * on to its thread, and a round of 10,000 endpoints would keep 10,000 dead virtual threads reachable.
 */
final class ConcurrentChecks {

    private ConcurrentChecks() {
    }

    /**
     * @param items the work, in start order
     * @param limit how many run at once, at least 1
     * @param task what to do with each item; must not throw (failures are values)
     * @param <T> the item type
     * @param <R> the result type
     * @return one result per item, in order
     * @throws InterruptedException when the round is interrupted; started tasks are interrupted too
     * @throws IllegalStateException when a task threw after all
     */
    static <T, R> List<R> run(List<T> items, int limit, Function<T, R> task) throws InterruptedException {
        Semaphore permits = new Semaphore(Math.max(1, limit));
        AtomicReferenceArray<R> results = new AtomicReferenceArray<>(items.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int i = 0; i < items.size(); i++) {
                    permits.acquire();
                    int index = i;
                    T item = items.get(i);
                    executor.execute(() -> {
                        try {
                            results.set(index, task.apply(item));
                        } catch (RuntimeException | Error e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            permits.release();
                        }
                    });
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                throw e;
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a check failed unexpectedly", failure.get());
        }
        List<R> ordered = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ordered.add(results.get(i));
        }
        return ordered;
    }
}
