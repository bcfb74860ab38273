package dev.ifmon.core;

import dev.ifmon.api.RoundReport;
import java.util.List;

/**
 * What one round produced: the report, and whether its notifications reached every channel. Immutable.
 *
 * @param report the round's report
 * @param notificationsPending whether some notification was not confirmed by its channel and waits in the
 *     outbox (or failed for good); {@code --once} exits 1 then
 * @param deliveryNotes one line per channel that did not confirm, secrets masked; empty when all delivered
 * @param deliveries one entry per notifier the monitor loaded (configured or not), in load order, then channels
 *     that only have messages left in the outbox; empty when the outcome was built without them
 */
public record RoundOutcome(RoundReport report, boolean notificationsPending, List<String> deliveryNotes,
        List<ChannelDelivery> deliveries) {

    /** Copies the lists. */
    public RoundOutcome {
        deliveryNotes = List.copyOf(deliveryNotes);
        deliveries = List.copyOf(deliveries);
    }

    /**
     * An outcome without per-channel results, as before they existed.
     *
     * @param report the round's report
     * @param notificationsPending whether some notification was not confirmed
     * @param deliveryNotes one line per channel that did not confirm
     */
    public RoundOutcome(RoundReport report, boolean notificationsPending, List<String> deliveryNotes) {
        this(report, notificationsPending, deliveryNotes, List.of());
    }
}
