package dev.ifmon.core.auth.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the expiry ({@code exp}) of a JSON Web Token without checking its signature: the token is only
 * cached until then, never trusted. Stateless and thread-safe.
 */
public final class Jwt {

    private Jwt() {
    }

    /**
     * @param token any token
     * @return the {@code exp} claim when the token is a JWT that has one; empty otherwise
     */
    public static Optional<Instant> expiry(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            String claims = new String(Base64.getUrlDecoder().decode(unpadded(parts[1])), StandardCharsets.UTF_8);
            return ReplyShape.parse(claims).map(json -> json.get("exp")).flatMap(Jwt::seconds);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String unpadded(String part) {
        return part.replace("=", "");
    }

    private static Optional<Instant> seconds(JsonNode exp) {
        return exp != null && exp.isNumber() ? Optional.of(Lifetimes.epochSecond(exp.decimalValue()))
                : Optional.empty();
    }
}
