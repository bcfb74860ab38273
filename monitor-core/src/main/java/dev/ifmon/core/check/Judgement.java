package dev.ifmon.core.check;

import dev.ifmon.api.Outcome;
import java.util.List;

/**
 * What the built-in and plug-in checks concluded about one response. Immutable.
 *
 * @param outcome {@link Outcome#OK}, {@link Outcome#DEGRADED}, {@link Outcome#ASSERTION_FAILED} or
 *     {@link Outcome#CONFIG_ERROR}
 * @param reasonCode the stable code, {@code ""} for OK
 * @param reason the explanation, {@code ""} for OK
 * @param warnings notes that do not fail the check
 */
record Judgement(Outcome outcome, String reasonCode, String reason, List<String> warnings) {

    Judgement {
        warnings = List.copyOf(warnings);
    }
}
