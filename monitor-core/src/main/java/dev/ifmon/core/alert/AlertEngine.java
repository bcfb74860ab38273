package dev.ifmon.core.alert;

import dev.ifmon.api.Alert;
import dev.ifmon.api.AlertKind;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RoundReport;
import dev.ifmon.api.Settings;
import dev.ifmon.core.store.Failures;
import dev.ifmon.core.store.OutboxStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert state across rounds: decides, per endpoint (and per service for authentication failures), when a
 * failure is announced, reminded and recovered, and turns a round into at most one {@link Digest}.
 *
 * <p><b>Rules.</b> A failure is announced ({@link AlertKind#NEW}) in the round it is confirmed; while it
 * lasts it is listed as {@link AlertKind#ONGOING} and reminded ({@link AlertKind#REMINDER}) once per
 * {@code alerts.reminder_interval} after the last confirmed announcement. It is recovered
 * ({@link AlertKind#RECOVERED}) after {@code alerts.recovery_rounds} good rounds in a row, unless the
 * endpoint is flapping: when {@code alerts.flap_threshold} failures began within the last
 * {@code alerts.flap_window} checked rounds, the recovery waits until the window calms down, and failures in
 * between stay part of the one open failure. Results {@link Outcome#NOT_CHECKED} and
 * {@link Outcome#CONFIG_ERROR} change nothing. When nearly every endpoint fails with one network reason
 * (a probe-side outage) no endpoint changes; the digest carries {@link Digest#probeOutage()} instead.
 *
 * <p><b>Hand-over.</b> An announcement is marked notified only when a channel confirms it: {@link #onRound}
 * records it as handed over under the digest's key, and it becomes notified when {@link #confirmDelivered}
 * is called or when the outbox's delivery journal shows the key (checked at the start of every round). A
 * handed-over announcement that is neither confirmed nor waiting in the outbox (it failed for good, expired,
 * or the process died before it was queued) is announced again. State is saved atomically to
 * {@code <data>/alert-state.json} after every change, so a restart repeats nothing that was confirmed and
 * forgets no pending recovery.
 *
 * <p>Thread-safety: all public methods are synchronized; one engine per data folder.
 */
public final class AlertEngine {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);
    private static final Duration FORGET_UNSEEN = Duration.ofDays(7);
    private static final Comparator<Alert> BY_SERVICE_AND_MODULE = Comparator
            .comparing((Alert alert) -> alert.result().id().service())
            .thenComparing(alert -> alert.result().id().module());

    private final AlertSettings settings;
    private final Clock clock;
    private final StateFile stateFile;
    private final OutboxStore outbox;
    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private StateFile.StoredProbe probe;
    private List<String> lastProblems;

    /**
     * Loads the state from {@code <dataDirectory>/alert-state.json}, or starts fresh (with a WARN when the
     * file is unreadable).
     *
     * @param dataDirectory the data folder, created when needed
     * @param alertsBlock the {@code alerts:} block; bad values fall back to defaults (see {@link #validate})
     * @param clock the time source
     */
    public AlertEngine(Path dataDirectory, Settings alertsBlock, Clock clock) {
        this.settings = AlertSettings.from(alertsBlock);
        this.clock = clock;
        this.stateFile = new StateFile(dataDirectory);
        this.outbox = new OutboxStore(dataDirectory);
        StateFile.Stored stored = stateFile.load();
        stored.endpoints().forEach((key, track) -> tracks.put(key, StateFile.toTrack(track)));
        this.probe = stored.probe() == null ? new StateFile.StoredProbe(null, null, null) : stored.probe();
        this.lastProblems = stored.problems() == null ? List.of() : List.copyOf(stored.problems());
    }

    /**
     * @param alertsBlock the {@code alerts:} block
     * @return unknown keys and bad values, each naming the key, the value and the default used instead
     */
    public static List<Problem> validate(Settings alertsBlock) {
        return AlertSettings.validate(alertsBlock);
    }

    /** @return the settings in use */
    public AlertSettings settings() {
        return settings;
    }

    /**
     * Updates the state with one round and says whether it has something to tell people.
     *
     * @param report the round's results
     * @param zone the zone the digest shows times in
     * @param notices extra sentences for people, e.g. that the last good config is in use; each one makes a
     *     digest
     * @return a digest when the round brings a new failure, a reminder, a recovery, a probe-side outage, a
     *     notice or a problem not seen in the last round; else empty
     */
    public synchronized Optional<Digest> onRound(RoundReport report, ZoneId zone, List<String> notices) {
        Instant now = clock.instant();
        reconcile();

        Round round = new Round(OutboxStore.keyOf(report.startedAt().toInstant()), now, new ArrayList<>(notices));
        Optional<ProbeOutage.Found> outage = ProbeOutage.detect(report.results(), settings);
        if (outage.isPresent()) {
            observeOutage(outage.get(), round);
        } else {
            endOutage(round, zone);
            report.results().forEach(result -> observe(result, round));
        }

        boolean newProblems = rememberProblems(report.problems());
        forgetIdle(now);
        save(now);
        if (!round.worthSending && round.notices.isEmpty() && !newProblems) {
            return Optional.empty();
        }
        return Optional.of(digest(report, zone, round, outage));
    }

    /**
     * Marks everything a digest announced as notified, because a channel confirmed it. Calling it for a
     * digest already confirmed, or unknown, changes nothing.
     *
     * @param digest a digest returned by {@link #onRound}
     */
    public synchronized void confirmDelivered(Digest digest) {
        String key = OutboxStore.keyOf(digest);
        Instant now = clock.instant();
        boolean changed = confirm(key, now);
        if (changed) {
            save(now);
        }
    }

    /**
     * @param id an endpoint id
     * @return whether an unrecovered failure is open for it; for tests and status pages
     */
    public synchronized boolean isFailing(EndpointId id) {
        Track track = tracks.get(id.toString());
        return track != null && track.failing();
    }

    private boolean confirm(String key, Instant at) {
        boolean changed = false;
        for (Track track : tracks.values()) {
            if (key.equals(track.handed)) {
                track.announcedAt = at;
                track.handed = null;
                changed = true;
            }
            if (key.equals(track.recoveryHanded)) {
                track.clearRecovery();
                changed = true;
            }
        }
        if (key.equals(probe.handed())) {
            probe = new StateFile.StoredProbe(probe.since(), at, null);
            changed = true;
        }
        return changed;
    }

    private void reconcile() {
        Map<String, Instant> delivered = outbox.delivered();
        delivered.forEach(this::confirm);

        Set<String> waiting = outbox.pendingKeys();
        tracks.forEach((id, track) -> {
            if (track.handed != null && !waiting.contains(track.handed)) {
                LOG.warn("endpoint={} key={} the {} announcement was not confirmed by any channel; announcing again",
                        id, track.handed, track.handedKind);
                track.handed = null;
            }
            if (track.recoveryPending() && !track.recoveryHanded.isEmpty()
                    && !waiting.contains(track.recoveryHanded)) {
                LOG.warn("endpoint={} key={} the recovery was not confirmed by any channel; announcing again",
                        id, track.recoveryHanded);
                track.recoveryHanded = "";
            }
        });
        if (probe.handed() != null && !waiting.contains(probe.handed())) {
            probe = new StateFile.StoredProbe(probe.since(), probe.announcedAt(), null);
        }
    }

    private void observe(CheckResult result, Round round) {
        if (!ProbeOutage.checked(result)) {
            return;
        }
        String id = result.id().toString();
        Track track = tracks.computeIfAbsent(id, key -> new Track());
        track.lastSeen = round.now;
        track.record(result.isFailure(), settings.flapWindow());

        if (result.isFailure()) {
            onFailure(id, track, result, round);
        } else {
            onSuccess(id, track, result, round);
        }
    }

    private void onFailure(String id, Track track, CheckResult result, Round round) {
        track.okStreak = 0;
        if ("".equals(track.recoveryHanded)) {
            track.clearRecovery();
        }
        if (!track.failing()) {
            track.open(result.checkedAt());
        }
        track.failedRounds++;

        AlertKind kind = announcement(track, round.now);
        if (kind != AlertKind.ONGOING) {
            track.handed = round.key;
            track.handedKind = kind;
            round.worthSending = true;
            LOG.info("endpoint={} alert={} outcome={} reason={} failingSince={} failedRounds={}", id, kind,
                    result.outcome(), result.reasonCode(), track.failingSince, track.failedRounds);
        }
        round.alerts.add(new Alert(kind, result, track.failingSince, track.failedRounds));
    }

    private AlertKind announcement(Track track, Instant now) {
        if (track.handed != null) {
            return AlertKind.ONGOING;
        }
        if (track.announcedAt == null) {
            return AlertKind.NEW;
        }
        Optional<Duration> reminder = settings.reminderInterval();
        if (reminder.isPresent() && !now.isBefore(track.announcedAt.plus(reminder.get()))) {
            return AlertKind.REMINDER;
        }
        return AlertKind.ONGOING;
    }

    private void onSuccess(String id, Track track, CheckResult result, Round round) {
        if (!track.failing()) {
            if ("".equals(track.recoveryHanded)) {
                announceRecovery(id, track, result, round);
            }
            return;
        }

        track.okStreak++;
        if (track.okStreak < settings.recoveryRounds() || flapping(track)) {
            return;
        }

        boolean told = track.announcedAt != null || track.handed != null;
        track.recoverySince = track.failingSince;
        track.recoveryRounds = track.failedRounds;
        track.close();
        if (told) {
            announceRecovery(id, track, result, round);
        } else {
            track.clearRecovery();
            LOG.info("endpoint={} recovered before its failure was announced; nothing to send", id);
        }
    }

    private void announceRecovery(String id, Track track, CheckResult result, Round round) {
        track.recoveryHanded = round.key;
        round.worthSending = true;
        round.alerts.add(new Alert(AlertKind.RECOVERED, result, track.recoverySince, track.recoveryRounds));
        LOG.info("endpoint={} alert=RECOVERED failingSince={} failedRounds={}", id, track.recoverySince,
                track.recoveryRounds);
    }

    private boolean flapping(Track track) {
        return settings.flapThreshold() > 0 && track.failureStarts() >= settings.flapThreshold();
    }

    private void observeOutage(ProbeOutage.Found outage, Round round) {
        Instant since = probe.since() == null ? round.now : probe.since();
        boolean due = probe.handed() == null && (probe.announcedAt() == null || settings.reminderInterval()
                .map(interval -> !round.now.isBefore(probe.announcedAt().plus(interval))).orElse(false));
        probe = new StateFile.StoredProbe(since, probe.announcedAt(), due ? round.key : probe.handed());
        if (due) {
            round.worthSending = true;
            LOG.warn("reason={} failed={} checked={} probe-side outage: the monitor cannot reach its targets;"
                    + " endpoint alerts are held back", outage.reasonCode(), outage.failed(), outage.checked());
        }
    }

    private void endOutage(Round round, ZoneId zone) {
        if (probe.since() == null) {
            return;
        }
        if (probe.announcedAt() != null || probe.handed() != null) {
            round.notices.add("监控主机已恢复访问目标：自 " + probe.since().atZone(zone).toOffsetDateTime()
                    + " 起的探测侧故障已结束。");
            LOG.info("probe-side outage since {} ended; endpoint alerts resume", probe.since());
        }
        probe = new StateFile.StoredProbe(null, null, null);
    }

    private boolean rememberProblems(List<Problem> problems) {
        List<String> fingerprints = problems.stream()
                .map(problem -> Integer.toHexString(problem.format().hashCode())).distinct().toList();
        boolean anyNew = fingerprints.stream().anyMatch(fingerprint -> !lastProblems.contains(fingerprint));
        lastProblems = fingerprints;
        return anyNew;
    }

    private void forgetIdle(Instant now) {
        tracks.values().removeIf(track -> track.idle()
                || track.lastSeen != null && track.lastSeen.isBefore(now.minus(FORGET_UNSEEN)));
    }

    private void save(Instant now) {
        try {
            stateFile.save(tracks, probe, lastProblems, now);
        } catch (IOException | RuntimeException e) {
            LOG.warn("file={} cannot save alert state: {}; after a restart some alerts may be announced again",
                    stateFile.path(), Failures.describe(e));
        }
    }

    private Digest digest(RoundReport report, ZoneId zone, Round round, Optional<ProbeOutage.Found> outage) {
        List<Alert> alerts = new ArrayList<>(round.alerts);
        alerts.sort(BY_SERVICE_AND_MODULE);
        return new Digest(report.environment(), report.startedAt().atZoneSameInstant(zone).toOffsetDateTime(),
                zone, endpointCount(report), summary(report, outage), alerts, report.problems(),
                outage.map(ProbeOutage.Found::describe).orElse(""), round.notices);
    }

    /** Real endpoints only: a service's {@code service/*}/{@code (auth)} result stands for no endpoint of its own. */
    private static int endpointCount(RoundReport report) {
        return (int) report.results().stream()
                .filter(result -> !EndpointId.SERVICE_MODULE.equals(result.id().module()))
                .count();
    }

    private static Map<Outcome, Integer> summary(RoundReport report, Optional<ProbeOutage.Found> outage) {
        if (outage.isEmpty()) {
            return report.summary();
        }
        Map<Outcome, Integer> counts = new EnumMap<>(report.summary());
        for (CheckResult result : report.results()) {
            if (result.isFailure() && ProbeOutage.reasonOf(result).equals(outage.get().reasonCode())) {
                counts.merge(result.outcome(), -1, Integer::sum);
                counts.merge(Outcome.NOT_CHECKED, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** What one round collects on its way to a digest. */
    private static final class Round {

        private final String key;
        private final Instant now;
        private final List<String> notices;
        private final List<Alert> alerts = new ArrayList<>();
        private boolean worthSending;

        private Round(String key, Instant now, List<String> notices) {
            this.key = key;
            this.now = now;
            this.notices = notices;
        }
    }
}
