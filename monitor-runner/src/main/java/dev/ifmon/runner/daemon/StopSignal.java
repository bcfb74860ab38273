package dev.ifmon.runner.daemon;

/**
 * Tells a running round that the runner is stopping: start no new checks, let those in flight finish.
 *
 * <p>The scheduler passes one to every {@link RoundTask#runRound(StopSignal)} call. Once it reports {@code true}
 * it never goes back to {@code false}. If the round has not returned after the stop grace period, the scheduler
 * also interrupts the thread that runs it. Implementations are thread-safe.
 */
@FunctionalInterface
public interface StopSignal {

    /** A signal that never asks to stop, for one-off rounds ({@code run --once}). */
    StopSignal NEVER = () -> false;

    /** @return whether a stop was requested; cheap, call it before starting each check */
    boolean stopRequested();
}
