package dev.ifmon.api;

/**
 * Shares short texts that repeat across a large catalog (service and module names, methods, header and query
 * names and values such as {@code Accept: application/json}): one string instead of one per endpoint. A
 * catalog of 10,000 endpoints holds several megabytes less this way. Longer texts are left as they are.
 * Thread-safe.
 */
final class SharedText {

    /** Longer texts rarely repeat (URLs, bodies) and are not worth a lookup. */
    private static final int MAX_LENGTH = 64;

    private SharedText() {
    }

    /**
     * @param text a text, or {@code null}
     * @return an equal text, shared with other callers when short; {@code null} for {@code null}
     */
    static String of(String text) {
        return text == null || text.length() > MAX_LENGTH ? text : text.intern();
    }
}
