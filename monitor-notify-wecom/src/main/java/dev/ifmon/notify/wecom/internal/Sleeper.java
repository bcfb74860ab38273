package dev.ifmon.notify.wecom.internal;

import java.time.Duration;

/**
 * Waits. The notifier's own copy of the core's sleeper (a notifier never depends on core), injected so
 * pacing and back-off tests run in milliseconds. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

    /** The real sleeper: {@link Thread#sleep(Duration)}. */
    Sleeper SYSTEM = Thread::sleep;

    /**
     * @param duration how long to wait
     * @throws InterruptedException when interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
