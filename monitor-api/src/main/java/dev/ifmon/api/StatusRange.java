package dev.ifmon.api;

import java.util.Locale;

/**
 * An inclusive range of HTTP status codes, written {@code 200}, {@code 200-299} or {@code 2xx}.
 *
 * @param from the lowest accepted status
 * @param to the highest accepted status, not below {@code from}
 */
public record StatusRange(int from, int to) {

    /** Checks that the range lies within 100..599. */
    public StatusRange {
        if (from < 100 || to > 599 || from > to) {
            throw new IllegalArgumentException("status range must lie within 100-599: " + from + "-" + to);
        }
    }

    /**
     * Reads {@code 200}, {@code 200-299} or {@code 2xx}.
     *
     * @param text the written range
     * @return the range
     * @throws IllegalArgumentException when the text is no status range
     */
    public static StatusRange parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.matches("[1-5]xx")) {
                int hundred = (value.charAt(0) - '0') * 100;
                return new StatusRange(hundred, hundred + 99);
            }
            int dash = value.indexOf('-');
            if (dash > 0) {
                return new StatusRange(Integer.parseInt(value.substring(0, dash).trim()),
                        Integer.parseInt(value.substring(dash + 1).trim()));
            }
            int status = Integer.parseInt(value);
            return new StatusRange(status, status);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a status or range: '" + text + "'", e);
        }
    }

    /**
     * @param status an HTTP status
     * @return whether it lies in this range
     */
    public boolean contains(int status) {
        return status >= from && status <= to;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
