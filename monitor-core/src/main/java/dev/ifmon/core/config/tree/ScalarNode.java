package dev.ifmon.core.config.tree;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A single value as written. Immutable and thread-safe.
 *
 * @param text the text exactly as written (without quotes); {@code ""} for an empty YAML value
 * @param kind what the parser took the value to be
 * @param line the 1-based line, 0 when unknown
 * @param column the 1-based column, 0 when unknown
 */
public record ScalarNode(String text, Kind kind, int line, int column) implements Node {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

    /** What a parser took a scalar to be. */
    public enum Kind {
        /** A JSON string, or a quoted or plain YAML text. */
        STRING,
        /** A value the parser read as a number. */
        NUMBER,
        /** A value the parser read as true or false. */
        BOOLEAN,
        /** A value the parser read as null (JSON {@code null}, YAML {@code null}, {@code ~} or nothing). */
        NULL
    }

    /** Checks the components. */
    public ScalarNode {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String describe() {
        return "'" + text + "'";
    }

    /** @return whether the value is null */
    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /**
     * @return whether the text, exactly as written, is a JSON number literal and was not quoted; such a value
     *     goes into a JSON body as a number
     */
    public boolean isJsonNumber() {
        return kind == Kind.NUMBER && JSON_NUMBER.matcher(text).matches();
    }

    /** @return whether the value is exactly {@code true} or {@code false}, unquoted */
    public boolean isJsonBoolean() {
        return kind == Kind.BOOLEAN && (text.equals("true") || text.equals("false"));
    }

    /**
     * Converts the value for configuration, where a type matters but nothing is sent: {@code true}/{@code false}
     * become {@link Boolean}, whole numbers {@link Long}, decimals {@link java.math.BigDecimal}, null becomes
     * {@code null}; everything else, including {@code 0x1F} or {@code yes}, stays the text as written.
     *
     * @return the converted value
     */
    public Object toPlain() {
        return switch (kind) {
            case NULL -> null;
            case BOOLEAN -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                    ? Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT)) : text;
            case NUMBER -> number();
            case STRING -> text;
        };
    }

    private Object number() {
        if (INTEGER.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        if (JSON_NUMBER.matcher(text).matches()) {
            return new java.math.BigDecimal(text);
        }
        return text;
    }
}
