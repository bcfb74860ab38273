package dev.ifmon.core.config.tree;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A block of keys (JSON object, YAML mapping), in the order written. Immutable and thread-safe.
 *
 * <p>Duplicate keys never reach a {@code MapNode}: the {@link TreeReader} reports them and keeps the first.
 *
 * @param entries the entries by key, in the order written
 * @param line the 1-based line, 0 when unknown
 * @param column the 1-based column, 0 when unknown
 */
public record MapNode(Map<String, Entry> entries, int line, int column) implements Node {

    /**
     * One key and its value.
     *
     * @param key the key as written
     * @param line the key's 1-based line
     * @param column the key's 1-based column
     * @param value the value
     */
    public record Entry(String key, int line, int column, Node value) {

        /** Checks the components. */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Copies the entries, keeping their order. */
    public MapNode {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String describe() {
        return "a block of keys";
    }

    /**
     * @param key a key
     * @return its value, or {@code null} when the key is absent
     */
    public Node get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    /**
     * @param key a key
     * @return whether the key is written, with any value
     */
    public boolean has(String key) {
        return entries.containsKey(key);
    }
}
