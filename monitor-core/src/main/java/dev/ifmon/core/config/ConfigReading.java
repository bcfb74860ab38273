package dev.ifmon.core.config;

import dev.ifmon.api.Durations;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.api.Severity;
import dev.ifmon.api.SourceLocation;
import dev.ifmon.core.config.tree.ListNode;
import dev.ifmon.core.config.tree.MapNode;
import dev.ifmon.core.config.tree.Node;
import dev.ifmon.core.config.tree.ScalarNode;
import dev.ifmon.api.Suggestions;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One loading of a config file: collects problems while it builds a {@link MonitorConfig}. Not thread-safe. */
final class ConfigReading {

    static final List<String> CORE_KEYS = List.of("default_environment", "monitor", "interface_docs", "alerts",
            "services", "environments", "variables");
    static final List<String> ENVIRONMENT_KEYS = List.of("variables", "services", "monitor", "alerts",
            "interface_docs");
    static final List<String> SERVICE_KEYS = List.of("name", "description", "enabled", "base_url", "token_api",
            "auth", "variables", "headers", "retries", "timeout", "tls");
    static final List<String> DOCS_KEYS = List.of("type", "root_path");
    static final List<String> AUTH_TYPES = List.of("token", "bearer", "header", "basic",
            "oauth2-client-credentials");

    private final Path file;
    private final String display;
    private final Set<String> channelKeys;
    private final Map<String, String> processEnv;
    private final List<Problem> problems;
    private EnvironmentVariableResolver resolver;

    ConfigReading(Path file, String display, Set<String> channelKeys, Map<String, String> processEnv,
            List<Problem> readProblems) {
        this.file = file;
        this.display = display;
        this.channelKeys = new LinkedHashSet<>(channelKeys);
        this.processEnv = processEnv;
        this.problems = new ArrayList<>(readProblems);
        this.resolver = new EnvironmentVariableResolver(Map.of(), processEnv);
    }

    MonitorConfig read(Node rootNode, String requested) {
        MapNode root = asMap(rootNode, "the config file");
        checkKeys(root, allTopLevelKeys(), "");
        MapNode environments = asMap(root.get("environments"), "environments");
        checkEnvironments(root, environments);
        String environment = selectEnvironment(root, environments, requested);
        MapNode overlay = environment.isEmpty() ? empty() : asMap(environments.get(environment),
                "environments." + environment);

        Map<String, String> variables = variables(root, overlay, environment);
        resolver = new EnvironmentVariableResolver(variables, processEnv, resolver.secretValues());
        Settings monitor = monitor(merge(asMap(root.get("monitor"), "monitor"), asMap(overlay.get("monitor"),
                "monitor")));
        Settings docs = docs(merge(asMap(root.get("interface_docs"), "interface_docs"),
                asMap(overlay.get("interface_docs"), "interface_docs")));
        Settings alerts = settings("alerts", merge(asMap(root.get("alerts"), "alerts"),
                asMap(overlay.get("alerts"), "alerts")));
        List<ServiceConfig> services = services(root.get("services"), asMap(overlay.get("services"),
                "services"));
        Map<String, Settings> channels = channels(root, overlay);
        return new MonitorConfig(file, environment, monitor, docs, alerts, services, channels, variables,
                resolver, problems);
    }

    private List<String> allTopLevelKeys() {
        List<String> keys = new ArrayList<>(CORE_KEYS);
        keys.addAll(channelKeys);
        return keys;
    }

    private void checkEnvironments(MapNode root, MapNode environments) {
        Set<String> serviceNames = declaredServiceNames(root.get("services"));
        List<String> allowed = new ArrayList<>(ENVIRONMENT_KEYS);
        allowed.addAll(channelKeys);
        for (MapNode.Entry env : environments.entries().values()) {
            MapNode block = asMap(env.value(), "environments." + env.key());
            checkKeys(block, allowed, "environments." + env.key() + ".");
            MapNode services = asMap(block.get("services"), "environments." + env.key() + ".services");
            for (MapNode.Entry service : services.entries().values()) {
                if (!serviceNames.contains(service.key())) {
                    add(Severity.ERROR, service.line(), service.column(), "environments." + env.key()
                            + ".services names the service '" + service.key() + "', which 'services' does not"
                            + " declare", Suggestions.hint(service.key(), serviceNames));
                }
            }
        }
    }

