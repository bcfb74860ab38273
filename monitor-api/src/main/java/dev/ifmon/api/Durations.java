package dev.ifmon.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/** Reads the durations that config and endpoint docs are written with. Stateless and thread-safe. */
public final class Durations {

    /** Compared before any rounding, so that an exponent such as {@code 1e99999999} is never written out. */
    private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * Writes a duration the way config is written, for messages: {@code 500ms}, {@code 1.5s}, {@code 30s},
     * {@code 15m}, {@code 2h}, {@code 1d}; the largest unit that divides it whole. {@link #parse} reads it back.
     *
     * @param duration a duration, not negative
     * @return the duration in words a user would write
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1_000 != 0) {
            return millis < 1_000 ? millis + "ms"
                    : BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
        }
        long seconds = millis / 1_000;
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /**
     * Reads {@code 10} (in the default unit), {@code 0.5}, {@code 500ms}, {@code 10s}, {@code 15m},
     * {@code 1h} or {@code 2d}.
     *
     * @param value a number or a text
     * @param defaultUnit the unit of a bare number: {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}
     * @return the duration, never negative
     * @throws IllegalArgumentException when the value is not a duration, or too long for a {@link Duration}
     *     in milliseconds (about 292 million years)
     */
    public static Duration parse(Object value, String defaultUnit) {
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        String unit = defaultUnit;
        for (String suffix : new String[] {"ms", "s", "m", "h", "d"}) {
            if (text.endsWith(suffix) && text.length() > suffix.length()
                    && Character.isDigit(text.charAt(text.length() - suffix.length() - 1))) {
                unit = suffix;
                text = text.substring(0, text.length() - suffix.length()).trim();
                break;
            }
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + value, e);
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("negative duration: " + value);
        }
        BigDecimal millisPerUnit = switch (unit) {
            case "ms" -> BigDecimal.ONE;
            case "s" -> BigDecimal.valueOf(1_000);
            case "m" -> BigDecimal.valueOf(60_000);
            case "h" -> BigDecimal.valueOf(3_600_000);
            case "d" -> BigDecimal.valueOf(86_400_000);
            default -> throw new IllegalArgumentException("unknown unit: " + unit);
        };
        BigDecimal millis = amount.multiply(millisPerUnit);
        if (millis.compareTo(MAX_MILLIS) > 0) {
            throw new IllegalArgumentException("duration too long: " + value);
        }
        return millis.compareTo(BigDecimal.ONE) < 0 ? Duration.ZERO
                : Duration.ofMillis(millis.setScale(0, RoundingMode.DOWN).longValueExact());
    }
}
