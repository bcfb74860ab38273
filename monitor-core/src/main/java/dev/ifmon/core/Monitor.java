package dev.ifmon.core;

import dev.ifmon.api.Alert;
import dev.ifmon.api.AlertKind;
import dev.ifmon.api.Check;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.api.HttpResponseSnapshot;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RoundReport;
import dev.ifmon.api.Settings;
import dev.ifmon.core.mask.Masker;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * STAND-IN of the orchestrator written by the lead, so that the runner compiles and its tests run. It reads
 * {@code config.yaml} and the {@code Interface-pool} very simply, checks endpoints with
 * {@code java.net.http}, classifies the common failures, and hands a digest to notifiers that match a
 * configured channel. Thread-safety: {@link #runOnce()} must not be called concurrently.
 *
 * <p>Known limitation: no alert state, no outbox, no plug-in jars; the real class replaces this one.
 */
public final class Monitor implements AutoCloseable {

    private static final Set<String> CORE_KEYS =
            Set.of("default_environment", "monitor", "interface_docs", "alerts", "services", "environments");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(env:)?([A-Za-z0-9_.-]+)}");
    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path configFile;
    private final String environment;
    private final Map<String, Object> root;
    private final Map<String, Object> variables;
    private final List<Notifier> notifiers;
    private final Clock clock;
    private final Consumer<RoundOutcome> listener;
    private final HttpClient client;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private Monitor(Builder builder, Map<String, Object> root, String environment) {
        this.configFile = builder.configFile;
        this.root = root;
        this.environment = environment;
        this.variables = map(map(map(root.get("environments")).get(environment)).get("variables"));
        this.notifiers = new ArrayList<>(builder.notifiers);
        if (builder.discover) {
            ServiceLoader.load(Notifier.class).forEach(notifiers::add);
        }
        this.clock = builder.clock;
        this.listener = builder.listener;
        this.client = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Monitor}. Not thread-safe. */
    public static final class Builder {
        private Path configFile;
        private String environment;
        private boolean discover = true;
        private final List<Notifier> notifiers = new ArrayList<>();
        private Clock clock = Clock.systemDefaultZone();
        private Consumer<RoundOutcome> listener = outcome -> { };

        private Builder() {
        }

        /** @param file the config file @return this builder */
        public Builder config(Path file) {
            this.configFile = file;
            return this;
        }

        /** @param name the environment, {@code null} for the default @return this builder */
        public Builder environment(String name) {
            this.environment = name;
            return this;
        }

        /** @param on whether to find notifiers through ServiceLoader @return this builder */
        public Builder discoverPlugins(boolean on) {
            this.discover = on;
            return this;
        }

        /** @param dir ignored by the stand-in @return this builder */
        public Builder pluginsDirectory(Path dir) {
            return this;
        }

        /** @param notifier a notifier to use @return this builder */
        public Builder addNotifier(Notifier notifier) {
            notifiers.add(Objects.requireNonNull(notifier));
            return this;
        }

        /** @param check ignored by the stand-in @return this builder */
        public Builder addCheck(Check check) {
            return this;
        }

        /** @param value the clock for timestamps @return this builder */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** @param value called after each round @return this builder */
        public Builder onRound(Consumer<RoundOutcome> value) {
            this.listener = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @return the monitor
         * @throws IfmonException when the config file cannot be read at all
         */
        public Monitor build() {
            if (configFile == null || !Files.isRegularFile(configFile)) {
                throw new IfmonException(configFile + ": config file not found; pass an existing config.yaml");
            }
            Map<String, Object> root;
            try (InputStream in = Files.newInputStream(configFile)) {
                root = map(YAML.readValue(in, Map.class));
            } catch (IOException | RuntimeException e) {
                throw new IfmonException(configFile + ": cannot be read as YAML (" + e.getMessage()
                        + "); fix the file and run 'ifmon validate'", e);
            }
            String env = environment != null ? environment
                    : String.valueOf(root.getOrDefault("default_environment", ""));
            if (!env.isEmpty() && !map(root.get("environments")).containsKey(env)) {
                throw new IfmonException(configFile + ": environment '" + env + "' is not declared under "
                        + "'environments'; pick one of " + map(root.get("environments")).keySet());
            }
            return new Monitor(this, root, env);
        }
    }

    /** @return minutes between rounds */
    public Duration interval() {
        Object value = map(root.get("monitor")).get("interval");
        return value == null ? Duration.ofMinutes(15) : dev.ifmon.api.Durations.parse(value, "m");
    }

    /** @return whether monitoring is enabled */
    public boolean enabled() {
        return !"false".equals(String.valueOf(map(root.get("monitor")).get("enabled")));
    }

    /** @return every problem in config and catalog */
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        loadCatalog(problems);
        return problems;
    }

    /**
     * @param text the test message
     * @return per notifier type, how it went
     */
    public Map<String, DeliveryResult> notifyTest(String text) {
        Map<String, DeliveryResult> results = new LinkedHashMap<>();
        activeChannels().forEach((notifier, settings) ->
                results.put(notifier.type(), notifier.sendTest(text, settings)));
        return results;
    }

    /** @return the outcome of one round */
    public RoundOutcome runOnce() {
        OffsetDateTime started = OffsetDateTime.now(clock);
        List<Problem> problems = new ArrayList<>();
        List<Endpoint> endpoints = loadCatalog(problems);
        List<CheckResult> results = checkAll(endpoints);
        RoundReport report = new RoundReport(environment, started, OffsetDateTime.now(clock), results, problems);
        RoundOutcome outcome = notify(report);
        listener.accept(outcome);
        return outcome;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        client.close();
    }

    private record Endpoint(EndpointId id, Map<String, Object> doc, Map<String, Object> service) {
    }

    private List<Endpoint> loadCatalog(List<Problem> problems) {
        String written = String.valueOf(map(root.get("interface_docs")).getOrDefault("root_path", "./Interface-pool"));
        Path catalog = configFile.toAbsolutePath().getParent().resolve(written).normalize();
        List<Endpoint> endpoints = new ArrayList<>();
        if (!Files.isDirectory(catalog)) {
            problems.add(Problem.error(configFile.toString(), "interface_docs.root_path '" + written
                    + "' is not a folder", "create it or fix the path"));
            return endpoints;
        }
        try (Stream<Path> files = Files.find(catalog, 3, (path, attrs) -> attrs.isRegularFile()
                && path.getFileName().toString().matches("[^.].*\\.(json|ya?ml)"))) {
            files.sorted().forEach(file -> readDoc(catalog, file, endpoints, problems));
        } catch (IOException e) {
            problems.add(Problem.error(catalog.toString(), "cannot list: " + e.getMessage(), ""));
        }
        return endpoints;
    }

    private void readDoc(Path catalog, Path file, List<Endpoint> endpoints, List<Problem> problems) {
        Path relative = catalog.relativize(file);
        if (relative.getNameCount() != 3) {
            return;
        }
        String serviceName = relative.getName(0).toString();
        Map<String, Object> service = service(serviceName);
        if ("false".equals(String.valueOf(service.get("enabled")))) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = (file.toString().endsWith(".json") ? JSON : YAML).readValue(in, Object.class);
            List<?> docs = parsed instanceof List<?> list ? list : List.of(parsed);
            for (Object doc : docs) {
                Map<String, Object> fields = map(doc);
                EndpointId id = new EndpointId(serviceName, relative.getName(1).toString(),
                        String.valueOf(fields.getOrDefault("name", file.getFileName().toString())));
                if (!"false".equals(String.valueOf(fields.get("enabled")))) {
                    endpoints.add(new Endpoint(id, fields, service));
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(Problem.error("Interface-pool/" + relative.toString().replace('\\', '/'),
                    "cannot be read: " + e.getMessage().lines().findFirst().orElse(""), "fix the doc; it was skipped"));
        }
    }

    private Map<String, Object> service(String name) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Object entry : root.get("services") instanceof List<?> list ? list : List.of()) {
            if (name.equals(map(entry).get("name"))) {
                merged.putAll(map(entry));
            }
        }
        merged.putAll(map(map(map(map(root.get("environments")).get(environment)).get("services")).get(name)));
        return merged;
    }

    private List<CheckResult> checkAll(List<Endpoint> endpoints) {
        Semaphore permits = new Semaphore(Math.max(1, intSetting(map(root.get("monitor")).get("concurrency"), 5)));
        Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
        List<Future<CheckResult>> futures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            futures.add(executor.submit(() -> {
                permits.acquire();
                try {
                    return check(endpoint, tokens);
                } finally {
                    permits.release();
                }
            }));
        }
        List<CheckResult> results = new ArrayList<>();
        for (Future<CheckResult> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                throw new IfmonException("check failed unexpectedly: " + e.getCause(), e.getCause());
            }
        }
        return results;
    }

    private CheckResult check(Endpoint endpoint, Map<String, String> tokens) {
        Map<String, Object> doc = endpoint.doc();
        String method = String.valueOf(doc.getOrDefault("method", "GET")).toUpperCase(java.util.Locale.ROOT);
        String url = joinUrl(resolve(String.valueOf(endpoint.service().getOrDefault("base_url", ""))),
                resolve(String.valueOf(doc.getOrDefault("url", ""))));
        Duration timeout = seconds(doc.getOrDefault("timeout", map(root.get("monitor")).get("timeout")), 10);
        Instant begin = clock.instant();
        String token = "";
        Object tokenApi = endpoint.service().get("token_api");
        if (tokenApi != null && !"none".equals(String.valueOf(doc.get("auth")))) {
            try {
                token = tokens.computeIfAbsent(endpoint.id().service(),
                        name -> fetchToken(resolve(tokenApi.toString())));
            } catch (RuntimeException e) {
                return result(endpoint, method, url, Outcome.AUTH_ERROR, "TOKEN_FAILED",
                        "token could not be fetched: " + e.getMessage(), null, begin, 1, null);
            }
        }
        int attempts = 0;
        int maxAttempts = 1 + intSetting(doc.get("retries"), 0);
        CheckResult last = null;
        while (attempts < maxAttempts) {
            attempts++;
            last = attempt(endpoint, method, url, timeout, token, attempts);
            boolean transientFailure = last.status() != null && last.status() >= 502 && last.status() <= 504
                    || "REFUSED".equals(last.reasonCode());
            if (!transientFailure) {
                break;
            }
        }
        return last;
    }

    private String fetchToken(String tokenApi) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(tokenApi))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            JsonNode token = body.at("/data/token").isMissingNode() ? body.path("token") : body.at("/data/token");
            if (response.statusCode() != 200 || !token.isString()) {
                throw new IllegalStateException("token API answered " + response.statusCode());
            }
            return token.asString();
        } catch (IOException e) {
            throw new IllegalStateException(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private CheckResult attempt(Endpoint endpoint, String method, String url, Duration timeout, String token,
                                int attempts) {
        Map<String, Object> doc = endpoint.doc();
        Map<String, Object> params = map(doc.get("params"));
        boolean query = Set.of("GET", "DELETE", "HEAD").contains(method);
        String target = query && !params.isEmpty() ? url + (url.contains("?") ? "&" : "?") + queryString(params) : url;
        String body = query || params.isEmpty() ? "" : JSON.writeValueAsString(params);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        map(doc.get("headers")).forEach((name, value) -> headers.put(name, List.of(resolve(String.valueOf(value)))));
        if (!token.isEmpty()) {
            headers.put("Authorization", List.of("Bearer " + token));
        }
        HttpRequestSnapshot request = new HttpRequestSnapshot(method, target, headers, body);
        Instant begin = clock.instant();
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target)).timeout(timeout)
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach((name, values) -> builder.header(name, values.get(0)));
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return judge(endpoint, method, url, response, begin, attempts, request);
        } catch (HttpTimeoutException e) {
            return failed(endpoint, method, url, Outcome.TIMEOUT, "TIMEOUT",
                    "no answer within " + timeout.toMillis() + " ms", begin, attempts, request);
        } catch (ConnectException e) {
            boolean dns = isUnresolved(e);
            return failed(endpoint, method, url, Outcome.NETWORK_ERROR, dns ? "DNS" : "REFUSED",
                    dns ? "host name could not be resolved" : "connection refused", begin, attempts, request);
        } catch (IOException | IllegalArgumentException e) {
            return failed(endpoint, method, url, Outcome.NETWORK_ERROR, "IO",
                    String.valueOf(e.getMessage()), begin, attempts, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(endpoint, method, url, Outcome.NOT_CHECKED, "INTERRUPTED", "interrupted", begin,
                    attempts, request);
        }
    }

    private static boolean isUnresolved(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private CheckResult judge(Endpoint endpoint, String method, String url, HttpResponse<String> response,
                              Instant begin, int attempts, HttpRequestSnapshot request) {
        int status = response.statusCode();
        HttpResponseSnapshot snapshot = new HttpResponseSnapshot(status, response.headers().map(),
                response.body(), false, response.body().length(), List.of());
        if (status == 404 || status >= 500) {
            return result(endpoint, method, url, Outcome.HTTP_ERROR, "HTTP_" + status, "HTTP " + status, status,
                    begin, attempts, new Snapshots(request, snapshot));
        }
        String failed = failedAssertion(map(endpoint.doc().get("expect")), response.body());
        if (failed != null) {
            return result(endpoint, method, url, Outcome.ASSERTION_FAILED, "JSON_ASSERTION", failed, status,
                    begin, attempts, new Snapshots(request, snapshot));
        }
        return result(endpoint, method, url, Outcome.OK, "", "", status, begin, attempts, null);
    }

    private static String failedAssertion(Map<String, Object> expect, String body) {
        for (Object item : expect.get("json") instanceof List<?> list ? list : List.of()) {
            Map<String, Object> assertion = map(item);
            String pointer = String.valueOf(assertion.getOrDefault("pointer", ""));
            JsonNode actual;
            try {
                actual = JSON.readTree(body).at(pointer);
            } catch (RuntimeException e) {
                return "body is not JSON";
            }
            String expected = String.valueOf(assertion.get("equals"));
            if (assertion.containsKey("equals") && !actual.asString("").equals(expected)) {
                return pointer + " is " + actual + ", expected " + assertion.get("equals");
            }
        }
        return null;
    }

    private record Snapshots(HttpRequestSnapshot request, HttpResponseSnapshot response) {
    }

    private CheckResult failed(Endpoint endpoint, String method, String url, Outcome outcome, String code,
                               String reason, Instant begin, int attempts, HttpRequestSnapshot request) {
        return result(endpoint, method, url, outcome, code, reason, null, begin, attempts,
                new Snapshots(request, null));
    }

    private CheckResult result(Endpoint endpoint, String method, String url, Outcome outcome, String code,
                               String reason, Integer status, Instant begin, int attempts, Snapshots snapshots) {
        Instant now = clock.instant();
        Masker masker = Masker.none();
        return new CheckResult(endpoint.id(), method, masker.maskUrl(url), outcome, code, reason, status,
                Duration.between(begin, now), attempts, now,
                snapshots == null ? null : masker.mask(snapshots.request()),
                snapshots == null ? null : masker.mask(snapshots.response()), List.of());
    }

    private RoundOutcome notify(RoundReport report) {
        List<String> notes = new ArrayList<>();
        boolean pending = false;
        if (!report.hasFailures()) {
            return new RoundOutcome(report, false, notes);
        }
        Digest digest = new Digest(report.environment(), report.startedAt(), ZoneId.systemDefault(),
                report.results().size(), report.summary(),
                report.failures().stream()
                        .map(result -> new Alert(AlertKind.NEW, result, result.checkedAt(), 1)).toList(),
                report.problems(), "", List.of());
        for (Map.Entry<Notifier, Settings> channel : activeChannels().entrySet()) {
            DeliveryResult delivery;
            try {
                delivery = channel.getKey().deliver(digest, channel.getValue());
            } catch (RuntimeException e) {
                delivery = DeliveryResult.retryable(e.toString());
            }
            pending |= delivery.status() != DeliveryResult.Status.DELIVERED;
            notes.add(channel.getKey().type() + ": " + delivery.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (delivery.detail().isEmpty() ? "" : " (" + delivery.detail() + ")"));
        }
        return new RoundOutcome(report, pending, notes);
    }

    private Map<Notifier, Settings> activeChannels() {
        Map<Notifier, Settings> active = new LinkedHashMap<>();
        for (Notifier notifier : notifiers) {
            String key = notifier.configKey();
            if (CORE_KEYS.contains(key) || !root.containsKey(key)) {
                continue;
            }
            Map<String, Object> block = new LinkedHashMap<>(map(root.get(key)));
            block.putAll(map(map(map(root.get("environments")).get(environment)).get(key)));
            block.replaceAll((name, value) -> value instanceof String text ? resolve(text) : value);
            Settings settings = Settings.of(configFile.getFileName() + ": " + key, block);
            if (notifier.isEnabled(settings)) {
                active.putIfAbsent(notifier, settings);
            }
        }
        return active;
    }

    private String resolve(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            Object value = matcher.group(1) == null ? variables.get(name) : null;
            String replacement = value != null ? value.toString() : System.getenv(name);
            String substitute = replacement == null ? matcher.group() : replacement;
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(substitute));
        }
        return matcher.appendTail(resolved).toString();
    }

    private static String joinUrl(String base, String url) {
        if (url.contains("://") || base.isEmpty()) {
            return url;
        }
        return base.replaceAll("/+$", "") + "/" + url.replaceAll("^/+", "");
    }

    private static String queryString(Map<String, Object> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    private static int intSetting(Object value, int fallback) {
        return value == null ? fallback : Integer.parseInt(value.toString().trim());
    }

    private static Duration seconds(Object value, int fallback) {
        return value == null ? Duration.ofSeconds(fallback) : dev.ifmon.api.Durations.parse(value, "s");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
