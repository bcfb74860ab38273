package dev.ifmon.api;

import java.util.Objects;

/**
 * One assertion on a JSON response body, addressed by an RFC 6901 JSON pointer.
 *
 * @param pointer the JSON pointer, e.g. {@code /data/token}; {@code ""} is the whole document
 * @param operator what is asserted
 * @param expected the operand: the value for {@link Operator#EQUALS}, a type name for {@link Operator#TYPE}
 *     ({@code string}, {@code number}, {@code boolean}, {@code object}, {@code array}, {@code null}), a regex
 *     for {@link Operator#REGEX}, a length or {@code min-max} range for {@link Operator#LENGTH}; {@code null}
 *     for {@link Operator#EXISTS}
 */
public record JsonAssertion(String pointer, Operator operator, Object expected) {

    /** What a {@link JsonAssertion} asserts. */
    public enum Operator {
        /** The value equals {@code expected} (numbers compare by value, {@code 1} equals {@code 1.0}). */
        EQUALS,
        /** A value is present at the pointer (it may be JSON {@code null}). */
        EXISTS,
        /** The value has the JSON type named by {@code expected}. */
        TYPE,
        /** The value, as text, matches the regex {@code expected} somewhere. */
        REGEX,
        /** The array, object or string has the length, or lies in the range, given by {@code expected}. */
        LENGTH
    }

    /** Checks the components. */
    public JsonAssertion {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(operator, "operator");
    }
}
