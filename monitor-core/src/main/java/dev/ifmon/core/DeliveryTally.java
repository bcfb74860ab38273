package dev.ifmon.core;

import dev.ifmon.api.Notifier;
import dev.ifmon.core.notify.DispatchSummary;
import dev.ifmon.core.notify.NotificationDispatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds up a round's dispatch summaries (the outbox retry, then the digest) into one {@link ChannelDelivery} per
 * channel. Not thread-safe; one per round.
 */
final class DeliveryTally {

    private static final String NOT_CONFIGURED = "not configured";

    private final Map<String, Counts> byName = new LinkedHashMap<>();

    /** @param summary one dispatch call's result; the last one's pending count is the one that stands */
    void add(DispatchSummary summary) {
        for (DispatchSummary.ChannelSummary channel : summary.channels()) {
            byName.computeIfAbsent(channel.channel(), name -> new Counts()).add(channel);
        }
    }

    /**
     * @param notifiers the notifiers loaded, in load order; each gets an entry, {@code OFF} when never dispatched
     * @return one entry per notifier, then one per channel that only the outbox knows
     */
    List<ChannelDelivery> deliveries(Collection<Notifier> notifiers) {
        Map<String, Counts> left = new LinkedHashMap<>(byName);
        List<ChannelDelivery> deliveries = new ArrayList<>();
        for (Notifier notifier : notifiers) {
            Counts counts = left.remove(NotificationDispatcher.channelName(notifier));
            deliveries.add(counts == null ? new ChannelDelivery(notifier.configKey(), ChannelDelivery.State.OFF,
                    0, 0, 0, NOT_CONFIGURED) : counts.toDelivery(notifier.configKey()));
        }
        left.forEach((name, counts) -> deliveries.add(counts.toDelivery(name)));
        return deliveries;
    }

    /** One channel's running totals. */
    private static final class Counts {

        private boolean configured;
        private int delivered;
        private int pending;
        private int failed;
        private final Set<String> details = new LinkedHashSet<>();

        private void add(DispatchSummary.ChannelSummary summary) {
            configured = summary.configured();
            delivered += summary.delivered();
            pending = summary.pending();
            failed += summary.failed() + summary.expired();
            details.addAll(summary.details());
        }

        private ChannelDelivery toDelivery(String channel) {
            String detail = String.join("; ", details);
            if (pending > 0 || failed > 0) {
                return new ChannelDelivery(channel, ChannelDelivery.State.FAILED, delivered, pending, failed, detail);
            }
            if (!configured) {
                return new ChannelDelivery(channel, ChannelDelivery.State.OFF, delivered, 0, 0, NOT_CONFIGURED);
            }
            ChannelDelivery.State state = delivered > 0 ? ChannelDelivery.State.SENT : ChannelDelivery.State.IDLE;
            return new ChannelDelivery(channel, state, delivered, 0, 0, "");
        }
    }
}
