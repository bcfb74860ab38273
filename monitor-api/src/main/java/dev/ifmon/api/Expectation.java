package dev.ifmon.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an endpoint's answer must look like: the doc's {@code expect} block.
 *
 * @param statuses accepted statuses; empty means the monitor's default (any status not in the failing set)
 * @param maxLatency a latency above this fails the check; {@code null} for no limit
 * @param warnLatency a latency above this marks the endpoint degraded; {@code null} for no limit
 * @param json assertions on the JSON body, in the order written
 * @param bodyContains texts the body must contain
 * @param bodyRegex a regex the body must match somewhere; {@code null} for none
 * @param headers response headers that must match, name to regex
 * @param drift whether to compare the body with the doc's example response
 * @param checks plug-in checks to run, in the order written
 */
public record Expectation(
        List<StatusRange> statuses,
        Duration maxLatency,
        Duration warnLatency,
        List<JsonAssertion> json,
        List<String> bodyContains,
        String bodyRegex,
        Map<String, String> headers,
        boolean drift,
        List<CheckSpec> checks) {

    private static final Expectation NONE =
            new Expectation(List.of(), null, null, List.of(), List.of(), null, Map.of(), false, List.of());

    /** Copies the collections. */
    public Expectation {
        statuses = List.copyOf(statuses);
        json = List.copyOf(json);
        bodyContains = List.copyOf(bodyContains);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        checks = List.copyOf(checks);
    }

    /** @return the expectation of a doc without {@code expect}: default statuses, nothing else */
    public static Expectation none() {
        return NONE;
    }

    /**
     * @param status an HTTP status
     * @return whether {@link #statuses()} names it; {@code false} when no statuses are set
     */
    public boolean accepts(int status) {
        return statuses.stream().anyMatch(range -> range.contains(status));
    }
}
