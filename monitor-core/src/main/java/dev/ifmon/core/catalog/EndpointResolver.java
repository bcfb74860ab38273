package dev.ifmon.core.catalog;

import dev.ifmon.api.Durations;
import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RequestBody;
import dev.ifmon.api.Severity;
import dev.ifmon.core.config.EnvironmentVariableResolver;
import dev.ifmon.core.config.MonitorConfig;
import dev.ifmon.core.config.ServiceConfig;
import dev.ifmon.core.config.VariableResolver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Makes an endpoint ready to send for the selected environment: resolves {@code ${NAME}} and
 * {@code ${env:NAME}} in its URL, header values, query values and body, and joins a relative URL to its
 * service's {@code base_url}. Stateless and thread-safe.
 *
 * <p>{@code ${NAME}} looks in the service's {@code variables} (after the environment's overrides), then the
 * environment's variables, then the process environment. In a body whose content type contains
 * {@code json}, a substituted value is escaped as JSON string content, so a quote in a value cannot break
 * the document; a {@code :-DEFAULT} goes in as written, being part of that text already. A relative URL
 * joins with exactly one {@code /} between base URL and path.
 */
public final class EndpointResolver {

    private static final String ENV_PREFIX = "env:";

    /**
     * The outcome of resolving one endpoint: exactly one of the two is set.
     *
     * @param endpoint the endpoint ready to send, or {@code null} when it cannot be
     * @param problem why it cannot be sent (an error naming the variable or the missing base URL, with the
     *     endpoint's file and line), or {@code null}
     */
    public record Resolution(EndpointDefinition endpoint, Problem problem) {

        /** @return whether the endpoint resolved */
        public boolean ok() {
            return endpoint != null;
        }
    }

    private EndpointResolver() {
    }

    /**
     * Resolves one endpoint.
     *
     * @param raw the endpoint as its source defined it
     * @param config the loaded configuration of the selected environment
     * @return the resolved endpoint, or the problem that prevents it
     */
    public static Resolution resolve(EndpointDefinition raw, MonitorConfig config) {
        Optional<ServiceConfig> service = config.service(raw.id().service());
        Map<String, String> serviceVariables = service.map(EndpointResolver::variables).orElse(Map.of());
        VariableResolver resolver = config.resolver();
        try {
            EndpointDefinition.Builder builder = raw.toBuilder();
            String url = substitute(raw.url(), serviceVariables, resolver, false);
            builder.headers(substituteAll(withServiceHeaders(raw.headers(), service), serviceVariables, resolver));
            if (raw.timeout() == null) {
                service.flatMap(EndpointResolver::serviceTimeout).ifPresent(builder::timeout);
            }
            builder.query(substituteAll(raw.query(), serviceVariables, resolver));
            if (raw.body() != null) {
                boolean json = raw.body().contentType().toLowerCase(Locale.ROOT).contains("json");
                builder.body(new RequestBody(raw.body().contentType(),
                        substitute(raw.body().text(), serviceVariables, resolver, json)));
            }
            return join(raw, builder, url, service.map(ServiceConfig::baseUrl).orElse(""), config);
        } catch (VariableResolver.MissingVariableException e) {
            return new Resolution(null, new Problem(Severity.ERROR, raw.source().file(),
                    raw.source().lineOf(e.variable()), 0, "the variable '${" + e.variable() + "}' used by '"
                    + raw.id() + "' has no value" + inEnvironment(config), e.hint("under the environment's"
                    + " variables or the service '" + raw.id().service() + "' variables in config.yaml")
                    + "; the endpoint is skipped"));
        }
    }

    private static Resolution join(EndpointDefinition raw, EndpointDefinition.Builder builder, String url,
            String baseUrl, MonitorConfig config) {
        if (url.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
            return new Resolution(builder.url(url).build(), null);
        }
        if (baseUrl.isBlank()) {
            return new Resolution(null, problem(raw, "the url '" + raw.url() + "' of '" + raw.id()
                    + "' is relative, but the service '" + raw.id().service() + "' has no base_url"
                    + inEnvironment(config),
                    "set base_url for the service in config.yaml, or write an absolute URL"));
        }
        String joined = stripTrailingSlash(baseUrl) + (url.isEmpty() ? "" : "/" + stripLeadingSlash(url));
        return new Resolution(builder.url(joined).build(), null);
    }

    /** The service's {@code headers} first, then the endpoint's; an endpoint header replaces one of the same name. */
    private static Map<String, String> withServiceHeaders(Map<String, String> own, Optional<ServiceConfig> service) {
        Object block = service.map(s -> s.settings().asMap().get("headers")).orElse(null);
        if (!(block instanceof Map<?, ?> defaults) || defaults.isEmpty()) {
            return own;
        }
        Map<String, String> merged = new LinkedHashMap<>();
        defaults.forEach((name, value) -> {
            String header = String.valueOf(name);
            boolean overridden = own.keySet().stream().anyMatch(key -> key.equalsIgnoreCase(header));
            if (value != null && !(value instanceof Map) && !(value instanceof List) && !overridden) {
                merged.put(header, value.toString());
            }
        });
        merged.putAll(own);
        return merged;
    }

    /** The service's {@code timeout}; config loading has already reported a value that is not a duration. */
    private static Optional<Duration> serviceTimeout(ServiceConfig service) {
        Object value = service.settings().asMap().get("timeout");
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parse(value, "s"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> substituteAll(Map<String, String> values,
            Map<String, String> serviceVariables, VariableResolver resolver) {
        Map<String, String> resolved = new LinkedHashMap<>();
        values.forEach((key, value) -> resolved.put(key, substitute(value, serviceVariables, resolver, false)));
        return resolved;
    }

    private static String substitute(String text, Map<String, String> serviceVariables, VariableResolver resolver,
            boolean jsonEscape) {
        return EnvironmentVariableResolver.substitute(text, name -> {
            String value = !name.startsWith(ENV_PREFIX) && serviceVariables.containsKey(name)
                    ? serviceVariables.get(name) : resolver.lookup(name);
            return jsonEscape && value != null ? jsonEscape(value) : value;
        });
    }

    private static String jsonEscape(String value) {
        StringBuilder quoted = new StringBuilder();
        dev.ifmon.core.config.tree.Trees.quote(value, quoted);
        return quoted.substring(1, quoted.length() - 1);
    }

    private static Map<String, String> variables(ServiceConfig service) {
        Object block = service.settings().asMap().get("variables");
        Map<String, String> variables = new LinkedHashMap<>();
        if (block instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (value != null && !(value instanceof Map) && !(value instanceof List)) {
                    variables.put(String.valueOf(key), value.toString());
                }
            });
        }
        return variables;
    }

    private static Problem problem(EndpointDefinition raw, String message, String hint) {
        return new Problem(Severity.ERROR, raw.source().file(), raw.source().line(), 0, message, hint);
    }

    private static String inEnvironment(MonitorConfig config) {
        return config.environment().isEmpty() ? "" : " in the environment '" + config.environment() + "'";
    }

    private static String stripTrailingSlash(String text) {
        String result = text;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static String stripLeadingSlash(String text) {
        int start = 0;
        while (start < text.length() && text.charAt(start) == '/') {
            start++;
        }
        return text.substring(start);
    }
}
