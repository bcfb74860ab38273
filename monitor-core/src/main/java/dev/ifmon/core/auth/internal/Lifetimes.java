package dev.ifmon.core.auth.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads how long a token lives from a token reply. Stateless and thread-safe. */
final class Lifetimes {

    private Lifetimes() {
    }

    /**
     * @param reply a JSON reply
     * @param pointer where a number of seconds is
     * @param clock the clock the lifetime starts on
     * @return when the token expires, or empty when the pointer holds no number of seconds
     */
    static Optional<Instant> expiresIn(JsonNode reply, String pointer, Clock clock) {
        return seconds(reply.at(pointer)).map(seconds -> clock.instant().plusSeconds(seconds));
    }

    private static Optional<Long> seconds(JsonNode node) {
        if (node.isNumber()) {
            return Optional.of(node.asLong());
        }
        if (node.isString()) {
            try {
                return Optional.of(Long.parseLong(node.stringValue().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
