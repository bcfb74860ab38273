package dev.ifmon.core.time;

import java.time.Duration;

/** Waits. Injected so back-off and schedule tests run in milliseconds. Thread-safe. */
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
