package dev.ifmon.runner.daemon;

import dev.ifmon.api.Durations;
import dev.ifmon.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link RoundTask} at start-up and then once every interval, until stopped.
 *
 * <p>Schedule: a round starts at {@code s}; the next one is due at {@code s + interval}. Rounds never overlap: a
 * round that finishes after that tick delays the next one, which then starts at once; one WARN says by how much
 * and what can be done, and the schedule continues from the delayed start. An exception from a round is logged
 * and the schedule goes on; a JVM {@link Error} is not swallowed and ends {@link #run()}. When monitoring is
 * disabled the scheduler says so once and idles until stopped. With {@link Builder#reloadWith} the settings are
 * read again before every tick: a new interval applies from the next round on, and while {@code enabled} is
 * false the ticks pass without a round (said once when it turns off, once when it turns on again). Time comes
 * only from the injected {@link Clock} and {@link Sleeper}, so tests run in milliseconds. A clock that jumps
 * moves the schedule with it.
 *
 * <p>Stop: {@link #requestStop()} (any thread) starts no new round and turns the round's {@link StopSignal} on;
 * {@link #stop()} also waits up to the stop grace for the round in flight, then interrupts it, and returns once
 * {@link #run()} has finished. Before {@link #run()} returns, the stop actions ({@link Builder#onStop(Runnable)})
 * run in order on the scheduler thread, each walled off from the others: this is where alert state and the
 * outbox are flushed.
 *
 * <p>Thread-safety: {@link #run()} is called once, from the thread that is to run the rounds; {@link #stop()},
 * {@link #requestStop()} and the query methods may be called from any thread.
 */
public final class Scheduler {

    /** How long {@link #stop()} waits for a round to finish by itself before interrupting it, by default. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    /** How long {@link #stop()} waits after interrupting a round, for it and the stop actions to end. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(3);

    /** The longest single sleep, so that a wait for a far tick or an idle runner never overflows a sleeper. */
    static final Duration MAX_SLEEP = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final RoundTask task;
    private Duration interval;
    private final boolean enabled;
    private final BooleanSupplier enabledSource;
    private final Supplier<Duration> intervalSource;
    private boolean disabledSaid;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration stopGrace;
    private final List<Runnable> stopActions;

    private final Object lock = new Object();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private Thread runner;
    private boolean waiting;
    private boolean inRound;
    private long roundsRun;

    private Scheduler(Builder builder) {
        this.task = builder.task;
        this.interval = builder.interval;
        this.enabled = builder.enabled;
        this.enabledSource = builder.enabledSource;
        this.intervalSource = builder.intervalSource;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.stopGrace = builder.stopGrace;
        this.stopActions = List.copyOf(builder.stopActions);
    }

    /**
     * @param task the round to run on the schedule
     * @return a builder with the defaults: 15 minutes, enabled, system clock and sleeper, 5 s stop grace
     */
    public static Builder builder(RoundTask task) {
        return new Builder(task);
    }

    /**
     * Runs rounds on the schedule until a stop is requested, then runs the stop actions and returns.
     *
     * @throws IllegalStateException when called a second time
     */
    public void run() {
        bindRunner();
        try {
            if (enabled || enabledSource != null) {
                loop();
            } else {
                idle();
            }
        } finally {
            leaveWaitState();
            runStopActions();
            finished.countDown();
        }
    }

    /** Asks the scheduler to stop: no new round starts; the round in flight sees its stop signal. Returns at once. */
    public void requestStop() {
        boolean roundInFlight;
        synchronized (lock) {
            if (stopRequested) {
                return;
            }
            stopRequested = true;
            roundInFlight = inRound;
            if (waiting) {
                runner.interrupt();
            }
        }
        if (roundInFlight) {
            LOG.info("stop requested; starting no new checks, waiting up to {}s for the round in flight",
                    stopGrace.toSeconds());
        } else {
            LOG.info("stop requested; no round in flight");
        }
    }

    /**
     * Requests a stop and waits, bounded, for {@link #run()} to finish: up to the stop grace for the round in
     * flight, then it interrupts the round and waits a little longer.
     *
     * @return whether {@link #run()} finished (or never started); {@code false} means it is still stuck
     */
    public boolean stop() {
        requestStop();
        synchronized (lock) {
            if (runner == null || runner == Thread.currentThread()) {
                return runner == null;
            }
        }
        if (awaitFinished(stopGrace)) {
            return true;
        }
        cancelRound();
        return awaitFinished(CANCEL_WAIT);
    }

    /**
     * @param bound the longest wait
     * @return whether {@link #run()} finished within the bound
     */
    public boolean awaitFinished(Duration bound) {
        try {
            return finished.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finished.getCount() == 0;
        }
    }

    /** @return whether a stop was requested */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** @return how many rounds have been started */
    public long roundsRun() {
        synchronized (lock) {
            return roundsRun;
        }
    }

    private void loop() {
        LOG.info("monitoring every {}; first round now", Durations.format(interval));
        while (!stopRequested) {
            Instant start = clock.instant();
            if (!enabledNow()) {
                refreshInterval();
                waitUntil(start.plus(interval));
                continue;
            }
            RoundSummary summary = runRound();
            if (stopRequested) {
                logStoppedRound(summary, start);
                return;
            }
            refreshInterval();
            Instant next = nextStart(start, clock.instant());
            logRound(summary, start, next);
            waitUntil(next);
        }
    }

    /** Reads {@code enabled} again (when a source was given); says so when it changes. */
    private boolean enabledNow() {
        if (enabledSource == null) {
            return true;
        }
        boolean now;
        try {
            now = enabledSource.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("reading the settings again failed: {}; keeping the current ones", e.toString());
            now = !disabledSaid;
        }
        if (!now && !disabledSaid) {
            LOG.info("monitoring is disabled (monitor.enabled: false); no round runs until it is set to true, the"
                    + " config is read again every {}", Durations.format(interval));
        } else if (now && disabledSaid) {
            LOG.info("monitoring is enabled again (monitor.enabled: true); rounds run from now on");
        }
        disabledSaid = !now;
        return now;
    }

    /** Takes a changed interval (when a source was given) from the next round on. */
    private void refreshInterval() {
        if (intervalSource == null) {
            return;
        }
        Duration now;
        try {
            now = intervalSource.get();
        } catch (RuntimeException e) {
            return; // enabledNow() already said that reading failed
        }
        if (now != null && now.isPositive() && !now.equals(interval)) {
            LOG.info("monitor.interval changed from {} to {}; applied from the next round on",
                    Durations.format(interval), Durations.format(now));
            interval = now;
        }
    }

    private Instant nextStart(Instant start, Instant finish) {
        Instant due = start.plus(interval);
        if (!finish.isAfter(due)) {
            return due;
        }
        Duration overrun = Duration.between(due, finish);
        LOG.warn("round took {}ms, longer than the interval of {}; overrunMs={}: the next round starts now, {}ms"
                        + " late; to keep to the interval, check fewer or faster endpoints, raise monitor.concurrency"
                        + " or make monitor.interval longer",
                Duration.between(start, finish).toMillis(), Durations.format(interval), overrun.toMillis(),
                overrun.toMillis());
        return finish;
    }

    private RoundSummary runRound() {
        long number = enterRound();
        try {
            return Objects.requireNonNull(task.runRound(() -> stopRequested), "round summary");
        } catch (InterruptedException e) {
            LOG.info("round {} cancelled by the stop", number);
            return null;
        } catch (Exception e) {
            LOG.warn("round {} failed: {}; the schedule goes on", number, e.toString(), e);
            return null;
        } finally {
            leaveRound();
        }
    }

    private long enterRound() {
        synchronized (lock) {
            inRound = true;
            return ++roundsRun;
        }
    }

    private void leaveRound() {
        synchronized (lock) {
            inRound = false;
        }
        Thread.interrupted();
    }

    private void logRound(RoundSummary summary, Instant start, Instant next) {
        long durationMs = Duration.between(start, clock.instant()).toMillis();
        if (summary == null) {
            LOG.info("round {} ended without a summary durationMs={} nextRun={}", roundsRun(), durationMs, next);
            return;
        }
        LOG.info("round {} finished total={} failed={} outcomes=[{}] durationMs={} nextRun={}", roundsRun(),
                summary.total(), summary.failures(), summary.describe(), durationMs, next);
    }

    private void logStoppedRound(RoundSummary summary, Instant start) {
        long durationMs = Duration.between(start, clock.instant()).toMillis();
        String outcomes = summary == null ? "none" : summary.describe();
        LOG.info("round {} ended during stop outcomes=[{}] durationMs={}; no further rounds", roundsRun(),
                outcomes, durationMs);
    }

    private void idle() {
        LOG.info("monitoring is disabled (monitor.enabled: false); idling until stopped, no rounds will run");
        while (!stopRequested) {
            sleepAtMost(MAX_SLEEP);
        }
    }

    private void waitUntil(Instant next) {
        while (!stopRequested) {
            Duration left = Duration.between(clock.instant(), next);
            if (left.isNegative() || left.isZero()) {
                return;
            }
            sleepAtMost(left.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : left);
        }
    }

    private void sleepAtMost(Duration duration) {
        synchronized (lock) {
            if (stopRequested) {
                return;
            }
            waiting = true;
        }
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            LOG.debug("wait for the next round interrupted stopRequested={}", stopRequested);
        } finally {
            leaveWaitState();
        }
    }

    private void leaveWaitState() {
        synchronized (lock) {
            waiting = false;
        }
        Thread.interrupted();
    }

    private void cancelRound() {
        synchronized (lock) {
            if (!inRound) {
                return;
            }
            runner.interrupt();
        }
        LOG.warn("round still running after the stop grace of {}s; cancelling the checks in flight",
                stopGrace.toSeconds());
    }

    private void bindRunner() {
        synchronized (lock) {
            if (runner != null) {
                throw new IllegalStateException("Scheduler.run() was already called; build a new Scheduler");
            }
            runner = Thread.currentThread();
        }
    }

    private void runStopActions() {
        for (Runnable action : stopActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("stop action {} failed: {}; running the remaining ones", action, e.toString(), e);
            }
        }
    }

    /** Builds a {@link Scheduler}; every setter checks its value at once. Not thread-safe. */
    public static final class Builder {

        private final RoundTask task;
        private Duration interval = Duration.ofMinutes(15);
        private boolean enabled = true;
        private BooleanSupplier enabledSource;
        private Supplier<Duration> intervalSource;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Duration stopGrace = DEFAULT_STOP_GRACE;
        private final List<Runnable> stopActions = new ArrayList<>();

        private Builder(RoundTask task) {
            this.task = Objects.requireNonNull(task, "task");
        }

        /**
         * @param interval time from one round's start to the next one's ({@code monitor.interval}); positive
         * @return this builder
         */
        public Builder interval(Duration interval) {
            this.interval = positive(interval, "monitor.interval");
            return this;
        }

        /**
         * @param enabled {@code monitor.enabled}: when {@code false} no round runs and the scheduler idles
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Makes the schedule follow a configuration that may change while running: before every tick
         * {@code enabled} is asked (and may read the config file again), after it {@code interval}.
         *
         * @param enabled whether the next round is to run; while false the ticks pass without a round
         * @param interval the interval from the next round on; a non-positive or {@code null} one is ignored
         * @return this builder
         */
        public Builder reloadWith(BooleanSupplier enabled, Supplier<Duration> interval) {
            this.enabledSource = Objects.requireNonNull(enabled, "enabled");
            this.intervalSource = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * @param clock where the schedule reads the time
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param sleeper how the scheduler waits for the next tick; it must return early when interrupted
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * @param stopGrace how long a stop waits for the round in flight before cancelling it; zero or more
         * @return this builder
         */
        public Builder stopGrace(Duration stopGrace) {
            Objects.requireNonNull(stopGrace, "stopGrace");
            if (stopGrace.isNegative()) {
                throw new IllegalArgumentException("stop grace must be zero or more, got " + stopGrace);
            }
            this.stopGrace = stopGrace;
            return this;
        }

        /**
         * @param action runs once when the scheduler stops, after the last round, e.g. flushing alert state
         * @return this builder
         */
        public Builder onStop(Runnable action) {
            stopActions.add(Objects.requireNonNull(action, "action"));
            return this;
        }

        /** @return a scheduler that has not started */
        public Scheduler build() {
            return new Scheduler(this);
        }

        private static Duration positive(Duration value, String key) {
            Objects.requireNonNull(value, key);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(key + " must be positive, got " + value
                        + "; use minutes (15) or a unit (30s, 1h)");
            }
            return value;
        }
    }
}
