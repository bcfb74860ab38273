package dev.ifmon.api;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one monitoring round found: a result per endpoint and the problems met on the way.
 *
 * @param environment the selected environment, or {@code ""} when config declares none
 * @param startedAt when the round started, with the offset of the configured zone
 * @param finishedAt when the last check finished
 * @param results one result per checked endpoint, grouped by service and module
 * @param problems configuration and catalog problems; the endpoints they name were skipped
 */
public record RoundReport(
        String environment,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        List<CheckResult> results,
        List<Problem> problems) {

    /** Checks and copies the components. */
    public RoundReport {
        environment = environment == null ? "" : environment;
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    /** @return how many results have each outcome, every outcome present (zero when none) */
    public Map<Outcome, Integer> summary() {
        EnumMap<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0);
        }
        results.forEach(result -> counts.merge(result.outcome(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /** @return the failing results, in report order */
    public List<CheckResult> failures() {
        return results.stream().filter(CheckResult::isFailure).toList();
    }

    /** @return whether any endpoint failed */
    public boolean hasFailures() {
        return results.stream().anyMatch(CheckResult::isFailure);
    }
}
