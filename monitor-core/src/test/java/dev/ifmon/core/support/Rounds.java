package dev.ifmon.core.support;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.api.HttpResponseSnapshot;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RoundReport;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Builds check results and round reports for tests. Stateless. */
public final class Rounds {

    private Rounds() {
    }

    /**
     * @param id {@code service/module/name}
     * @param outcome the outcome
     * @param reasonCode the reason code, {@code ""} for OK
     * @param clock the time the check finished
     * @return a result; failures carry a masked request and a Chinese response body
     */
    public static CheckResult result(String id, Outcome outcome, String reasonCode, Clock clock) {
        String[] parts = id.split("/", 3);
        boolean failed = outcome.isFailure();
        HttpRequestSnapshot request = failed ? new HttpRequestSnapshot("GET", "http://127.0.0.1:1/" + parts[2],
                Map.of("Accept", List.of("application/json")), "") : null;
        HttpResponseSnapshot response = outcome == Outcome.HTTP_ERROR ? new HttpResponseSnapshot(500,
                Map.of("Content-Type", List.of("application/json; charset=utf-8")),
                "{\"msg\":\"服务器内部错误\"}",
                false, 31, List.of()) : null;
        return new CheckResult(new EndpointId(parts[0], parts[1], parts[2]), "GET",
                "http://127.0.0.1:1/" + parts[2], outcome, reasonCode, failed ? "失败：" + reasonCode : "",
                outcome == Outcome.HTTP_ERROR ? 500 : null, Duration.ofMillis(120), failed ? 3 : 1,
                clock.instant(), request, response, List.of());
    }

    /** @param id the endpoint @param clock the time @return an OK result */
    public static CheckResult ok(String id, Clock clock) {
        return result(id, Outcome.OK, "", clock);
    }

    /** @param id the endpoint @param clock the time @return an HTTP 500 failure */
    public static CheckResult http500(String id, Clock clock) {
        return result(id, Outcome.HTTP_ERROR, "HTTP_500", clock);
    }

    /** @param id the endpoint @param clock the time @return a DNS failure */
    public static CheckResult dns(String id, Clock clock) {
        return result(id, Outcome.NETWORK_ERROR, "DNS", clock);
    }

    /**
     * @param clock the round's start
     * @param results the results
     * @return a round report in environment {@code dev}
     */
    public static RoundReport report(Clock clock, List<CheckResult> results) {
        return report(clock, results, List.of());
    }

    /**
     * @param clock the round's start
     * @param results the results
     * @param problems the round's problems
     * @return a round report in environment {@code dev}
     */
    public static RoundReport report(Clock clock, List<CheckResult> results, List<Problem> problems) {
        return new RoundReport("dev", clock.instant().atOffset(ZoneOffset.UTC),
                clock.instant().plusSeconds(2).atOffset(ZoneOffset.UTC), results, problems);
    }
}