    private Set<String> declaredServiceNames(Node services) {
        Set<String> names = new LinkedHashSet<>();
        if (services instanceof ListNode list) {
            for (Node item : list.items()) {
                if (item instanceof MapNode map && map.get("name") instanceof ScalarNode name) {
                    names.add(name.text());
                }
            }
        }
        return names;
    }

    private String selectEnvironment(MapNode root, MapNode environments, String requested) {
        boolean fromArgument = requested != null && !requested.isBlank();
        ScalarNode fallback = scalar(root.get("default_environment"), "default_environment");
        String name = fromArgument ? requested.strip() : fallback == null ? "" : fallback.text().strip();
        if (name.isEmpty() || environments.has(name)) {
            return name;
        }
        String where = fromArgument ? "--env" : "default_environment";
        int line = fromArgument || fallback == null ? 0 : fallback.line();
        int column = fromArgument || fallback == null ? 0 : fallback.column();
        add(Severity.ERROR, line, column, where + " names the environment '" + name + "', which 'environments'"
                + " does not declare", environments.entries().isEmpty() ? "declare it under 'environments'"
                : Suggestions.hint(name, environments.entries().keySet()));
        return "";
    }

    private Map<String, String> variables(MapNode root, MapNode overlay, String environment) {
        MapNode merged = merge(asMap(root.get("variables"), "variables"), asMap(overlay.get("variables"),
                "environments." + environment + ".variables"));
        Map<String, String> resolved = new LinkedHashMap<>();
        for (MapNode.Entry entry : merged.entries().values()) {
            ScalarNode value = scalar(entry.value(), "variables." + entry.key());
            if (value != null) {
                resolver = new EnvironmentVariableResolver(resolved, processEnv, resolver.secretValues());
                resolved.put(entry.key(), resolveText(value, resolver));
            }
        }
        return resolved;
    }

    private Settings monitor(MapNode block) {
        Map<String, Object> values = resolvePlainMap(block);
        checkDuration(block, values, "interval", "m", "15 (minutes), 30s or 1h", MonitorConfig.MIN_INTERVAL, null);
        checkDuration(block, values, "timeout", "s", "10 (seconds) or 500ms", null, MonitorConfig.MAX_TIMEOUT);
        checkWhole(block, values, "concurrency", 1, 1000);
        checkBoolean(block, values, "enabled");
        checkZone(block, values);
        checkPath(block, values, "data_dir");
        checkPath(block, values, "plugins_dir");
        return Settings.of(display + ": monitor", values);
    }

    /** A zone that {@link ZoneId#of} rejects would otherwise fail every round, not the load. */
    private void checkZone(MapNode block, Map<String, Object> values) {
        Object value = values.get("zone");
        if (value == null) {
            values.remove("zone");
            return;
        }
        try {
            if (!(value instanceof Map || value instanceof List)) {
                ZoneId.of(value.toString().strip());
                return;
            }
        } catch (DateTimeException e) {
            // reported below
        }
        MapNode.Entry entry = block.entries().get("zone");
        add(Severity.ERROR, entry.value().line(), entry.value().column(), "'zone' must be a time zone, but is "
                + entry.value().describe(), "use a region ID such as Asia/Shanghai or an offset like +08:00");
        values.remove("zone");
    }

