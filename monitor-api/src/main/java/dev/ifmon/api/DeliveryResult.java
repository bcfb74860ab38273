package dev.ifmon.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Notifier} delivery ended.
 *
 * @param status delivered, worth retrying, or failed for good
 * @param detail what the channel answered, secrets masked; {@code ""} when delivered
 * @param retryAfter how long to wait before retrying, or {@code null} for the core's back-off
 */
public record DeliveryResult(Status status, String detail, Duration retryAfter) {

    /** How a delivery ended. */
    public enum Status {
        /** The channel confirmed it, e.g. WeCom answered {@code errcode 0}. */
        DELIVERED,
        /** Not confirmed but may succeed later: the core keeps it in the outbox and retries. */
        RETRYABLE,
        /** Rejected for a reason retrying cannot mend, e.g. an invalid key; logged with its hint. */
        FAILED
    }

    /** Checks the components. */
    public DeliveryResult {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    /** @return a delivered result */
    public static DeliveryResult delivered() {
        return new DeliveryResult(Status.DELIVERED, "", null);
    }

    /** @param detail what went wrong @return a result worth retrying */
    public static DeliveryResult retryable(String detail) {
        return new DeliveryResult(Status.RETRYABLE, detail, null);
    }

    /** @param detail what went wrong and what to do @return a failed result */
    public static DeliveryResult failed(String detail) {
        return new DeliveryResult(Status.FAILED, detail, null);
    }
}
