package dev.ifmon.core.round;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs tasks on virtual threads with at most {@code limit} in flight, started in the order given, and
 * returns their results in that order. Used once per round; not thread-safe.
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
     * @throws InterruptedException when the round is interrupted; started tasks are cancelled
     */
    static <T, R> List<R> run(List<T> items, int limit, Function<T, R> task) throws InterruptedException {
        Semaphore permits = new Semaphore(Math.max(1, limit));
        List<Future<R>> futures = new ArrayList<>(items.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (T item : items) {
                    permits.acquire();
                    futures.add(executor.submit(() -> {
                        try {
                            return task.apply(item);
                        } finally {
                            permits.release();
                        }
                    }));
                }
                return collect(futures);
            } catch (InterruptedException e) {
                futures.forEach(future -> future.cancel(true));
                throw e;
            }
        }
    }

    private static <R> List<R> collect(List<Future<R>> futures) throws InterruptedException {
        List<R> results = new ArrayList<>(futures.size());
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a check failed unexpectedly", e.getCause());
            }
        }
        return results;
    }
}
