package dev.ifmon.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The request as it was sent, for checks and reports. Secrets in headers, query and body are already
 * masked when a snapshot leaves the core.
 *
 * @param method the HTTP method
 * @param url the full URL with query, secrets masked
 * @param headers the headers sent, case-insensitive, secrets masked
 * @param body the body text, possibly truncated, or {@code ""} when there was none
 */
public record HttpRequestSnapshot(String method, String url, Map<String, List<String>> headers, String body) {

    /** Checks and copies the components. */
    public HttpRequestSnapshot {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = Headers.copyOf(headers);
        body = body == null ? "" : body;
    }
}
