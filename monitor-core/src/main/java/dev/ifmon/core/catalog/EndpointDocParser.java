package dev.ifmon.core.catalog;

import dev.ifmon.api.AuthMode;
import dev.ifmon.api.Durations;
import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RequestBody;
import dev.ifmon.api.Severity;
import dev.ifmon.api.SourceLocation;
import dev.ifmon.core.config.EnvironmentVariableResolver;
import dev.ifmon.core.config.MonitorConfig;
import dev.ifmon.core.config.tree.ListNode;
import dev.ifmon.core.config.tree.MapNode;
import dev.ifmon.core.config.tree.Node;
import dev.ifmon.core.config.tree.ScalarNode;
import dev.ifmon.api.Suggestions;
import dev.ifmon.core.config.tree.Trees;
import dev.ifmon.core.http.OutgoingRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the tree of one endpoint doc into {@link EndpointDefinition}s. A file holds one endpoint (a block of
 * keys) or a list of them. An entry with an error is skipped; warnings keep it. Stateless and thread-safe.
 */
public final class EndpointDocParser {

    /** The keys of an endpoint doc. */
    public static final List<String> KEYS = List.of("name", "description", "method", "url", "headers", "params",
            "query", "body", "content_type", "enabled", "timeout", "retries", "follow_redirects", "idempotent",
            "auth", "tags", "expect", "response", "status_codes");
    /** The methods an endpoint may use. */
    public static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Values that the brief's docs write where a value belongs: type names, sent as written but warned about. */
    public static final Set<String> PLACEHOLDERS = Set.of("string", "number", "boolean", "integer");

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final int MAX_RETRIES = 10;

    /**
     * What a doc gave.
     *
     * @param endpoints the valid endpoints, in the order written
     * @param problems the problems of the doc and its entries
     */
    public record Parsed(List<EndpointDefinition> endpoints, List<Problem> problems) {

        /** Copies the lists. */
        public Parsed {
            endpoints = List.copyOf(endpoints);
            problems = List.copyOf(problems);
        }
    }

    private EndpointDocParser() {
    }

    /**
     * Reads a doc's tree.
     *
     * @param root the document
     * @param service the service folder
     * @param module the module folder
     * @param display the file's name in problems and in {@link SourceLocation}
     * @param defaultName the name of a single endpoint that has none: the file name without extension
     * @return the endpoints and problems
     */
    public static Parsed parse(Node root, String service, String module, String display, String defaultName) {
        List<EndpointDefinition> endpoints = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (root instanceof MapNode single) {
            new Entry(single, service, module, display, defaultName, problems).build().ifPresent(endpoints::add);
        } else if (root instanceof ListNode list && !list.items().isEmpty()) {
            for (Node item : list.items()) {
                if (item instanceof MapNode map) {
                    new Entry(map, service, module, display, null, problems).build().ifPresent(endpoints::add);
                } else {
                    problems.add(new Problem(Severity.ERROR, display, item.line(), item.column(),
                            "a list entry must be an endpoint (a block of keys), but is " + item.describe(),
                            "write each endpoint as a block with 'name', 'method' and 'url'"));
                }
            }
        } else {
            problems.add(new Problem(Severity.ERROR, display, root.line(), root.column(),
                    "the doc must be an endpoint (a block of keys) or a list of endpoints, but is "
                            + root.describe(), "write a block with 'name', 'method' and 'url'"));
        }
        return new Parsed(endpoints, problems);
    }

    /** Reads one endpoint entry, adding its problems to a shared list. Not thread-safe. */
    private static final class Entry {

        private final MapNode map;
        private final String service;
        private final String module;
        private final String display;
        private final String defaultName;
        private final List<Problem> problems;
        private boolean failed;

        Entry(MapNode map, String service, String module, String display, String defaultName,
                List<Problem> problems) {
            this.map = map;
            this.service = service;
            this.module = module;
            this.display = display;
            this.defaultName = defaultName;
            this.problems = problems;
        }

