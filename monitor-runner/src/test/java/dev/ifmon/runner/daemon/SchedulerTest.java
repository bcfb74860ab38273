package dev.ifmon.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.ifmon.api.Outcome;
import dev.ifmon.core.time.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SchedulerTest {

    private static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final List<Instant> starts = new CopyOnWriteArrayList<>();
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = new LogCapture(Scheduler.class);
    }

    @AfterEach
    void detachLog() {
        log.close();
    }

    /** A sleeper that moves the manual clock instead of waiting. */
    private Sleeper clockSleeper() {
        return clock::advance;
    }

    private Scheduler build(Scheduler.Builder builder, Scheduler[] holder) {
        holder[0] = builder.build();
        return holder[0];
    }

    @Nested
    class Schedule {

        @Test
        void runsARoundAtStartUpThenOneEveryInterval() {
            Scheduler[] self = new Scheduler[1];
            Scheduler scheduler = build(Scheduler.builder(countingRound(self, 3, Duration.ofMinutes(2)))
                    .interval(Duration.ofMinutes(15)).clock(clock).sleeper(clockSleeper()), self);

            scheduler.run();

            assertThat(starts).containsExactly(T0, T0.plus(Duration.ofMinutes(15)), T0.plus(Duration.ofMinutes(30)));
            assertThat(log.messages(Level.WARN)).isEmpty();
        }

        @Test
        void logsOneInfoLinePerRoundWithCountsDurationAndNextRun() {
            Scheduler[] self = new Scheduler[1];
            Scheduler scheduler = build(Scheduler.builder(countingRound(self, 2, Duration.ofSeconds(40)))
                    .interval(Duration.ofMinutes(15)).clock(clock).sleeper(clockSleeper()), self);

            scheduler.run();

            assertThat(log.messages(Level.INFO)).contains("round 1 finished total=4 failed=1"
                    + " outcomes=[OK=3 HTTP_ERROR=1] durationMs=40000 nextRun=2026-12-04T08:15:00Z");
        }

        @Test
        void anOverrunningRoundDelaysTheNextOneByTheOverrunWithOneWarning() {
            Scheduler[] self = new Scheduler[1];
            List<Duration> durations = List.of(Duration.ofMinutes(13), Duration.ofMinutes(1), Duration.ofMinutes(1));
            Scheduler scheduler = build(Scheduler.builder(timedRound(self, durations))
                    .interval(Duration.ofMinutes(10)).clock(clock).sleeper(clockSleeper()), self);

            scheduler.run();

            assertThat(starts).containsExactly(T0, T0.plus(Duration.ofMinutes(13)), T0.plus(Duration.ofMinutes(23)));
            assertThat(log.messages(Level.WARN)).singleElement().asString()
                    .contains("round took 780000ms", "interval of 10m", "overrunMs=180000",
                            "the next round starts now, 180000ms late",
                            "check fewer or faster endpoints, raise monitor.concurrency or make monitor.interval"
                                    + " longer");
        }

        @Test
        void aRoundEndingExactlyOnTheTickIsNotAnOverrun() {
            Scheduler[] self = new Scheduler[1];
            List<Duration> durations = List.of(Duration.ofMinutes(10), Duration.ofMinutes(1));
            Scheduler scheduler = build(Scheduler.builder(timedRound(self, durations))
                    .interval(Duration.ofMinutes(10)).clock(clock).sleeper(clockSleeper()), self);

            scheduler.run();

            assertThat(starts).containsExactly(T0, T0.plus(Duration.ofMinutes(10)));
            assertThat(log.messages(Level.WARN)).isEmpty();
        }

        @Test
        void anExceptionInARoundIsLoggedAndTheScheduleGoesOn() {
            Scheduler[] self = new Scheduler[1];
            AtomicInteger calls = new AtomicInteger();
            Scheduler scheduler = build(Scheduler.builder(stop -> {
                starts.add(clock.instant());
                clock.advance(Duration.ofMinutes(1));
                int call = calls.incrementAndGet();
                if (call == 3) {
                    self[0].requestStop();
                }
                if (call == 2) {
                    throw new IllegalStateException("catalog folder vanished");
                }
                return RoundSummary.empty();
            }).interval(Duration.ofMinutes(5)).clock(clock).sleeper(clockSleeper()), self);

            scheduler.run();

            assertThat(starts).containsExactly(T0, T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(10)));
            assertThat(log.messages(Level.WARN)).singleElement().asString()
                    .contains("round 2 failed", "catalog folder vanished", "the schedule goes on");
        }

        @Test
        void rejectsAnIntervalThatIsNotPositive() {
            assertThatThrownBy(() -> Scheduler.builder(stop -> RoundSummary.empty()).interval(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("monitor.interval must be positive");
        }
    }

    @Nested
    class Disabled {

        @Test
        void idlesWithoutRunningRoundsAndSaysSo() {
            AtomicInteger rounds = new AtomicInteger();
            AtomicInteger sleeps = new AtomicInteger();
            Scheduler[] self = new Scheduler[1];
            Scheduler scheduler = build(Scheduler.builder(stop -> {
                rounds.incrementAndGet();
                return RoundSummary.empty();
            }).enabled(false).clock(clock).sleeper(duration -> {
                clock.advance(duration);
                if (sleeps.incrementAndGet() == 5) {
                    self[0].requestStop();
                }
            }), self);

            scheduler.run();

            assertThat(rounds).hasValue(0);
            assertThat(sleeps).hasValue(5);
            assertThat(log.messages(Level.INFO)).anySatisfy(line ->
                    assertThat(line).contains("monitoring is disabled (monitor.enabled: false); idling"));
        }
    }

    @Nested
    class Reload {

        @Test
        void aChangedIntervalAppliesFromTheNextRoundOn() {
            Scheduler[] self = new Scheduler[1];
            AtomicInteger reads = new AtomicInteger();
            Scheduler scheduler = build(Scheduler.builder(countingRound(self, 3, Duration.ofSeconds(1)))
                    .interval(Duration.ofSeconds(10)).clock(clock).sleeper(clockSleeper())
                    .reloadWith(() -> true, () -> reads.incrementAndGet() == 1 ? Duration.ofSeconds(10)
                            : Duration.ofSeconds(30)), self);

            scheduler.run();

            assertThat(starts).containsExactly(T0, T0.plusSeconds(10), T0.plusSeconds(40));
            assertThat(log.messages(Level.INFO)).contains("monitor.interval changed from 10s to 30s;"
                    + " applied from the next round on");
        }

        @Test
        void whileDisabledTheTicksPassWithoutARoundAndBothChangesAreSaidOnce() {
            Scheduler[] self = new Scheduler[1];
            List<Boolean> enabled = List.of(true, false, false, false, true);
            AtomicInteger reads = new AtomicInteger();
            Scheduler scheduler = build(Scheduler.builder(countingRound(self, 2, Duration.ofSeconds(1)))
                    .interval(Duration.ofSeconds(10)).clock(clock).sleeper(clockSleeper())
                    .reloadWith(() -> enabled.get(Math.min(reads.getAndIncrement(), enabled.size() - 1)),
                            () -> Duration.ofSeconds(10)), self);

            scheduler.run();

            assertThat(starts).containsExactly(T0, T0.plusSeconds(40));
            assertThat(log.messages(Level.INFO)).filteredOn(line -> line.contains("monitor.enabled")).containsExactly(
                    "monitoring is disabled (monitor.enabled: false); no round runs until it is set to true, the"
                            + " config is read again every 10s",
                    "monitoring is enabled again (monitor.enabled: true); rounds run from now on");
        }
    }

    @Nested
    class Stop {

        @Test
        void letsTheRoundInFlightFinishThenRunsTheStopActions() throws Exception {
            CountDownLatch roundStarted = new CountDownLatch(1);
            AtomicBoolean sawStop = new AtomicBoolean();
            List<String> events = new CopyOnWriteArrayList<>();
            Scheduler scheduler = Scheduler.builder(stop -> {
                roundStarted.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!stop.stopRequested() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                sawStop.set(stop.stopRequested());
                Thread.sleep(200);
                events.add("round finished");
                return RoundSummary.empty();
            }).interval(Duration.ofHours(1)).onStop(() -> events.add("flushed")).build();
            Thread thread = Thread.ofPlatform().start(scheduler::run);
            assertThat(roundStarted.await(5, TimeUnit.SECONDS)).isTrue();

            boolean stopped = scheduler.stop();

            assertThat(stopped).isTrue();
            assertThat(sawStop).isTrue();
            assertThat(events).containsExactly("round finished", "flushed");
            thread.join(5_000);
            assertThat(thread.isAlive()).isFalse();
        }

        @Test
        void interruptsARoundThatOutlastsTheGrace() throws Exception {
            CountDownLatch roundStarted = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            AtomicBoolean flushed = new AtomicBoolean();
            Scheduler scheduler = Scheduler.builder(stop -> {
                roundStarted.countDown();
                try {
                    Thread.sleep(15_000);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
                return RoundSummary.empty();
            }).stopGrace(Duration.ofMillis(100)).onStop(() -> flushed.set(true)).build();
            Thread thread = Thread.ofPlatform().start(scheduler::run);
            assertThat(roundStarted.await(5, TimeUnit.SECONDS)).isTrue();

            boolean stopped = scheduler.stop();

            assertThat(stopped).isTrue();
            assertThat(interrupted).isTrue();
            assertThat(flushed).isTrue();
            assertThat(log.messages(Level.WARN)).singleElement().asString()
                    .contains("round still running after the stop grace");
            thread.join(5_000);
        }

        @Test
        void wakesUpAWaitForTheNextTick() throws Exception {
            CountDownLatch roundDone = new CountDownLatch(1);
            Scheduler scheduler = Scheduler.builder(stop -> {
                roundDone.countDown();
                return RoundSummary.empty();
            }).interval(Duration.ofHours(1)).build();
            Thread thread = Thread.ofPlatform().start(scheduler::run);
            assertThat(roundDone.await(5, TimeUnit.SECONDS)).isTrue();

            long begin = System.nanoTime();
            boolean stopped = scheduler.stop();

            assertThat(stopped).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(4));
            assertThat(scheduler.roundsRun()).isEqualTo(1);
            thread.join(5_000);
        }

        @Test
        void aFailingStopActionDoesNotKeepTheOthersFromRunning() {
            List<String> ran = new ArrayList<>();
            Scheduler[] self = new Scheduler[1];
            Scheduler scheduler = build(Scheduler.builder(stop -> {
                self[0].requestStop();
                return RoundSummary.empty();
            }).onStop(() -> {
                throw new IllegalStateException("outbox disk full");
            }).onStop(() -> ran.add("state flushed")), self);

            scheduler.run();

            assertThat(ran).containsExactly("state flushed");
            assertThat(log.messages(Level.WARN)).singleElement().asString().contains("outbox disk full");
        }

        @Test
        void aSchedulerRunsOnlyOnce() {
            Scheduler[] self = new Scheduler[1];
            Scheduler scheduler = build(Scheduler.builder(stop -> {
                self[0].requestStop();
                return RoundSummary.empty();
            }), self);
            scheduler.run();

            assertThatThrownBy(scheduler::run).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already called");
        }
    }

    private RoundTask countingRound(Scheduler[] self, int rounds, Duration each) {
        List<Duration> durations = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            durations.add(each);
        }
        return timedRound(self, durations);
    }

    private RoundTask timedRound(Scheduler[] self, List<Duration> durations) {
        return stop -> {
            int index = starts.size();
            starts.add(clock.instant());
            clock.advance(durations.get(index));
            if (index == durations.size() - 1) {
                self[0].requestStop();
            }
            return new RoundSummary(Map.of(Outcome.OK, 3, Outcome.HTTP_ERROR, 1));
        };
    }
}
