package dev.ifmon.runner.daemon;

import dev.ifmon.api.Outcome;
import dev.ifmon.api.RoundReport;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How many endpoints a round found in each outcome: what the scheduler logs once per round. Immutable.
 *
 * @param counts a count per outcome; missing outcomes count zero
 */
public record RoundSummary(Map<Outcome, Integer> counts) {

    /** Copies the counts, filling in zero for every outcome not given. */
    public RoundSummary {
        EnumMap<Outcome, Integer> copy = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            copy.put(outcome, counts == null ? 0 : counts.getOrDefault(outcome, 0));
        }
        counts = Collections.unmodifiableMap(copy);
    }

    /**
     * @param report a finished round's report
     * @return its counts by outcome
     */
    public static RoundSummary of(RoundReport report) {
        return new RoundSummary(report.summary());
    }

    /** @return a summary of a round that checked nothing */
    public static RoundSummary empty() {
        return new RoundSummary(Map.of());
    }

    /** @return how many endpoints were checked */
    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** @return how many endpoints ended in a failing outcome */
    public int failures() {
        return counts.entrySet().stream()
                .filter(entry -> entry.getKey().isFailure())
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** @return the non-zero counts as {@code OK=5 HTTP_ERROR=2}, or {@code none} */
    public String describe() {
        StringJoiner joiner = new StringJoiner(" ");
        counts.forEach((outcome, count) -> {
            if (count > 0) {
                joiner.add(outcome.name() + "=" + count);
            }
        });
        return joiner.length() == 0 ? "none" : joiner.toString();
    }
}