        Optional<EndpointDefinition> build() {
            checkKeys(map, KEYS, "");
            String name = name();
            if (name == null) {
                return Optional.empty();
            }
            EndpointDefinition.Builder builder = EndpointDefinition.builder(new EndpointId(service, module, name),
                    new SourceLocation(display, map.line(), variableLines()));
            String method = method();
            builder.method(method).url(url()).description(text("description", ""));
            Map<String, String> headers = headers();
            builder.headers(headers);
            request(builder, method, headers);
            options(builder);
            builder.expect(new ExpectationParser(this::error, this::warning, display).parse(map.get("expect"),
                    map.has("response")));
            if (map.has("response")) {
                builder.exampleResponse(Trees.toJson(map.get("response")));
            }
            builder.statusNotes(statusNotes());
            return failed ? Optional.empty() : Optional.of(builder.build());
        }

        private Map<String, Integer> variableLines() {
            Map<String, Integer> lines = new LinkedHashMap<>();
            for (String key : List.of("url", "headers", "query", "params", "body")) {
                collectVariableLines(map.get(key), lines);
            }
            return lines;
        }

        private static void collectVariableLines(Node node, Map<String, Integer> lines) {
            switch (node) {
                case null -> { }
                case ScalarNode scalar -> EnvironmentVariableResolver.references(scalar.text())
                        .forEach(name -> lines.merge(name, scalar.line(), Math::min));
                case MapNode block -> block.entries().values().forEach(e -> collectVariableLines(e.value(), lines));
                case ListNode list -> list.items().forEach(item -> collectVariableLines(item, lines));
            }
        }

        private String name() {
            Node node = map.get("name");
            if (node == null && defaultName != null) {
                return defaultName;
            }
            if (!(node instanceof ScalarNode scalar) || scalar.isNull() || scalar.text().isBlank()) {
                error(node == null ? map : node, node == null ? "the endpoint has no 'name'"
                        : "'name' must be a text, but is " + node.describe(), "add 'name:' with a unique name;"
                        + " the entry is skipped");
                return null;
            }
            return scalar.text().strip();
        }

        private String method() {
            Node node = map.get("method");
            if (node == null) {
                return "GET";
            }
            String method = scalarText(node, "method");
            String upper = method == null ? "GET" : method.strip().toUpperCase(Locale.ROOT);
            if (method != null && !METHODS.contains(upper)) {
                error(node, "'method' is '" + method + "', which is not an HTTP method ifmon sends",
                        Suggestions.closest(upper, METHODS).map(m -> "did you mean '" + m + "'?")
                                .orElse("use one of " + String.join(", ", METHODS)));
            }
            return upper;
        }

        private String url() {
            Node node = map.get("url");
            String url = node == null ? null : scalarText(node, "url");
            if (url == null || url.isBlank()) {
                error(node == null ? map : node, "the endpoint has no 'url'",
                        "add 'url:' with an absolute URL or a path joined to the service's base_url");
                return "";
            }
            checkUrl(node, url.strip());
            return url.strip();
        }

        private void checkUrl(Node node, String url) {
            if (url.chars().anyMatch(Character::isWhitespace)) {
                error(node, "'url' contains a space: '" + url + "'", "encode spaces as %20");
                return;
            }
            if (url.contains("${") || !url.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
                return;
            }
            try {
                URI uri = URI.create(OutgoingRequest.asciiHost(url));
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    error(node, "'url' is not an http(s) URL: '" + url + "'", "write http://host/path or a path");
                }
            } catch (IllegalArgumentException e) {
                error(node, "'url' is not a valid URL: '" + url + "' (" + e.getMessage() + ")",
                        "check the characters of the URL");
            }
        }

        private Map<String, String> headers() {
            Map<String, String> headers = scalarMap("headers");
            for (String name : headers.keySet()) {
                if (!HEADER_NAME.matcher(name).matches()) {
                    error(((MapNode) map.get("headers")).entries().get(name).value(), "the header name '" + name
                            + "' holds characters a header name may not", "use letters, digits and '-'");
                }
            }
            warnPlaceholders(map.get("headers"), "headers");
            return headers;
        }

