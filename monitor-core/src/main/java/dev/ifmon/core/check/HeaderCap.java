package dev.ifmon.core.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bounds the response headers a stored snapshot keeps, so a server that sends hundreds of kilobytes of headers
 * cannot bloat the report, the outbox or a message: each value is cut to {@value #VALUE_LIMIT} characters
 * (marked {@value #MARK}), and names and values together stop at {@value #TOTAL_LIMIT} characters (the headers
 * after that are left out). Checks are judged on the full headers; only what is kept is capped. Stateless.
 */
final class HeaderCap {

    /** The most characters of one header value kept. */
    static final int VALUE_LIMIT = 1024;
    /** The most characters of names and values kept over all headers. */
    static final int TOTAL_LIMIT = 8192;
    /** Appended to a value that was cut. */
    static final String MARK = "…(truncated)";

    private HeaderCap() {
    }

    /**
     * @param headers the headers kept, case-insensitive
     * @param note what was cut, for the result's warnings; empty when nothing was
     */
    record Capped(Map<String, List<String>> headers, Optional<String> note) {
    }

    /**
     * @param headers response headers, already masked
     * @return the headers within the limits, and a note when something was cut
     */
    static Capped cap(Map<String, List<String>> headers) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        long all = 0;
        int used = 0;
        int cut = 0;
        int left = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                all += header.getKey().length() + value.length();
                String shown = value.length() > VALUE_LIMIT ? shorten(value) : value;
                int size = header.getKey().length() + shown.length();
                if (used + size > TOTAL_LIMIT) {
                    left++;
                    continue;
                }
                cut += shown.equals(value) ? 0 : 1;
                kept.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(shown);
                used += size;
            }
        }
        if (cut == 0 && left == 0) {
            return new Capped(headers, Optional.empty());
        }
        return new Capped(kept, Optional.of("response headers truncated: " + all + " characters arrived; kept "
                + used + " (each value at most " + VALUE_LIMIT + ", all at most " + TOTAL_LIMIT + "): " + cut
                + " value(s) cut, " + left + " value(s) left out"));
    }

    private static String shorten(String value) {
        int end = Character.isHighSurrogate(value.charAt(VALUE_LIMIT - 1)) ? VALUE_LIMIT - 1 : VALUE_LIMIT;
        return value.substring(0, end) + MARK;
    }
}
