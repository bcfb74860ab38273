package dev.ifmon.core.auth.internal;

import dev.ifmon.api.Settings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the values of an {@code auth} block that must never be shown: every text in it except those under
 * keys known to hold no secret (the type, URLs without their query, methods, pointers, header names, ...).
 * Erring on the side of masking too much is intended. Stateless and thread-safe.
 */
public final class SecretValues {

    private static final Set<String> PLAIN_KEYS = Set.of("type", "method", "token_pointer", "expires_in_pointer",
            "ttl", "header", "template", "query_param", "content_type", "client_auth", "scope", "audience", "name",
            "rejected_statuses", "url", "token_url", "username", "client_id");

    private SecretValues() {
    }

    /**
     * @param settings an {@code auth} block
     * @return the texts in it that may be secret: passwords, tokens, header values, body values
     */
    public static Set<String> of(Settings settings) {
        Set<String> secrets = new LinkedHashSet<>();
        settings.asMap().forEach((key, value) -> {
            if (!PLAIN_KEYS.contains(key)) {
                collect(value, secrets);
            }
        });
        return secrets;
    }

    private static void collect(Object value, Set<String> secrets) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(nested -> collect(nested, secrets));
        } else if (value instanceof List<?> list) {
            list.forEach(nested -> collect(nested, secrets));
        } else if (value instanceof String text && !text.isBlank()) {
            secrets.add(text);
        }
    }
}
