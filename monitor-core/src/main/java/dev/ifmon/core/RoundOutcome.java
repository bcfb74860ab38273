package dev.ifmon.core;

import dev.ifmon.api.RoundReport;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Monitor#runOnce()} hands back: the round's report and how its notifications went.
 *
 * @param report the round's report
 * @param notificationsPending whether some alert of the round could not be delivered (yet)
 * @param deliveryNotes one line per channel about delivery, e.g. {@code wecom: delivered}
 */
public record RoundOutcome(RoundReport report, boolean notificationsPending, List<String> deliveryNotes) {

    /** Checks and copies the components. */
    public RoundOutcome {
        Objects.requireNonNull(report, "report");
        deliveryNotes = List.copyOf(deliveryNotes);
    }
}
