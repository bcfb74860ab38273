package dev.ifmon.core.alert;

import dev.ifmon.api.Durations;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code alerts:} block of {@code config.yaml}, read and checked. Immutable and thread-safe.
 *
 * @param reminderInterval how long an announced failure stays quiet before a reminder; empty for never
 * @param recoveryRounds consecutive good rounds before a recovery is announced
 * @param flapWindow how many recent checked rounds flap detection looks at
 * @param flapThreshold failure starts within the window that make an endpoint flapping; 0 turns damping off
 * @param probeOutageRatio the share of checked endpoints that must fail with one network reason for a
 *     probe-side outage
 * @param probeOutageMinEndpoints the fewest checked endpoints for which a probe-side outage is considered
 * @param outboxExpiry how long an undelivered message is kept in the outbox
 * @param retryAttempts delivery attempts per message and channel within one round
 * @param retryBackoff the first pause between attempts within a round; doubles after each
 * @param retryBudget the most time one channel may spend waiting between attempts in one call
 */
public record AlertSettings(
        Optional<Duration> reminderInterval,
        int recoveryRounds,
        int flapWindow,
        int flapThreshold,
        double probeOutageRatio,
        int probeOutageMinEndpoints,
        Duration outboxExpiry,
        int retryAttempts,
        Duration retryBackoff,
        Duration retryBudget) {

    /** The keys this block may hold. */
    public static final Set<String> KEYS = Set.of("reminder_interval", "recovery_rounds", "flap_window",
            "flap_threshold", "probe_outage_ratio", "probe_outage_min_endpoints", "outbox_expiry",
            "retry_attempts", "retry_backoff", "retry_budget");

    private static final int MAX_FLAP_WINDOW = 64;
    private static final int MAX_ATTEMPTS = 10;

    /**
     * Reads the block; a key that cannot be read falls back to its default (see {@link #validate}).
     *
     * @param block the {@code alerts:} block, variables resolved
     * @return the settings
     */
    public static AlertSettings from(Settings block) {
        return read(block, problem -> { });
    }

    /**
     * Checks the block: unknown keys (warnings) and values out of range (errors), each naming the key, the
     * value and what to write instead.
     *
     * @param block the {@code alerts:} block
     * @return the problems found, empty when none
     */
    public static List<Problem> validate(Settings block) {
        List<Problem> problems = new ArrayList<>();
        for (String key : block.asMap().keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(Problem.warning(block.origin(), "unknown key 'alerts." + key + "'",
                        "known keys: " + String.join(", ", KEYS.stream().sorted().toList())
                                + "; the key is ignored"));
            }
        }
        read(block, problems::add);
        return List.copyOf(problems);
    }

    private static AlertSettings read(Settings block, Consumer<Problem> problems) {
        Reader reader = new Reader(block, problems);
        int flapWindow = reader.integer("flap_window", 8, 1, MAX_FLAP_WINDOW);
        return new AlertSettings(
                reader.reminder(),
                reader.integer("recovery_rounds", 2, 1, 1000),
                flapWindow,
                reader.integer("flap_threshold", 3, 0, MAX_FLAP_WINDOW),
                reader.ratio("probe_outage_ratio", 0.9),
                reader.integer("probe_outage_min_endpoints", 3, 1, 1_000_000),
                reader.duration("outbox_expiry", Duration.ofHours(24), Duration.ofMinutes(1)),
                reader.integer("retry_attempts", 3, 1, MAX_ATTEMPTS),
                reader.duration("retry_backoff", Duration.ofSeconds(2), Duration.ZERO),
                reader.duration("retry_budget", Duration.ofSeconds(30), Duration.ZERO));
    }

    /** Reads keys with defaults, reporting each bad value once. */
    private record Reader(Settings block, Consumer<Problem> problems) {

        Optional<Duration> reminder() {
            String text = block.string("reminder_interval", "1h").trim().toLowerCase(Locale.ROOT);
            if (text.equals("never") || text.equals("off")) {
                return Optional.empty();
            }
            Duration value = duration("reminder_interval", Duration.ofHours(1), Duration.ofMinutes(1));
            return Optional.of(value);
        }

        int integer(String key, int fallback, int min, int max) {
            try {
                int value = block.integer(key, fallback);
                if (value >= min && value <= max) {
                    return value;
                }
                report(key, "must be between " + min + " and " + max + ", but is " + value, fallback);
            } catch (IfmonException e) {
                report(key, block.withoutOrigin(e.getMessage()), fallback);
            }
            return fallback;
        }

        double ratio(String key, double fallback) {
            String text = block.string(key, String.valueOf(fallback)).trim();
            try {
                double value = Double.parseDouble(text);
                if (value > 0 && value <= 1) {
                    return value;
                }
            } catch (NumberFormatException e) {
                report(key, "must be a number between 0 and 1, such as 0.9, but is '" + text + "'", fallback);
                return fallback;
            }
            report(key, "must be a number above 0 and at most 1, such as 0.9, but is '" + text + "'", fallback);
            return fallback;
        }

        Duration duration(String key, Duration fallback, Duration min) {
            try {
                Duration value = block.duration(key, fallback);
                if (value.compareTo(min) >= 0) {
                    return value;
                }
                report(key, "must be at least " + Durations.format(min) + ", but is " + Durations.format(value),
                        fallback);
            } catch (IfmonException e) {
                report(key, block.withoutOrigin(e.getMessage()), fallback);
            }
            return fallback;
        }

        private void report(String key, String what, Object fallback) {
            String message = what.contains("'" + key + "'") ? what : "'alerts." + key + "' " + what;
            String shown = fallback instanceof Duration duration ? Durations.format(duration)
                    : String.valueOf(fallback);
            problems.accept(Problem.error(block.origin(), message,
                    "fix the value; until then the default " + shown + " is used"));
        }
    }
}