        private void request(EndpointDefinition.Builder builder, String method, Map<String, String> headers) {
            boolean bodyMethod = BODY_METHODS.contains(method);
            Node params = map.get("params");
            if (params != null && bodyMethod && map.has("body")) {
                error(params, "both 'params' and 'body' are written", "keep one; for " + method
                        + " 'params' is the JSON body");
            }
            if (params != null && !bodyMethod && map.has("query")) {
                error(params, "both 'params' and 'query' are written", "keep one; for " + method
                        + " 'params' is the query string");
            }
            Map<String, String> query = new LinkedHashMap<>(scalarMap("query"));
            warnPlaceholders(map.get("query"), "query");
            if (params != null && !bodyMethod) {
                query.putAll(scalarMap("params"));
            }
            builder.query(query);
            warnPlaceholders(params, "params");
            Node body = bodyMethod && params != null ? params : map.get("body");
            if (body != null && !(body instanceof ScalarNode scalar && scalar.isNull())) {
                builder.body(body(body, headers, method));
            }
        }

        private RequestBody body(Node body, Map<String, String> headers, String method) {
            if (!BODY_METHODS.contains(method)) {
                warning(body, method + " sends a body", "most servers ignore a " + method + " body;"
                        + " use 'query' or a POST");
            }
            if (body == map.get("body")) {
                warnPlaceholders(body, "body");
            }
            String headerType = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            String written = text("content_type", null);
            if (body instanceof ScalarNode scalar) {
                String type = written != null ? written : headerType != null ? headerType : "text/plain; charset=UTF-8";
                return new RequestBody(type, scalar.text());
            }
            String type = written != null ? written : headerType != null ? headerType : "application/json";
            return new RequestBody(type, Trees.toJson(body));
        }

        private void options(EndpointDefinition.Builder builder) {
            builder.enabled(bool("enabled", true));
            builder.followRedirects(bool("follow_redirects", false));
            if (map.has("idempotent")) {
                builder.idempotent(bool("idempotent", false));
            }
            builder.timeout(timeout());
            builder.retries(retries());
            builder.auth(auth());
            builder.tags(tags());
        }

