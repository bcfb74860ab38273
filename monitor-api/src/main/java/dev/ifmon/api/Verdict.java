package dev.ifmon.api;

import java.util.Objects;

/**
 * A {@link Check}'s judgement of one exchange.
 *
 * @param level pass, warn (the endpoint is degraded but up) or fail
 * @param reason why, in words an operator understands; {@code ""} for a pass
 */
public record Verdict(Level level, String reason) {

    private static final Verdict PASS = new Verdict(Level.PASS, "");

    /** How a check judged. */
    public enum Level {
        /** The answer is as expected. */
        PASS,
        /** The answer is acceptable but something is off, e.g. slower than the warn limit. */
        WARN,
        /** The answer is wrong: the endpoint's outcome becomes {@link Outcome#ASSERTION_FAILED}. */
        FAIL
    }

    /** Checks the components. */
    public Verdict {
        Objects.requireNonNull(level, "level");
        reason = reason == null ? "" : reason;
    }

    /** @return a passing verdict */
    public static Verdict pass() {
        return PASS;
    }

    /** @param reason why it is degraded @return a warning verdict */
    public static Verdict warn(String reason) {
        return new Verdict(Level.WARN, reason);
    }

    /** @param reason why it failed @return a failing verdict */
    public static Verdict fail(String reason) {
        return new Verdict(Level.FAIL, reason);
    }
}
