package dev.ifmon.core.config;

import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.api.SourceLocation;
import java.util.List;
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
 * @param authLocation the config file (as shown in messages) and the line of the {@code auth} (or
 *     {@code token_api}) key; file {@code ""} when not known
 */
public record ServiceConfig(String name, String description, boolean enabled, String baseUrl, Settings auth,
        Settings settings, SourceLocation authLocation) {

    /**
     * A service whose auth block's place is not known.
     *
     * @param name the service name
     * @param description free text
     * @param enabled whether its endpoints are checked
     * @param baseUrl the base URL, or {@code ""}
     * @param auth the normalised {@code auth} block
     * @param settings the whole service block
     */
    public ServiceConfig(String name, String description, boolean enabled, String baseUrl, Settings auth,
            Settings settings) {
        this(name, description, enabled, baseUrl, auth, settings, new SourceLocation("", 0));
    }

    /** Checks the components. */
    public ServiceConfig {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        baseUrl = baseUrl == null ? "" : baseUrl;
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(settings, "settings");
        authLocation = authLocation == null ? new SourceLocation("", 0) : authLocation;
    }

    /** @return whether the service has an {@code auth} block (or {@code token_api}) */
    public boolean hasAuth() {
        return !auth.asMap().isEmpty();
    }

    /**
     * Places problems found in this service's auth block (by an authenticator, say, which knows neither file nor
     * line) at the block: {@code c1.yaml:30: services[user].auth: 'url' is not ...}. Problems that already have
     * a line, and all of them when the place is not known, are returned unchanged.
     *
     * @param problems problems about the auth block
     * @return the problems, placed
     */
    public List<Problem> placeAuthProblems(List<Problem> problems) {
        if (authLocation.file().isEmpty()) {
            return problems;
        }
        return problems.stream().map(problem -> problem.line() > 0 ? problem : new Problem(problem.severity(),
                authLocation.file(), authLocation.line(), 0, "services[" + name + "].auth: " + problem.message(),
                problem.hint())).toList();
    }
}
