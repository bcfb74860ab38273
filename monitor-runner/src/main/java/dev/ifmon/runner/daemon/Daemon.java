package dev.ifmon.runner.daemon;

import dev.ifmon.core.time.Sleeper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running runner ({@code ifmon run} without {@code --once}): locks the data folder, runs the
 * {@link Scheduler} until SIGTERM or SIGINT, stops gracefully and returns exit code 0.
 *
 * <p>Start-up: takes {@code <data>/ifmon.lock} ({@link DataLock}; a second runner on the same folder gets a
 * {@link DataLockedException}), removes temporary files a crash left beside {@code last-round.json}, installs
 * the signal handlers and a shutdown hook. Stop: a signal or {@link #stop()} asks the scheduler to start no new
 * checks, waits up to the stop grace (default 5 s) for the round in flight, then interrupts it, runs the stop
 * actions (flush alert state and outbox), releases the lock and lets {@link #run()} return 0. If the round does
 * not end within the grace plus 3 s after the interrupt, the process halts with exit code 1 and says so.
 *
 * <p>Thread-safety: {@link #run()} is called once, on the thread that is to run the rounds (usually main);
 * {@link #stop()} and {@link #requestStop()} may be called from any thread.
 */
public final class Daemon {

    /** The exit code after a graceful stop. */
    public static final int EXIT_STOPPED = 0;

    /** The exit code when a round could not be stopped in time and the process halted. */
    public static final int EXIT_STUCK = 1;

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final Path dataDir;
    private final boolean handleSignals;
    private final Scheduler scheduler;

    private Daemon(Builder builder) {
        this.dataDir = builder.dataDir;
        this.handleSignals = builder.handleSignals;
        this.scheduler = builder.scheduler.build();
    }

    /**
     * @param task the round to run on the schedule
     * @param dataDir the data folder to lock; created when missing
     * @return a builder with the {@link Scheduler.Builder} defaults and signal handling on
     */
    public static Builder builder(RoundTask task, Path dataDir) {
        return new Builder(task, dataDir);
    }

    /**
     * Locks the data folder and runs rounds until stopped.
     *
     * @return {@link #EXIT_STOPPED} after a graceful stop
     * @throws DataLockedException when another runner holds the data folder; nothing was started
     */
    public int run() {
        try (DataLock lock = DataLock.acquire(dataDir)) {
            LOG.info("data folder {} locked pid={}", lock.dataDir(), ProcessHandle.current().pid());
            deleteStaleTemps();
            Thread hook = installShutdownHook();
            installSignals();
            scheduler.run();
            removeShutdownHook(hook);
        }
        LOG.info("runner stopped; data folder {} released", dataDir.toAbsolutePath().normalize());
        return EXIT_STOPPED;
    }

    /** Asks the runner to stop; returns at once. See {@link Scheduler#requestStop()}. */
    public void requestStop() {
        scheduler.requestStop();
    }

    /**
     * Stops the runner and waits, bounded, for {@link #run()} to finish. See {@link Scheduler#stop()}.
     *
     * @return whether the runner finished
     */
    public boolean stop() {
        return scheduler.stop();
    }

    /** @return the scheduler this daemon runs */
    public Scheduler scheduler() {
        return scheduler;
    }

    private void deleteStaleTemps() {
        try {
            int deleted = new LastRoundFile(dataDir).deleteStaleTemps();
            if (deleted > 0) {
                LOG.info("removed {} temporary file(s) an interrupted write left in {}", deleted, dataDir);
            }
        } catch (IOException e) {
            LOG.warn("cannot list data folder {}: {}; leftover temporary files stay (they are never read)",
                    dataDir, e.getMessage());
        }
    }

    private void installSignals() {
        if (!handleSignals) {
            return;
        }
        List<String> handled = TerminationSignals.install(this::onSignal);
        LOG.debug("graceful stop on signals={}", handled);
    }

    private void onSignal(String name) {
        LOG.info("received SIG{}; stopping gracefully", name);
        if (scheduler.stop()) {
            return;
        }
        LOG.error("the round did not end within the stop grace and {}s after cancelling; exiting with code {}"
                + " without flushing", Scheduler.CANCEL_WAIT.toSeconds(), EXIT_STUCK);
        Runtime.getRuntime().halt(EXIT_STUCK);
    }

    private Thread installShutdownHook() {
        Thread hook = new Thread(scheduler::stop, "ifmon-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook is running or has run: nothing to remove.
            LOG.debug("shutdown in progress; hook stays");
        }
    }

    /** Builds a {@link Daemon}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {

        private final Path dataDir;
        private final Scheduler.Builder scheduler;
        private boolean handleSignals = true;

        private Builder(RoundTask task, Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            this.scheduler = Scheduler.builder(task);
        }

        /**
         * @param interval {@code monitor.interval}, positive
         * @return this builder
         */
        public Builder interval(Duration interval) {
            scheduler.interval(interval);
            return this;
        }

        /**
         * @param enabled {@code monitor.enabled}
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            scheduler.enabled(enabled);
            return this;
        }

        /**
         * @param enabled asked before every tick: whether to run the round (may read the config again)
         * @param interval asked after every round: the interval from then on
         * @return this builder
         * @see Scheduler.Builder#reloadWith
         */
        public Builder reloadWith(BooleanSupplier enabled, Supplier<Duration> interval) {
            scheduler.reloadWith(enabled, interval);
            return this;
        }

        /**
         * @param clock where the schedule reads the time
         * @return this builder
         */
        public Builder clock(Clock clock) {
            scheduler.clock(clock);
            return this;
        }

        /**
         * @param sleeper how the scheduler waits between rounds
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            scheduler.sleeper(sleeper);
            return this;
        }

        /**
         * @param stopGrace how long a stop waits for the round in flight before cancelling it
         * @return this builder
         */
        public Builder stopGrace(Duration stopGrace) {
            scheduler.stopGrace(stopGrace);
            return this;
        }

        /**
         * @param action runs once at stop, after the last round: flush alert state, the outbox
         * @return this builder
         */
        public Builder onStop(Runnable action) {
            scheduler.onStop(action);
            return this;
        }

        /**
         * @param handleSignals whether SIGTERM and SIGINT stop the runner gracefully with exit code 0 (default);
         *     turn it off when embedding in a process that handles signals itself
         * @return this builder
         */
        public Builder handleSignals(boolean handleSignals) {
            this.handleSignals = handleSignals;
            return this;
        }

        /** @return a daemon that has not started */
        public Daemon build() {
            return new Daemon(this);
        }
    }
}
