package dev.ifmon.core.http;

import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.core.mask.Masker;
import java.net.IDN;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request as the engine sends it: method, full URL, headers and body. Builds the JDK request, dropping
 * the headers the JDK client refuses to send ({@code Host}, {@code Connection}, {@code Content-Length},
 * {@code Expect}, {@code Upgrade}) and names it cannot carry, so a bad header never crashes a round.
 * Immutable and thread-safe.
 *
 * @param method the HTTP method
 * @param uri the full URL, query included
 * @param headers the headers to send, in order
 * @param contentType the body's media type, or {@code null} without a body
 * @param body the body text, or {@code null} for none
 */
public record OutgoingRequest(String method, URI uri, Map<String, String> headers, String contentType,
        String body) {

    /** Header names the JDK client sets itself and refuses from callers. */
    public static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");
    /** Scheme and user info, then the host of an absolute URL (an IPv6 literal is left alone). */
    private static final Pattern AUTHORITY = Pattern.compile(
            "([a-zA-Z][a-zA-Z0-9+.-]*://(?:[^/?#@]*@)?)([^/?#:\\[\\]]+)");

    /** Checks and copies the components. */
    public OutgoingRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * Appends query parameters to a URL, percent-encoding them (and any other non-ASCII text) as UTF-8.
     *
     * @param url the URL, possibly with a query already
     * @param query the parameters to add, in order
     * @return the full URL
     * @throws IllegalArgumentException when the result is not a valid absolute http(s) URL
     */
    public static URI withQuery(String url, Map<String, String> query) {
        StringBuilder text = new StringBuilder(asciiHost(url));
        char separator = url.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> entry : query.entrySet()) {
            text.append(separator).append(encode(entry.getKey())).append('=').append(encode(entry.getValue()));
            separator = '&';
        }
        URI uri = URI.create(URI.create(text.toString()).toASCIIString());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
        }
        return uri;
    }

    /**
     * Writes an internationalised host name ({@code http://例子.invalid/}) in its ASCII form
     * ({@code xn--fsqu00a.invalid}, with {@link IDN#toASCII}); the rest of the URL is left as it is.
     *
     * @param url an absolute URL, or any text
     * @return the URL with an ASCII host; the text unchanged when it has no scheme and host or the host is
     *     ASCII already
     * @throws IllegalArgumentException when the host is no valid internationalised domain name
     */
    public static String asciiHost(String url) {
        Matcher matcher = AUTHORITY.matcher(url);
        if (!matcher.lookingAt() || matcher.group(2).chars().allMatch(c -> c < 128)) {
            return url;
        }
        try {
            return matcher.group(1) + IDN.toASCII(matcher.group(2)) + url.substring(matcher.end());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the host name '" + matcher.group(2) + "' is not a valid "
                    + "internationalised domain name: " + e.getMessage(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * @param name a header name
     * @return why the JDK client will not send it, or {@code null} when it will
     */
    public static String refusal(String name) {
        if (RESTRICTED_HEADERS.contains(name.trim().toLowerCase(Locale.ROOT))) {
            return "header '" + name + "' is set by the HTTP client itself and cannot be sent; it is dropped";
        }
        if (name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            return "header name '" + name + "' is not a valid HTTP token; it is dropped";
        }
        return null;
    }

    /**
     * @param timeoutBackstop a per-request timeout the JDK enforces until the headers arrive
     * @param dropped receives a warning per dropped header
     * @return the JDK request
     */
    public HttpRequest toHttpRequest(Duration timeoutBackstop, List<String> dropped) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeoutBackstop)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        sentHeaders(dropped).forEach(builder::header);
        return builder.build();
    }

    /**
     * The headers as they go out: without the ones the HTTP client refuses (by name or by value), with the
     * body's {@code Content-Type} when the doc gives none.
     */
    private Map<String, String> sentHeaders(List<String> dropped) {
        Map<String, String> sent = new LinkedHashMap<>();
        HttpRequest.Builder probe = HttpRequest.newBuilder();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String refusal = refusal(header.getKey());
            if (refusal != null) {
                dropped.add(refusal);
                continue;
            }
            String value = header.getValue() == null ? "" : header.getValue();
            try {
                probe.header(header.getKey(), value);
                sent.put(header.getKey(), value);
            } catch (IllegalArgumentException e) {
                dropped.add("header '" + header.getKey() + "' has a value the HTTP client refuses; it is dropped");
            }
        }
        if (body != null && contentType != null && sent.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            sent.put("Content-Type", contentType);
        }
        return sent;
    }

    /** @return the request as a snapshot, not yet masked: only the headers that are sent */
    public HttpRequestSnapshot snapshot() {
        Map<String, List<String>> sent = new LinkedHashMap<>();
        sentHeaders(new ArrayList<>()).forEach((name, value) -> sent.put(name, List.of(value)));
        return new HttpRequestSnapshot(method, uri.toString(), sent, body);
    }

    /**
     * @param next the redirect target
     * @param keepBody whether the method and body are kept (307, 308) rather than turned into a GET
     * @param sameOrigin whether the target has the same scheme, host and port; credentials go only there
     * @param credentialHeaders names of credential headers to drop when leaving the origin, besides every
     *     header with a sensitive name ({@link Masker#isSensitiveName}: {@code Authorization}, {@code Cookie},
     *     {@code X-Api-Key}, {@code X-Token}, ...)
     * @return the request for the next hop
     */
    public OutgoingRequest redirectTo(URI next, boolean keepBody, boolean sameOrigin, Set<String> credentialHeaders) {
        Map<String, String> nextHeaders = new LinkedHashMap<>(headers);
        if (!sameOrigin) {
            nextHeaders.keySet().removeIf(name -> credentialHeaders.contains(name.toLowerCase(Locale.ROOT))
                    || Masker.isSensitiveName(name));
        }
        if (keepBody) {
            return new OutgoingRequest(method, next, nextHeaders, contentType, body);
        }
        nextHeaders.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type"));
        String nextMethod = method.equals("HEAD") ? "HEAD" : "GET";
        return new OutgoingRequest(nextMethod, next, nextHeaders, null, null);
    }
}
