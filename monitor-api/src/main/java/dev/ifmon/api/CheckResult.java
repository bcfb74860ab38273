package dev.ifmon.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of checking one endpoint in one round. Handed to notifiers, written to the JSON report.
 *
 * @param id the endpoint, or {@code service/*}/{@code (auth)} for a whole service's authentication failure
 * @param method the HTTP method
 * @param url the URL requested, secrets masked
 * @param outcome how it ended
 * @param reasonCode a stable machine-readable reason, e.g. {@code DNS}, {@code REFUSED}, {@code HTTP_500},
 *     {@code TOKEN_REJECTED}; {@code ""} for OK
 * @param reason why, in words an operator understands; {@code ""} for OK
 * @param status the HTTP status, or {@code null} when no response arrived
 * @param latency the time of the last attempt
 * @param attempts how many attempts were made, at least 1 for a checked endpoint
 * @param checkedAt when the check finished
 * @param request the request sent, masked; present only for failures, else {@code null}
 * @param response the response received, masked; present only for failures with a response, else {@code null}
 * @param warnings notes that do not fail the check: degraded latency, certificate expiry, drift
 */
public record CheckResult(
        EndpointId id,
        String method,
        String url,
        Outcome outcome,
        String reasonCode,
        String reason,
        Integer status,
        Duration latency,
        int attempts,
        Instant checkedAt,
        HttpRequestSnapshot request,
        HttpResponseSnapshot response,
        List<String> warnings) {

    /** Checks the components. */
    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(checkedAt, "checkedAt");
        reasonCode = reasonCode == null ? "" : reasonCode;
        reason = reason == null ? "" : reason;
        warnings = List.copyOf(warnings);
    }

    /** @return whether the endpoint failed; see {@link Outcome#isFailure()} */
    public boolean isFailure() {
        return outcome.isFailure();
    }

    /** @return whether the endpoint is fine now but needed more than one attempt */
    public boolean recoveredAfterRetry() {
        return !outcome.isFailure() && attempts > 1;
    }
}
