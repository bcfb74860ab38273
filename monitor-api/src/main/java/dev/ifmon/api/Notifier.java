package dev.ifmon.api;

import java.util.List;

/**
 * A plug-in point: delivers a round's {@link Digest} through one channel (WeCom, email, ...).
 *
 * <p><b>Configuration:</b> a notifier is switched on by a top-level block in {@code config.yaml} named by
 * {@link #configKey()} (the brief's {@code wechat:} for WeCom), which an environment may override. The core
 * resolves variables in it and hands it to every call as {@link Settings}; it never interprets it.
 *
 * <p><b>Who calls it, when:</b> the core calls {@link #validate} when config is loaded, and {@link #deliver}
 * after a round that has something to say, and again for digests left in the outbox. Calls may come from
 * several threads at once (rounds, outbox retries, {@code notify-test}): implementations must be
 * thread-safe. They must bound their own time (finite connect and read timeouts).
 *
 * <p><b>Errors:</b> report the outcome as a {@link DeliveryResult}; the core retries
 * {@link DeliveryResult.Status#RETRYABLE} ones with back-off and across restarts. An exception thrown is
 * treated as retryable and logged once naming this notifier; other channels are never affected.
 * The digest is already masked; a notifier must still keep its own secrets (webhook keys, passwords) out of
 * every detail it returns and every line it logs.
 *
 * <p>Implementations need a public no-argument constructor for {@link java.util.ServiceLoader}.
 */
public interface Notifier {

    /** @return the channel's name in reports and logs, e.g. {@code wecom}; never {@code null} */
    String type();

    /** @return the top-level config key that configures this channel; by default {@link #type()} */
    default String configKey() {
        return type();
    }

    /**
     * Checks the channel's block, e.g. that a webhook URL is a URL. The default finds nothing wrong.
     *
     * @param settings the block, variables resolved
     * @return problems found, empty when none
     */
    default List<Problem> validate(Settings settings) {
        return List.of();
    }

    /**
     * Whether this block asks for delivery at all; an empty {@code webhook_url}, say, means no push.
     *
     * @param settings the block, variables resolved
     * @return {@code true} when {@link #deliver} should be called; by default when the block has any key
     */
    default boolean isEnabled(Settings settings) {
        return !settings.asMap().isEmpty();
    }

    /**
     * Formats and sends one digest.
     *
     * @param digest what to say, masked; never {@code null}
     * @param settings the channel's block, variables resolved; never {@code null}
     * @return how it went, never {@code null}
     */
    DeliveryResult deliver(Digest digest, Settings settings);

    /**
     * Sends a short test message, for {@code ifmon notify-test}. The default reports that the channel has
     * no test message.
     *
     * @param text the message
     * @param settings the channel's block
     * @return how it went
     */
    default DeliveryResult sendTest(String text, Settings settings) {
        return DeliveryResult.failed(type() + " does not support test messages");
    }
}
