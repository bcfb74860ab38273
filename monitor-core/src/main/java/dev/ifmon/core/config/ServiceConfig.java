package dev.ifmon.core.config;

import dev.ifmon.api.Settings;
import java.util.Objects;

/**
 * One service of {@code config.yaml}, with the selected environment's overrides applied and variables
 * resolved. Immutable.
 *
 * @param name the service name; the first folder under the catalog root
 * @param description free text
 * @param enabled whether its endpoints are checked
 * @param baseUrl the URL relative endpoint paths are joined to, or {@code ""} when none
 * @param auth the normalised {@code auth} block: the shorthand {@code token_api: URL} becomes
 *     {@code {type: token, url: URL}}; empty when the service has no authentication
 * @param settings the whole service block after environment overrides, for the keys other parts read
 *     ({@code retries}, {@code tls}, {@code mentions}, ...)
 */
public record ServiceConfig(String name, String description, boolean enabled, String baseUrl, Settings auth,
        Settings settings) {

    /** Checks the components. */
    public ServiceConfig {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        baseUrl = baseUrl == null ? "" : baseUrl;
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(settings, "settings");
    }

    /** @return whether the service has an {@code auth} block (or {@code token_api}) */
    public boolean hasAuth() {
        return !auth.asMap().isEmpty();
    }
}
