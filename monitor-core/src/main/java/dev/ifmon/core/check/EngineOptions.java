package dev.ifmon.core.check;

import dev.ifmon.api.Durations;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.api.StatusRange;
import dev.ifmon.core.config.MonitorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The check engine's settings, read from the {@code monitor} block of {@code config.yaml}. Immutable and
 * thread-safe. A bad value falls back to its default; {@link #validate(Settings)} reports it.
 *
 * @param timeout {@code timeout}: the deadline of one whole exchange, body included
 * @param retries {@code retries}: extra attempts for transient failures
 * @param retryStatuses {@code retry_statuses}: statuses that are retried like network faults
 * @param failingStatuses {@code failing_statuses}: statuses that fail an endpoint without {@code expect.status}
 * @param authRejectStatuses {@code auth_reject_statuses}: statuses that mean the credential was rejected
 * @param bodyLimit {@code body_limit}: the most body bytes kept per response
 * @param http2 {@code http2}: whether to offer HTTP/2
 * @param perHostConcurrency {@code per_host_concurrency}: requests in flight per host; 0 for no limit
 * @param perHostWait {@code per_host_wait}: how long a check waits for the per-host limit; zero rejects
 * @param certExpiryWarnDays {@code cert_expiry_warn_days}: warn when a certificate expires within this many
 *     days; 0 turns the warning off
 * @param followRedirectsMax {@code follow_redirects_max}: hops followed for {@code follow_redirects: true}
 * @param retryBackoff {@code retry_backoff}: the first back-off; it doubles per attempt, with jitter
 * @param retryBackoffMax {@code retry_backoff_max}: the longest back-off
 * @param baseDirectory the folder relative {@code tls.ca} paths resolve against
 */
public record EngineOptions(
        Duration timeout,
        int retries,
        List<StatusRange> retryStatuses,
        List<StatusRange> failingStatuses,
        List<StatusRange> authRejectStatuses,
        int bodyLimit,
        boolean http2,
        int perHostConcurrency,
        Duration perHostWait,
        int certExpiryWarnDays,
        int followRedirectsMax,
        Duration retryBackoff,
        Duration retryBackoffMax,
        Path baseDirectory) {

    /** Default {@code timeout}: 10 s, from the brief. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@code retries}: one extra attempt for transient faults. */
    public static final int DEFAULT_RETRIES = 1;
    /** Default {@code body_limit}: 64 KiB. */
    public static final int DEFAULT_BODY_LIMIT = 64 * 1024;
    /** Default {@code cert_expiry_warn_days}. */
    public static final int DEFAULT_CERT_EXPIRY_WARN_DAYS = 14;
    /** Default {@code follow_redirects_max}. */
    public static final int DEFAULT_FOLLOW_REDIRECTS_MAX = 5;

    /** Checks and copies the components. */
    public EngineOptions {
        Objects.requireNonNull(timeout, "timeout");
        retryStatuses = List.copyOf(retryStatuses);
        failingStatuses = List.copyOf(failingStatuses);
        authRejectStatuses = List.copyOf(authRejectStatuses);
        Objects.requireNonNull(perHostWait, "perHostWait");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(retryBackoffMax, "retryBackoffMax");
        baseDirectory = baseDirectory == null ? Path.of("").toAbsolutePath() : baseDirectory;
    }

    /** @return the defaults, as for an empty {@code monitor} block */
    public static EngineOptions defaults() {
        return from(Settings.empty());
    }

    /**
     * Reads the engine keys of the {@code monitor} block; a bad value takes its default.
     *
     * @param monitorBlock the {@code monitor} block
     * @return the options
     */
    public static EngineOptions from(Settings monitorBlock) {
        return read(monitorBlock, new ArrayList<>());
    }

    /**
     * @param monitorBlock the {@code monitor} block
     * @return what is wrong with the engine keys, each naming the key, the value and the fallback
     */
    public static List<Problem> validate(Settings monitorBlock) {
        List<Problem> problems = new ArrayList<>();
        read(monitorBlock, problems);
        return List.copyOf(problems);
    }

    /**
     * @param folder the folder relative {@code tls.ca} paths resolve against: the config file's folder
     * @return a copy with that folder
     */
    public EngineOptions withBaseDirectory(Path folder) {
        return new EngineOptions(timeout, retries, retryStatuses, failingStatuses, authRejectStatuses, bodyLimit,
                http2, perHostConcurrency, perHostWait, certExpiryWarnDays, followRedirectsMax, retryBackoff,
                retryBackoffMax, folder);
    }

    /**
     * @param value the timeout
     * @return a copy with that timeout; for embedders and tests
     */
    public EngineOptions withTimeout(Duration value) {
        return new EngineOptions(value, retries, retryStatuses, failingStatuses, authRejectStatuses, bodyLimit,
                http2, perHostConcurrency, perHostWait, certExpiryWarnDays, followRedirectsMax, retryBackoff,
                retryBackoffMax, baseDirectory);
    }

    /**
     * @param status an HTTP status
     * @return whether it is in {@code failing_statuses}
     */
    public boolean failing(int status) {
        return failingStatuses.stream().anyMatch(range -> range.contains(status));
    }

    /**
     * @param status an HTTP status
     * @return whether it is in {@code retry_statuses}
     */
    public boolean retryable(int status) {
        return retryStatuses.stream().anyMatch(range -> range.contains(status));
    }

    /**
     * @param status an HTTP status
     * @return whether it is in {@code auth_reject_statuses}
     */
    public boolean authRejected(int status) {
        return authRejectStatuses.stream().anyMatch(range -> range.contains(status));
    }

    private static EngineOptions read(Settings block, List<Problem> problems) {
        Reader in = new Reader(block, problems);
        Duration timeout = in.positive("timeout", DEFAULT_TIMEOUT, () -> block.duration("timeout", DEFAULT_TIMEOUT),
                MonitorConfig.MAX_TIMEOUT);
        int retries = in.atLeast("retries", DEFAULT_RETRIES, 0, 10);
        List<StatusRange> retryStatuses = in.statuses("retry_statuses", "502, 503, 504");
        List<StatusRange> failing = in.statuses("failing_statuses", "401, 403, 404, 500-599");
        List<StatusRange> authReject = in.statuses("auth_reject_statuses", "401");
        int bodyLimit = in.size("body_limit", DEFAULT_BODY_LIMIT);
        boolean http2 = in.value("http2", false, () -> block.bool("http2", false));
        int perHost = in.atLeast("per_host_concurrency", 0, 0, 10_000);
        Duration perHostWait = in.value("per_host_wait", Duration.ZERO,
                () -> block.duration("per_host_wait", Duration.ZERO));
        int warnDays = in.atLeast("cert_expiry_warn_days", DEFAULT_CERT_EXPIRY_WARN_DAYS, 0, 3650);
        int hops = in.atLeast("follow_redirects_max", DEFAULT_FOLLOW_REDIRECTS_MAX, 1, 20);
        Duration backoff = in.value("retry_backoff", Duration.ofMillis(500),
                () -> block.duration("retry_backoff", Duration.ofMillis(500)));
        Duration backoffMax = in.value("retry_backoff_max", Duration.ofSeconds(10),
                () -> block.duration("retry_backoff_max", Duration.ofSeconds(10)));
        return new EngineOptions(timeout, retries, retryStatuses, failing, authReject, bodyLimit, http2, perHost,
                perHostWait, warnDays, hops, backoff, backoffMax, null);
    }

    /** Reads keys one by one, turning each bad value into a problem and its default. */
    private record Reader(Settings block, List<Problem> problems) {

        <T> T value(String key, T fallback, Supplier<T> read) {
            try {
                return read.get();
            } catch (IfmonException e) {
                problems.add(Problem.error(block.origin(), block.withoutOrigin(e.getMessage()), usingDefault(key,
                        fallback)));
                return fallback;
            } catch (IllegalArgumentException e) {
                problems.add(Problem.error(block.origin(), "'" + key + "' is invalid: " + e.getMessage(),
                        usingDefault(key, fallback)));
                return fallback;
            }
        }

        /** Durations in the form config takes ({@code 500ms}, {@code 10s}), not Java's {@code PT0.5S}. */
        private static String usingDefault(String key, Object fallback) {
            return "using the default " + key + ": "
                    + (fallback instanceof Duration duration ? Durations.format(duration) : fallback);
        }

        Duration positive(String key, Duration fallback, Supplier<Duration> read, Duration max) {
            Duration value = value(key, fallback, read);
            if (value.isZero() || value.compareTo(max) > 0) {
                problems.add(Problem.error(block.origin(), "'" + key + "' must be more than 0 and at most "
                        + max.toMinutes() + "m, but is " + block.string(key).orElse(Durations.format(value)),
                        usingDefault(key, fallback)));
                return fallback;
            }
            return value;
        }

        int atLeast(String key, int fallback, int min, int max) {
            int value = value(key, fallback, () -> block.integer(key, fallback));
            if (value < min || value > max) {
                problems.add(Problem.error(block.origin(), "'" + key + "' must lie within " + min + ".." + max
                        + ", but is " + value, usingDefault(key, fallback)));
                return fallback;
            }
            return value;
        }

        List<StatusRange> statuses(String key, String fallback) {
            List<StatusRange> defaults = parseStatuses(List.of(fallback.split(",")));
            return value(key, defaults, () -> block.has(key) ? parseStatuses(split(block.strings(key))) : defaults);
        }

        int size(String key, int fallback) {
            return value(key, fallback, () -> block.string(key).map(EngineOptions::parseSize).orElse(fallback));
        }
    }

    private static List<String> split(List<String> values) {
        List<String> parts = new ArrayList<>();
        values.forEach(value -> parts.addAll(List.of(value.split(","))));
        return parts;
    }

    private static List<StatusRange> parseStatuses(List<String> texts) {
        return texts.stream().map(String::trim).filter(text -> !text.isEmpty()).map(StatusRange::parse).toList();
    }

    /**
     * Reads a byte size: {@code 65536}, {@code 64KiB}, {@code 64k}, {@code 1MiB}, {@code 1m}.
     *
     * @param text the written size
     * @return the size in bytes, 1 byte to 64 MiB
     * @throws IllegalArgumentException when the text is no size in that range
     */
    static int parseSize(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "").trim();
        long factor = 1;
        if (value.endsWith("k") || value.endsWith("m")) {
            factor = value.endsWith("k") ? 1024 : 1024 * 1024;
            value = value.substring(0, value.length() - 1).trim();
        }
        try {
            long bytes = Long.parseLong(value) * factor;
            if (bytes < 1 || bytes > 64L * 1024 * 1024) {
                throw new IllegalArgumentException("'body_limit' must lie within 1 byte..64 MiB, but is '" + text
                        + "'");
            }
            return (int) bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'body_limit' must be a size such as 65536, 64KiB or 1MiB, but is '"
                    + text + "'", e);
        }
    }
}
