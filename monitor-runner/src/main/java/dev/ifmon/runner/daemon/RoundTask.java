package dev.ifmon.runner.daemon;

/**
 * One monitoring round, as the {@link Scheduler} runs it: the CLI adapts the core orchestrator to it.
 *
 * <p>The scheduler calls it from its own single thread, never twice at once. A round should check
 * {@link StopSignal#stopRequested()} before starting each check and should answer an interrupt by cancelling the
 * checks in flight and returning or throwing {@link InterruptedException}. Writing {@code data/last-round.json}
 * ({@link LastRoundFile}) and delivering notifications belong inside the round.
 */
@FunctionalInterface
public interface RoundTask {

    /**
     * Runs one round.
     *
     * @param stop tells the round the runner is stopping, never {@code null}
     * @return the counts by outcome, for the scheduler's one INFO line per round; never {@code null}
     * @throws Exception anything the round could not handle: logged, and the schedule goes on
     */
    RoundSummary runRound(StopSignal stop) throws Exception;
}
