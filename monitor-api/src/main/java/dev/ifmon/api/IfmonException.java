package dev.ifmon.api;

/**
 * The root of ifmon's unchecked exceptions: misuse of the API or configuration that cannot work.
 *
 * <p>A failing endpoint is never an exception: it is a {@link CheckResult} with a failing {@link Outcome}.
 */
public class IfmonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what was wrong, where, and what to do.
     *
     * @param message the full message, never {@code null}
     */
    public IfmonException(String message) {
        super(message);
    }

    /**
     * Creates an exception that wraps its cause.
     *
     * @param message the full message, never {@code null}
     * @param cause the underlying failure, may be {@code null}
     */
    public IfmonException(String message, Throwable cause) {
        super(message, cause);
    }
}
