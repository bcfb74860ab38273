package dev.ifmon.core.auth.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads how long a token lives from a token reply. Stateless and thread-safe. */
final class Lifetimes {

    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Instant.MAX.getEpochSecond());

    private Lifetimes() {
    }

    /**
     * @param reply a JSON reply
     * @param pointer where a number of seconds is
     * @param clock the clock the lifetime starts on
     * @return when the token expires (at most {@link Instant#MAX} for an absurd number such as {@code 1e300};
     *     the credential cache caps it), or empty when the pointer holds no number of seconds
     */
    static Optional<Instant> expiresIn(JsonNode reply, String pointer, Clock clock) {
        return seconds(reply.at(pointer)).map(seconds -> after(clock.instant(), seconds));
    }

    /**
     * @param seconds seconds since the epoch, however large (a JWT's {@code exp})
     * @return the instant, held within {@link Instant#MAX} and its negation
     */
    static Instant epochSecond(BigDecimal seconds) {
        return Instant.ofEpochSecond(clamped(seconds).longValue());
    }

    private static Instant after(Instant start, BigDecimal seconds) {
        return epochSecond(clamped(seconds).add(BigDecimal.valueOf(start.getEpochSecond())));
    }

    /** Clamps first, so that an exponent such as {@code 1e99999999} is never written out in full. */
    private static BigDecimal clamped(BigDecimal seconds) {
        if (seconds.abs().compareTo(BigDecimal.ONE) < 0) {
            return BigDecimal.ZERO;
        }
        return seconds.min(MAX_SECONDS).max(MAX_SECONDS.negate());
    }

    private static Optional<BigDecimal> seconds(JsonNode node) {
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        if (node.isString()) {
            try {
                return Optional.of(new BigDecimal(node.stringValue().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
