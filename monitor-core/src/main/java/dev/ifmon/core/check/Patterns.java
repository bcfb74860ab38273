package dev.ifmon.core.check;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiles and caches the regexes of endpoint docs. Thread-safe. */
final class Patterns {

    private static final int MAX_CACHED = 2_000;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private Patterns() {
    }

    /**
     * @param regex a regex from a doc
     * @return the compiled pattern
     * @throws PatternSyntaxException when the regex is invalid
     */
    static Pattern get(String regex) {
        Pattern cached = CACHE.get(regex);
        if (cached != null) {
            return cached;
        }
        Pattern compiled = Pattern.compile(regex);
        if (CACHE.size() < MAX_CACHED) {
            CACHE.put(regex, compiled);
        }
        return compiled;
    }
}
