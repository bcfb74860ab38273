package dev.ifmon.api;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Helpers for header maps: copying them case-insensitively and finding values. Thread-safe. */
public final class Headers {

    private Headers() {
    }

    /**
     * Copies a header map into an unmodifiable map ordered and looked up case-insensitively.
     *
     * @param headers name to values; {@code null} is taken as empty
     * @return the copy
     */
    public static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * @param headers name to values
     * @param name a header name, in any case
     * @return the first value of the header, if present
     */
    public static Optional<String> first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                    && !entry.getValue().isEmpty()) {
                return Optional.of(entry.getValue().get(0));
            }
        }
        return Optional.empty();
    }
}