        private Duration timeout() {
            Node node = map.get("timeout");
            String text = node == null ? null : scalarText(node, "timeout");
            if (text == null) {
                return null;
            }
            Duration max = MonitorConfig.MAX_TIMEOUT;
            try {
                Duration timeout = Durations.parse(text, "s");
                if (!timeout.isZero() && timeout.compareTo(max) <= 0) {
                    return timeout;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            error(node, "'timeout' must be a positive duration of at most " + max.toMinutes() + "m, but is '"
                    + text + "'", "write seconds (10) or a unit (500ms, 30s, 2m)");
            return null;
        }

        private Integer retries() {
            Node node = map.get("retries");
            String text = node == null ? null : scalarText(node, "retries");
            if (text == null) {
                return null;
            }
            if (text.matches("[0-9]{1,2}") && Integer.parseInt(text) <= MAX_RETRIES) {
                return Integer.parseInt(text);
            }
            error(node, "'retries' must be a whole number from 0 to " + MAX_RETRIES + ", but is '" + text + "'",
                    "write e.g. 'retries: 2'");
            return null;
        }

        private AuthMode auth() {
            Node node = map.get("auth");
            String text = node == null ? null : scalarText(node, "auth");
            if (text == null || text.equalsIgnoreCase("inherit")) {
                return AuthMode.INHERIT;
            }
            if (text.equalsIgnoreCase("none")) {
                return AuthMode.NONE;
            }
            error(node, "'auth' must be 'inherit' or 'none', but is '" + text + "'",
                    "service credentials are set in config.yaml; here only 'none' turns them off");
            return AuthMode.INHERIT;
        }

        private List<String> tags() {
            Node node = map.get("tags");
            if (node == null || node instanceof ScalarNode scalar && scalar.isNull()) {
                return List.of();
            }
            if (node instanceof ScalarNode scalar) {
                return List.of(scalar.text());
            }
            List<String> tags = new ArrayList<>();
            if (node instanceof ListNode list) {
                for (Node item : list.items()) {
                    String tag = scalarText(item, "tags[]");
                    if (tag != null) {
                        tags.add(tag);
                    }
                }
            } else {
                error(node, "'tags' must be a list of texts, but is " + node.describe(), "write tags: [a, b]");
            }
            return tags;
        }

        private Map<String, String> statusNotes() {
            Map<String, String> notes = scalarMap("status_codes");
            Node node = map.get("status_codes");
            for (String code : notes.keySet()) {
                if (!code.matches("[1-5]([0-9]{2}|xx|XX)")) {
                    warning(((MapNode) node).entries().get(code).value(), "'status_codes' has the key '" + code
                            + "', which is not a status code", "write codes like 404 or 5xx");
                }
            }
            return notes;
        }

        private void warnPlaceholders(Node node, String path) {
            switch (node) {
                case null -> { }
                case ScalarNode scalar -> {
                    if (scalar.kind() == ScalarNode.Kind.STRING && PLACEHOLDERS.contains(scalar.text())) {
                        warning(scalar, "'" + path + "' holds the type name '" + scalar.text()
                                + "' where a value belongs; it is sent as written", "write a real example value");
                    }
                }
                case MapNode block -> block.entries().values()
                        .forEach(e -> warnPlaceholders(e.value(), path + "." + e.key()));
                case ListNode list -> {
                    for (int i = 0; i < list.items().size(); i++) {
                        warnPlaceholders(list.items().get(i), path + "[" + i + "]");
                    }
                }
            }
        }

        private Map<String, String> scalarMap(String key) {
            Node node = map.get(key);
            Map<String, String> values = new LinkedHashMap<>();
            if (node == null || node instanceof ScalarNode scalar && scalar.isNull()) {
                return values;
            }
            if (!(node instanceof MapNode block)) {
                error(node, "'" + key + "' must be a block of names and values, but is " + node.describe(),
                        "write '" + key + ": {name: value}'");
                return values;
            }
            for (MapNode.Entry entry : block.entries().values()) {
                String value = scalarText(entry.value(), key + "." + entry.key());
                if (value != null || entry.value() instanceof ScalarNode) {
                    values.put(entry.key(), value == null ? "" : value);
                }
            }
            return values;
        }

        private String scalarText(Node node, String what) {
            if (node instanceof ScalarNode scalar) {
                return scalar.isNull() ? null : scalar.text();
            }
            error(node, "'" + what + "' must be a single value, but is " + node.describe(), "write one value");
            return null;
        }

        private String text(String key, String fallback) {
            Node node = map.get(key);
            String text = node == null ? null : scalarText(node, key);
            return text == null ? fallback : text;
        }

        private boolean bool(String key, boolean fallback) {
            Node node = map.get(key);
            String text = node == null ? null : scalarText(node, key);
            if (text == null) {
                return fallback;
            }
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            error(node, "'" + key + "' must be true or false, but is '" + text + "'", "write true or false");
            return fallback;
        }

        private void checkKeys(MapNode block, List<String> allowed, String prefix) {
            for (MapNode.Entry entry : block.entries().values()) {
                if (!allowed.contains(entry.key())) {
                    problems.add(new Problem(Severity.WARNING, display, entry.line(), entry.column(),
                            "unknown key '" + prefix + entry.key() + "' is ignored",
                            Suggestions.hint(entry.key(), allowed)));
                }
            }
        }

        private void error(Node at, String message, String hint) {
            failed = true;
            problems.add(new Problem(Severity.ERROR, display, at.line(), at.column(), message, hint));
        }

        private void warning(Node at, String message, String hint) {
            problems.add(new Problem(Severity.WARNING, display, at.line(), at.column(), message, hint));
        }
    }
}