    /** A folder path the file system cannot represent (a NUL byte) would otherwise fail every round. */
    private void checkPath(MapNode block, Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (value == null) {
            values.remove(key);
            return;
        }
        try {
            if (!(value instanceof Map || value instanceof List)) {
                file.toAbsolutePath().resolveSibling(value.toString());
                return;
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        MapNode.Entry entry = block.entries().get(key);
        add(Severity.ERROR, entry.value().line(), entry.value().column(), "'" + key + "' must be a folder path,"
                + " but is " + entry.value().describe(), "write a path such as ./" + key.replace("_dir", ""));
        values.remove(key);
    }

    private void checkDuration(MapNode block, Map<String, Object> values, String key, String unit, String example,
            Duration min, Duration max) {
        Object value = values.get(key);
        if (value == null) {
            values.remove(key);
            return;
        }
        boolean valid;
        try {
            Duration duration = value instanceof Map || value instanceof List ? Duration.ZERO
                    : Durations.parse(value, unit);
            valid = !duration.isZero() && (min == null || duration.compareTo(min) >= 0)
                    && (max == null || duration.compareTo(max) <= 0);
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            String range = min != null ? "a duration of at least " + Durations.format(min)
                    : "a positive duration";
            invalidValue(block, values, key, range + (max == null ? "" : " of at most " + max.toMinutes() + "m")
                    + " such as " + example);
        }
    }

    private void checkWhole(MapNode block, Map<String, Object> values, String key, int min, int max) {
        Object value = values.get(key);
        if (value == null) {
            values.remove(key);
            return;
        }
        if (!(value instanceof Long number) || number < min || number > max) {
            invalidValue(block, values, key, "a whole number from " + min + " to " + max);
        }
    }

    private void checkBoolean(MapNode block, Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (value == null) {
            values.remove(key);
            return;
        }
        if (!(value instanceof Boolean)) {
            invalidValue(block, values, key, "true or false");
        }
    }

    private void invalidValue(MapNode block, Map<String, Object> values, String key, String expected) {
        MapNode.Entry entry = block.entries().get(key);
        add(Severity.ERROR, entry.value().line(), entry.value().column(), "'" + key + "' must be " + expected
                + ", but is " + entry.value().describe(), "correct the value, or remove the key to use the default");
        values.remove(key);
    }

    private Settings docs(MapNode block) {
        checkKeys(block, DOCS_KEYS, "interface_docs.");
        Map<String, Object> values = resolvePlainMap(block);
        return Settings.of(display + ": interface_docs", values);
    }

    private Settings settings(String key, MapNode block) {
        return Settings.of(display + ": " + key, resolvePlainMap(block));
    }

    private List<ServiceConfig> services(Node node, MapNode overlays) {
        List<ServiceConfig> services = new ArrayList<>();
        if (node == null) {
            return services;
        }
        if (!(node instanceof ListNode list)) {
            add(Severity.ERROR, node.line(), node.column(), "'services' must be a list of services, but is "
                    + node.describe(), "write each service as '- name: ...'");
            return services;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Node item : list.items()) {
            ServiceConfig service = service(item, overlays, seen);
            if (service != null) {
                services.add(service);
            }
        }
        return services;
    }

    private ServiceConfig service(Node item, MapNode overlays, Set<String> seen) {
        MapNode block = asMap(item, "a service");
        ScalarNode nameNode = scalar(block.get("name"), "services[].name");
        if (nameNode == null || nameNode.text().isBlank()) {
            add(Severity.ERROR, item.line(), item.column(), "a service has no 'name'",
                    "add 'name:' with the service's folder under the catalog root; the service is skipped");
            return null;
        }
        String name = nameNode.text().strip();
        if (!seen.add(name)) {
            add(Severity.ERROR, nameNode.line(), nameNode.column(), "the service '" + name + "' is declared twice",
                    "merge the two entries; the second is ignored");
            return null;
        }
        String prefix = "services[" + name + "].";
        checkKeys(block, SERVICE_KEYS, prefix, Severity.WARNING);
        MapNode overlay = asMap(overlays.get(name), "environments.*.services." + name);
        MapNode base = block;
        if (overlay.has("token_api") || overlay.has("auth")) {
            base = without(block, "token_api", "auth");
        }
        MapNode merged = merge(base, overlay);
        Map<String, Object> values = resolvePlainMap(merged);
        checkBoolean(merged, values, "enabled");
        checkDuration(merged, values, "timeout", "s", "10 (seconds) or 500ms", null, MonitorConfig.MAX_TIMEOUT);
        if (values.containsKey("headers") && !(values.get("headers") instanceof Map)) {
            invalidValue(merged, values, "headers", "a block of 'Name: value' pairs");
        }
        Settings auth = auth(merged, values, name);
        String baseUrl = text(values.get("base_url"));
        checkBaseUrl(merged, baseUrl, name);
        Settings settings = Settings.of(display + ": services[" + name + "]", values);
        MapNode.Entry authEntry = merged.entries().getOrDefault("auth", merged.entries().get("token_api"));
        SourceLocation authLocation = new SourceLocation(display, authEntry == null ? 0 : authEntry.line());
        return new ServiceConfig(name, text(values.get("description")), settings.bool("enabled", true), baseUrl,
                auth, settings, authLocation);
    }

    private Settings auth(MapNode block, Map<String, Object> values, String service) {
        String origin = display + ": services[" + service + "].auth";
        Object tokenApi = values.get("token_api");
        Object auth = values.get("auth");
        if (tokenApi != null && auth != null) {
            MapNode.Entry entry = block.entries().get("auth");
            add(Severity.ERROR, entry.line(), entry.column(), "the service '" + service + "' has both 'token_api'"
                    + " and 'auth'", "keep one; 'token_api: URL' is short for 'auth: {type: token, url: URL}'");
        }
        Map<String, Object> normalised = new LinkedHashMap<>();
        if (tokenApi instanceof Map<?, ?> map) {
            normalised.put("type", "token");
            map.forEach((k, v) -> normalised.put(String.valueOf(k), v));
        } else if (tokenApi instanceof List<?>) {
            MapNode.Entry entry = block.entries().get("token_api");
            add(Severity.ERROR, entry.line(), entry.column(), "'token_api' must be a URL or a block of keys,"
                    + " but is a list", "write 'token_api: https://...'");
        } else if (tokenApi != null) {
            normalised.put("type", "token");
            normalised.put("url", tokenApi);
        } else if (auth instanceof Map<?, ?> map) {
            map.forEach((k, v) -> normalised.put(String.valueOf(k), v));
            checkAuthType(block, normalised, service);
        } else if (auth != null) {
            MapNode.Entry entry = block.entries().get("auth");
            add(Severity.ERROR, entry.value().line(), entry.value().column(), "'auth' must be a block of keys,"
                    + " but is " + entry.value().describe(), "write 'auth: {type: token, url: ...}'");
        }
        return Settings.of(origin, normalised);
    }

    private void checkAuthType(MapNode block, Map<String, Object> auth, String service) {
        Object type = auth.get("type");
        MapNode.Entry entry = block.entries().get("auth");
        if (type == null) {
            add(Severity.ERROR, entry.line(), entry.column(), "the 'auth' block of the service '" + service
                    + "' has no 'type'", "add 'type:' with one of " + String.join(", ", AUTH_TYPES));
        }
        // a type that is not built in is checked against the loaded plug-ins by the credential manager, which
        // reports an unknown one once, as an error with a did-you-mean, at this block's line
    }

    private void checkBaseUrl(MapNode block, String baseUrl, String service) {
        if (baseUrl.isEmpty() || baseUrl.contains("${")) {
            return;
        }
        boolean valid;
        try {
            URI uri = URI.create(baseUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            valid = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            Node value = block.get("base_url");
            add(Severity.ERROR, value.line(), value.column(), "the base_url of the service '" + service
                    + "' is not an absolute http(s) URL: " + value.describe(), "write e.g. 'http://host:8080/api'");
        }
    }

    private Map<String, Settings> channels(MapNode root, MapNode overlay) {
        Map<String, Settings> channels = new LinkedHashMap<>();
        for (String key : channelKeys) {
            if (root.has(key) || overlay.has(key)) {
                MapNode merged = merge(asMap(root.get(key), key), asMap(overlay.get(key), key));
                channels.put(key, settings(key, merged));
            }
        }
        return channels;
    }

    private Map<String, Object> resolvePlainMap(MapNode block) {
        Map<String, Object> values = new LinkedHashMap<>();
        block.entries().forEach((key, entry) -> values.put(key, resolvePlain(entry.value())));
        return values;
    }

    private Object resolvePlain(Node node) {
        return switch (node) {
            case MapNode map -> resolvePlainMap(map);
            case ListNode list -> {
                List<Object> items = new ArrayList<>();
                list.items().forEach(item -> items.add(resolvePlain(item)));
                yield items;
            }
            case ScalarNode scalar when scalar.kind() == ScalarNode.Kind.STRING -> resolveText(scalar, resolver);
            case ScalarNode scalar -> scalar.toPlain();
        };
    }

    private String resolveText(ScalarNode value, VariableResolver using) {
        try {
            return using.resolve(value.text());
        } catch (VariableResolver.MissingVariableException e) {
            String whole = "${" + e.variable() + "}";
            String in = value.text().equals(whole) ? "" : " in '" + value.text() + "'";
            add(Severity.ERROR, value.line(), value.column(), "the variable '" + whole + "'" + in + " has no value",
                    e.hint("under 'variables' (or the environment's 'variables')"));
            return value.text();
        }
    }

    private void checkKeys(MapNode block, List<String> allowed, String prefix) {
        checkKeys(block, allowed, prefix, Severity.ERROR);
    }

    private void checkKeys(MapNode block, List<String> allowed, String prefix, Severity severity) {
        for (MapNode.Entry entry : block.entries().values()) {
            if (!allowed.contains(entry.key())) {
                String hint = Suggestions.closest(entry.key(), allowed).map(key -> "did you mean '" + key + "'?")
                        .orElse(prefix.isEmpty() ? "remove it; if it is a notifier's block, install that notifier"
                                : "allowed keys here: " + String.join(", ", allowed));
                add(severity, entry.line(), entry.column(), "unknown key '" + prefix + entry.key() + "'", hint);
            }
        }
    }

    private MapNode asMap(Node node, String what) {
        if (node == null || node instanceof ScalarNode scalar && scalar.isNull()) {
            return empty();
        }
        if (node instanceof MapNode map) {
            return map;
        }
        add(Severity.ERROR, node.line(), node.column(), what + " must be a block of keys, but is "
                + node.describe(), "indent its keys under it");
        return empty();
    }

    private ScalarNode scalar(Node node, String what) {
        if (node == null || node instanceof ScalarNode scalar && scalar.isNull()) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar;
        }
        add(Severity.ERROR, node.line(), node.column(), "'" + what + "' must be a single value, but is "
                + node.describe(), "write one value");
        return null;
    }

    private static MapNode merge(MapNode base, MapNode overlay) {
        if (overlay.entries().isEmpty()) {
            return base;
        }
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>(base.entries());
        for (MapNode.Entry entry : overlay.entries().values()) {
            MapNode.Entry old = entries.get(entry.key());
            if (old != null && old.value() instanceof MapNode oldMap && entry.value() instanceof MapNode newMap) {
                entries.put(entry.key(), new MapNode.Entry(entry.key(), entry.line(), entry.column(),
                        merge(oldMap, newMap)));
            } else {
                entries.put(entry.key(), entry);
            }
        }
        return new MapNode(entries, base.line(), base.column());
    }

    private static MapNode without(MapNode block, String... keys) {
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>(block.entries());
        for (String key : keys) {
            entries.remove(key);
        }
        return new MapNode(entries, block.line(), block.column());
    }

    private static MapNode empty() {
        return new MapNode(Map.of(), 0, 0);
    }

    private static String text(Object value) {
        return value == null || value instanceof Map || value instanceof List ? "" : value.toString();
    }

    private void add(Severity severity, int line, int column, String message, String hint) {
        problems.add(new Problem(severity, display, line, column, message, hint));
    }
}
