package dev.ifmon.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One endpoint's (or one service's) place in a {@link Digest}.
 *
 * @param kind why it is listed
 * @param result the latest result, masked
 * @param failingSince when the current failure began (for {@link AlertKind#RECOVERED}: when the
 *     failure that ended began)
 * @param failedRounds how many rounds in a row it has failed
 */
public record Alert(AlertKind kind, CheckResult result, Instant failingSince, int failedRounds) {

    /** Checks the components. */
    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(failingSince, "failingSince");
    }
}
