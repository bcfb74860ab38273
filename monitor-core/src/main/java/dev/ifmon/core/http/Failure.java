package dev.ifmon.core.http;

import dev.ifmon.api.Outcome;
import java.util.Objects;

/**
 * Why an exchange got no usable answer, as the report shows it. Immutable.
 *
 * @param outcome the outcome, e.g. {@link Outcome#NETWORK_ERROR}
 * @param reasonCode the stable code, e.g. {@code REFUSED}
 * @param reason the operator's explanation
 * @param transientFault whether trying again may help (refused, reset, connect timeout)
 */
public record Failure(Outcome outcome, String reasonCode, String reason, boolean transientFault) {

    /** Checks the components. */
    public Failure {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(reason, "reason");
    }
}
