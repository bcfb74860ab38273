package dev.ifmon.notify.wecom.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each robot under its messages-a-minute budget: a sliding one-minute window of send times per webhook
 * URL, shared by every call of one notifier. Thread-safe.
 *
 * <p>Known limitation: the window lives in memory, so two ifmon processes (or two notifier instances) using
 * the same robot do not see each other's messages; the robot's {@code 45009} answer, retried with back-off,
 * covers that case.
 */
public final class Pacer {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_WAITS = 64;

    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();

    /**
     * @param clock the clock that send times are read from
     * @param sleeper waits for a free slot
     */
    public Pacer(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Takes a slot for one message, waiting until the window has room.
     *
     * @param robot the webhook URL
     * @param perMinute the budget
     * @param maxWait the longest wait accepted
     * @return {@code true} when a slot was taken; {@code false} when it would take longer than {@code maxWait}
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean acquire(String robot, int perMinute, Duration maxWait) throws InterruptedException {
        Deque<Long> window = windows.computeIfAbsent(robot, any -> new ArrayDeque<>());
        long deadline = clock.millis() + maxWait.toMillis();
        for (int i = 0; i < MAX_WAITS; i++) {
            long wait = tryTake(window, perMinute);
            if (wait == 0) {
                return true;
            }
            if (clock.millis() + wait > deadline) {
                return false;
            }
            sleeper.sleep(Duration.ofMillis(wait));
        }
        return false;
    }

    /**
     * @param robot the webhook URL
     * @param perMinute the budget
     * @return how many messages could go out now without waiting
     */
    public int available(String robot, int perMinute) {
        Deque<Long> window = windows.computeIfAbsent(robot, any -> new ArrayDeque<>());
        synchronized (window) {
            expire(window, clock.millis());
            return Math.max(0, perMinute - window.size());
        }
    }

    private long tryTake(Deque<Long> window, int perMinute) {
        synchronized (window) {
            long now = clock.millis();
            expire(window, now);
            if (window.size() < perMinute) {
                window.addLast(now);
                return 0;
            }
            return Math.max(1, window.peekFirst() + WINDOW.toMillis() - now);
        }
    }

    private static void expire(Deque<Long> window, long now) {
        while (!window.isEmpty() && window.peekFirst() + WINDOW.toMillis() <= now) {
            window.removeFirst();
        }
    }
}
