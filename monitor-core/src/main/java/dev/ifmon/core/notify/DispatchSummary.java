package dev.ifmon.core.notify;

import dev.ifmon.api.Digest;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How one {@link NotificationDispatcher#dispatch} or {@link NotificationDispatcher#retryOutbox} call went,
 * per channel. Immutable and thread-safe.
 *
 * <p>{@code --once} mode reports {@link #describe()} and exits non-zero unless {@link #allDelivered()}.
 *
 * @param channels one summary per channel: the configured ones in configuration order, then channels that
 *     are no longer configured but still have messages in the outbox
 * @param delivered the digests some channel confirmed during this call, for
 *     {@code AlertEngine.confirmDelivered}
 */
public record DispatchSummary(List<ChannelSummary> channels, List<Digest> delivered) {

    /** Checks and copies the components. */
    public DispatchSummary {
        channels = List.copyOf(channels);
        delivered = List.copyOf(delivered);
    }

    /**
     * One channel's part.
     *
     * @param channel the notifier's type, e.g. {@code wecom}
     * @param configured whether the channel is configured and enabled
     * @param delivered messages confirmed by the channel during this call
     * @param pending messages left in the outbox, to be retried
     * @param failed messages the channel rejected for good (logged as ERROR with its hint)
     * @param expired messages dropped from the outbox because {@code alerts.outbox_expiry} passed
     * @param details what went wrong, or {@code not configured}; masked
     */
    public record ChannelSummary(String channel, boolean configured, int delivered, int pending, int failed,
            int expired, List<String> details) {

        /** Checks and copies the components. */
        public ChannelSummary {
            Objects.requireNonNull(channel, "channel");
            details = List.copyOf(details);
        }

        /** @return whether nothing is pending, failed or expired on this channel */
        public boolean allDelivered() {
            return pending == 0 && failed == 0 && expired == 0;
        }

        /** @return e.g. {@code wecom: 1 delivered, 0 pending, 0 failed} with details after a colon */
        public String describe() {
            if (!configured && pending == 0 && expired == 0) {
                return channel + ": not configured";
            }
            String counts = channel + ": " + delivered + " delivered, " + pending + " pending, " + failed
                    + " failed" + (expired > 0 ? ", " + expired + " expired" : "");
            return details.isEmpty() ? counts : counts + " (" + String.join("; ", details) + ")";
        }
    }

    /** @return whether no channel has a message pending, failed or expired */
    public boolean allDelivered() {
        return channels.stream().allMatch(ChannelSummary::allDelivered);
    }

    /** @return messages pending, failed or expired over all channels */
    public int undelivered() {
        return channels.stream().mapToInt(channel -> channel.pending() + channel.failed() + channel.expired()).sum();
    }

    /** @return one line per channel, for the run summary */
    public String describe() {
        return channels.stream().map(ChannelSummary::describe).collect(Collectors.joining("\n"));
    }
}
