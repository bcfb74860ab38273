package dev.ifmon.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What an {@link Authenticator} obtained: what to add to each request, and until when it is good.
 *
 * @param headers headers to set on every request of the service, e.g. {@code Authorization}
 * @param query query parameters to add to every request of the service
 * @param expiresAt when the credential stops being valid, or {@code null} when unknown or never
 * @param secrets the secret values in it (tokens, passwords), which the core masks wherever it shows a
 *     request; the header and query values above are masked in any case
 */
public record Credential(Map<String, String> headers, Map<String, String> query, Instant expiresAt,
        Set<String> secrets) {

    /** Copies the collections. */
    public Credential {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        secrets = Set.copyOf(secrets);
    }

    /**
     * A credential that sets one header and never expires.
     *
     * @param name the header name
     * @param value the header value, treated as secret
     * @return the credential
     */
    public static Credential header(String name, String value) {
        return new Credential(Map.of(name, value), Map.of(), null, Set.of(value));
    }
}
