package dev.ifmon.api;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one round has to tell people, finished and masked by the core: a notifier formats and delivers it.
 *
 * <p>The core builds a digest only when a round has something to say: a new failure, a reminder, a
 * recovery, a probe-side outage, or a notice. Alerts come grouped by service and module.
 *
 * @param environment the selected environment, or {@code ""}
 * @param roundStartedAt when the round started, in {@link #zone()}
 * @param zone the zone to show times in
 * @param total how many endpoints the round covered
 * @param summary how many results had each outcome
 * @param alerts the endpoints to mention: new, reminded, ongoing and recovered
 * @param problems catalog and configuration problems of the round
 * @param probeOutage a reason when the monitor itself could not reach its targets (then {@link #alerts()}
 *     holds no per-endpoint failures or recoveries), else {@code ""}
 * @param notices other things people should know, e.g. that config became invalid and the last good one is
 *     in use
 */
public record Digest(
        String environment,
        OffsetDateTime roundStartedAt,
        ZoneId zone,
        int total,
        Map<Outcome, Integer> summary,
        List<Alert> alerts,
        List<Problem> problems,
        String probeOutage,
        List<String> notices) {

    /** Checks and copies the components. */
    public Digest {
        environment = environment == null ? "" : environment;
        Objects.requireNonNull(roundStartedAt, "roundStartedAt");
        Objects.requireNonNull(zone, "zone");
        summary = Map.copyOf(summary);
        alerts = List.copyOf(alerts);
        problems = List.copyOf(problems);
        probeOutage = probeOutage == null ? "" : probeOutage;
        notices = List.copyOf(notices);
    }

    /**
     * @param kind an alert kind
     * @return the alerts of that kind, in order
     */
    public List<Alert> alerts(AlertKind kind) {
        return alerts.stream().filter(alert -> alert.kind() == kind).toList();
    }
}
