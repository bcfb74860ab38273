package dev.ifmon.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One endpoint to check, as an {@link EndpointSource} defined it.
 *
 * <p>Texts may still hold {@code ${NAME}} variables: the core resolves them for the selected environment
 * before a request is built, and joins a relative {@code url} to the service's base URL. Header and query
 * maps keep the order written. Build one with {@link #builder(EndpointId, SourceLocation)}.
 *
 * @param id the endpoint's identity
 * @param description free text from the doc; empty when none
 * @param method the HTTP method in upper case, e.g. {@code GET}
 * @param url an absolute URL, or a path relative to the service's base URL
 * @param headers request headers, name to value
 * @param query query parameters, name to value, appended to the URL
 * @param body the request body, or {@code null} for none
 * @param enabled whether the endpoint is checked
 * @param timeout the time allowed for the whole exchange, or {@code null} for the monitor's default
 * @param retries extra attempts for transient failures, or {@code null} for the service's default
 * @param followRedirects whether 3xx answers are followed
 * @param idempotent whether a POST, PUT or PATCH may be retried; {@code null} for the method's default
 * @param auth whether requests carry the service's credentials
 * @param tags free labels for filtering and reports
 * @param expect what the answer must look like
 * @param exampleResponse the doc's example response as JSON text, or {@code null}
 * @param statusNotes the doc's notes on status codes, code to meaning
 * @param source where the endpoint was defined
 */
public record EndpointDefinition(
        EndpointId id,
        String description,
        String method,
        String url,
        Map<String, String> headers,
        Map<String, String> query,
        RequestBody body,
        boolean enabled,
        Duration timeout,
        Integer retries,
        boolean followRedirects,
        Boolean idempotent,
        AuthMode auth,
        List<String> tags,
        Expectation expect,
        String exampleResponse,
        Map<String, String> statusNotes,
        SourceLocation source) {

    /** Checks the components and copies the collections. */
    public EndpointDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(expect, "expect");
        Objects.requireNonNull(source, "source");
        description = description == null ? "" : description;
        method = SharedText.of(method);
        headers = ordered(headers);
        query = ordered(query);
        tags = List.copyOf(tags);
        statusNotes = ordered(statusNotes);
    }

    private static Map<String, String> ordered(Map<String, String> map) {
        if (map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(SharedText.of(key), SharedText.of(value)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Starts a definition with the defaults of a doc that gives only a URL: {@code GET}, enabled, no
     * headers, no body, inherited timeout, retries and auth, no redirects followed.
     *
     * @param id the endpoint's identity
     * @param source where it was defined
     * @return a builder
     */
    public static Builder builder(EndpointId id, SourceLocation source) {
        return new Builder(id, source);
    }

    /** @return a builder holding this definition's values, to derive a changed copy */
    public Builder toBuilder() {
        Builder builder = new Builder(id, source);
        builder.description = description;
        builder.method = method;
        builder.url = url;
        builder.headers = new LinkedHashMap<>(headers);
        builder.query = new LinkedHashMap<>(query);
        builder.body = body;
        builder.enabled = enabled;
        builder.timeout = timeout;
        builder.retries = retries;
        builder.followRedirects = followRedirects;
        builder.idempotent = idempotent;
        builder.auth = auth;
        builder.tags = tags;
        builder.expect = expect;
        builder.exampleResponse = exampleResponse;
        builder.statusNotes = new LinkedHashMap<>(statusNotes);
        return builder;
    }

    /** Builds an {@link EndpointDefinition}. Not thread-safe; use one per definition. */
    public static final class Builder {

        private final EndpointId id;
        private final SourceLocation source;
        private String description = "";
        private String method = "GET";
        private String url = "";
        private Map<String, String> headers = new LinkedHashMap<>();
        private Map<String, String> query = new LinkedHashMap<>();
        private RequestBody body;
        private boolean enabled = true;
        private Duration timeout;
        private Integer retries;
        private boolean followRedirects;
        private Boolean idempotent;
        private AuthMode auth = AuthMode.INHERIT;
        private List<String> tags = List.of();
        private Expectation expect = Expectation.none();
        private String exampleResponse;
        private Map<String, String> statusNotes = new LinkedHashMap<>();

        private Builder(EndpointId id, SourceLocation source) {
            this.id = Objects.requireNonNull(id, "id");
            this.source = Objects.requireNonNull(source, "source");
        }

        /** @param value free text @return this builder */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** @param value the HTTP method; upper-cased @return this builder */
        public Builder method(String value) {
            this.method = value.toUpperCase(java.util.Locale.ROOT);
            return this;
        }

        /** @param value absolute URL or path @return this builder */
        public Builder url(String value) {
            this.url = value;
            return this;
        }

        /** @param value headers in order @return this builder */
        public Builder headers(Map<String, String> value) {
            this.headers = new LinkedHashMap<>(value);
            return this;
        }

        /** @param name header name @param value header value @return this builder */
        public Builder header(String name, String value) {
            this.headers.put(name, value);
            return this;
        }

        /** @param value query parameters in order @return this builder */
        public Builder query(Map<String, String> value) {
            this.query = new LinkedHashMap<>(value);
            return this;
        }

        /** @param value the body or {@code null} @return this builder */
        public Builder body(RequestBody value) {
            this.body = value;
            return this;
        }

        /** @param value whether it is checked @return this builder */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /** @param value the timeout or {@code null} @return this builder */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** @param value extra attempts or {@code null} @return this builder */
        public Builder retries(Integer value) {
            this.retries = value;
            return this;
        }

        /** @param value whether 3xx is followed @return this builder */
        public Builder followRedirects(boolean value) {
            this.followRedirects = value;
            return this;
        }

        /** @param value idempotency or {@code null} @return this builder */
        public Builder idempotent(Boolean value) {
            this.idempotent = value;
            return this;
        }

        /** @param value auth mode @return this builder */
        public Builder auth(AuthMode value) {
            this.auth = value;
            return this;
        }

        /** @param value tags @return this builder */
        public Builder tags(List<String> value) {
            this.tags = List.copyOf(value);
            return this;
        }

        /** @param value the expectation @return this builder */
        public Builder expect(Expectation value) {
            this.expect = value;
            return this;
        }

        /** @param value example response JSON or {@code null} @return this builder */
        public Builder exampleResponse(String value) {
            this.exampleResponse = value;
            return this;
        }

        /** @param value status notes in order @return this builder */
        public Builder statusNotes(Map<String, String> value) {
            this.statusNotes = new LinkedHashMap<>(value);
            return this;
        }

        /** @return the definition */
        public EndpointDefinition build() {
            return new EndpointDefinition(id, description, method, url, headers, query, body, enabled, timeout,
                    retries, followRedirects, idempotent, auth, tags, expect, exampleResponse, statusNotes, source);
        }
    }
}
