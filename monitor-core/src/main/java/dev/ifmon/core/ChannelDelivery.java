package dev.ifmon.core;

import java.util.Objects;

/**
 * How one notification channel fared in a round: the console's {@code Notifications:} line is made of these.
 * Immutable and thread-safe.
 *
 * @param channel the channel's config key as written in {@code config.yaml} (e.g. {@code wechat}, {@code email});
 *     a channel that is no longer loaded but still has messages in the outbox is named by its notifier type
 * @param state what happened to the channel this round
 * @param delivered digests the channel confirmed this round, outbox retries included (a WeCom digest may have
 *     gone out as several robot messages; it counts once)
 * @param pending digests left in the outbox for a later round
 * @param failed digests the channel rejected for good, or that expired in the outbox, this round
 * @param detail why delivery failed or why the channel is off, secrets masked; {@code ""} when sent or idle
 */
public record ChannelDelivery(String channel, State state, int delivered, int pending, int failed, String detail) {

    /** What happened to a channel in a round. */
    public enum State {
        /** Every message for the channel was confirmed, at least one. */
        SENT,
        /** Some message is pending or was rejected or expired; {@code detail} says why. */
        FAILED,
        /** Configured and enabled, but there was nothing to send (no alert state changed). */
        IDLE,
        /** The channel's notifier is loaded but its block is absent or disabled (e.g. an empty webhook). */
        OFF
    }

    /** Checks the components. */
    public ChannelDelivery {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
    }
}
