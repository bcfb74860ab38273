package dev.ifmon.api;

import java.util.Objects;

/**
 * One mistake found in configuration or in an endpoint doc, with where it is and what to do about it.
 *
 * <p>Problems are collected and reported together; one problem never stops the rest of the work. The
 * message quotes the offending value (masked if it is a secret) and the hint says what to do.
 *
 * @param severity how serious it is
 * @param source the file, plug-in or setting it was found in, never {@code null}
 * @param line the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown
 * @param message what is wrong, never {@code null}
 * @param hint what to do, or the fallback that was taken; may be empty, never {@code null}
 */
public record Problem(Severity severity, String source, int line, int column, String message, String hint) {

    /** Checks the components. */
    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
        line = Math.max(0, line);
        column = Math.max(0, column);
    }

    /**
     * Creates an error with no known position.
     *
     * @param source where it was found
     * @param message what is wrong
     * @param hint what to do
     * @return the problem
     */
    public static Problem error(String source, String message, String hint) {
        return new Problem(Severity.ERROR, source, 0, 0, message, hint);
    }

    /**
     * Creates a warning with no known position.
     *
     * @param source where it was found
     * @param message what is wrong
     * @param hint what to do
     * @return the problem
     */
    public static Problem warning(String source, String message, String hint) {
        return new Problem(Severity.WARNING, source, 0, 0, message, hint);
    }

    /**
     * Returns a copy of this problem placed at a line and column.
     *
     * @param atLine the 1-based line, 0 when unknown
     * @param atColumn the 1-based column, 0 when unknown
     * @return the copy
     */
    public Problem at(int atLine, int atColumn) {
        return new Problem(severity, source, atLine, atColumn, message, hint);
    }

    /** @return {@code true} if this is an {@link Severity#ERROR} */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * Formats the problem as one line: {@code ERROR file:line:col: message (hint)}.
     *
     * @return the line, without a trailing newline
     */
    public String format() {
        StringBuilder text = new StringBuilder(severity.name()).append(' ').append(source);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        text.append(": ").append(message);
        if (!hint.isEmpty()) {
            text.append(" (").append(hint).append(')');
        }
        return text.toString();
    }
}
