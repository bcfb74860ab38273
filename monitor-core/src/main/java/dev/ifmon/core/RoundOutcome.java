package dev.ifmon.core;

import dev.ifmon.api.RoundReport;
import java.util.List;

/**
 * What one round produced: the report, and whether its notifications reached every channel.
 *
 * @param report the round's report
 * @param notificationsPending whether some notification was not confirmed by its channel and waits in the
 *     outbox (or failed for good); {@code --once} exits 1 then
 * @param deliveryNotes one line per channel that did not confirm, secrets masked; empty when all delivered
 */
public record RoundOutcome(RoundReport report, boolean notificationsPending, List<String> deliveryNotes) {

    /** Copies the list. */
    public RoundOutcome {
        deliveryNotes = List.copyOf(deliveryNotes);
    }
}
