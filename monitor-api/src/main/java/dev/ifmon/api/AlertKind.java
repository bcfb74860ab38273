package dev.ifmon.api;

/** Why an endpoint appears in a {@link Digest}. The names are part of the reports and must not change. */
public enum AlertKind {
    /** It started failing in this round. */
    NEW,
    /** It is still failing and the reminder interval has passed. */
    REMINDER,
    /** It is still failing and was already notified; listed for context, not a reason to send. */
    ONGOING,
    /** It has answered correctly for the configured number of rounds after failing. */
    RECOVERED
}
