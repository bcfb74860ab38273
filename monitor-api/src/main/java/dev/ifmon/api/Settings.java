package dev.ifmon.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plug-in's own block of configuration, as written by the user, with variables already resolved.
 *
 * <p>Values are those YAML and JSON produce: {@link String}, {@link Number}, {@link Boolean}, {@link List},
 * {@link Map} with string keys, or {@code null}. Typed getters convert where the meaning is plain (a
 * number written as a string, say) and throw {@link IfmonException} naming the key and the origin when
 * a value cannot be read. Instances are immutable and thread-safe.
 */
public final class Settings {

    private static final Settings EMPTY = new Settings("(none)", Map.of());

    private final String origin;
    private final Map<String, Object> values;

    private Settings(String origin, Map<String, Object> values) {
        this.origin = origin;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Wraps a block of configuration.
     *
     * @param origin where the block was written, e.g. {@code config.yaml: wechat}; used in messages
     * @param values the keys and values; copied, not {@code null}
     * @return the settings
     */
    public static Settings of(String origin, Map<String, ?> values) {
        Objects.requireNonNull(origin, "origin");
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach(copy::put);
        return new Settings(origin, copy);
    }

    /** @return settings with no keys */
    public static Settings empty() {
        return EMPTY;
    }

    /** @return where these settings were written, for messages */
    public String origin() {
        return origin;
    }

    /** @return every key and value, in the order written; unmodifiable */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * @param key the key
     * @return whether the key is present with a non-null value
     */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    /**
     * @param key the key
     * @return the value as text, or empty when absent
     */
    public Optional<String> string(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            throw invalid(key, "text", value);
        }
        return Optional.of(value.toString());
    }

    /**
     * @param key the key
     * @param fallback returned when the key is absent
     * @return the value as text
     */
    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /**
     * @param key the key
     * @param fallback returned when the key is absent
     * @return the value as an integer
     */
    public int integer(String key, int fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "a whole number", value);
        }
    }

    /**
     * @param key the key
     * @param fallback returned when the key is absent
     * @return the value as a boolean; {@code true}/{@code false} only
     */
    public boolean bool(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw invalid(key, "true or false", value);
    }

    /**
     * Reads a duration written as a number of seconds ({@code 10}, {@code 0.5}) or with a unit
     * ({@code 500ms}, {@code 10s}, {@code 15m}, {@code 1h}, {@code 2d}).
     *
     * @param key the key
     * @param fallback returned when the key is absent
     * @return the duration
     */
    public Duration duration(String key, Duration fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Durations.parse(value, "s");
        } catch (IllegalArgumentException e) {
            throw invalid(key, "a duration such as 10, 500ms, 15m or 1h", value);
        }
    }

    /**
     * @param key the key
     * @return the value as a list of texts; empty when absent; a single value becomes a list of one
     */
    public List<String> strings(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().filter(Objects::nonNull).map(Object::toString).toList();
        }
        return List.of(value.toString());
    }

    /**
     * @param key the key
     * @return the nested block under the key, or empty settings when absent
     */
    public Settings nested(String key) {
        Object value = values.get(key);
        if (value == null) {
            return new Settings(origin + ": " + key, Map.of());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return new Settings(origin + ": " + key, copy);
        }
        throw invalid(key, "a block of keys", value);
    }

    /**
     * For a {@link Problem} whose source already names {@link #origin()}: the message of an exception a getter
     * of these settings threw, without its leading origin, so the origin is not written twice.
     *
     * @param message an exception's message
     * @return the message without a leading {@code origin + ": "}; other messages unchanged
     */
    public String withoutOrigin(String message) {
        String prefix = origin + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length())
                : String.valueOf(message);
    }

    private IfmonException invalid(String key, String expected, Object value) {
        return new IfmonException(origin + ": '" + key + "' must be " + expected + ", but is '" + value + "'");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Settings that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Settings" + values.keySet() + " from " + origin;
    }
}
