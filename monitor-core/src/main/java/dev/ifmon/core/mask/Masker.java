package dev.ifmon.core.mask;

import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.api.HttpResponseSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in everything the monitor shows: URLs, headers, bodies and free text. Immutable and
 * thread-safe; derive a masker that knows more secrets with {@link #withSecrets(Set)}.
 *
 * <p>Three rules apply. Known secret values (from {@code ${env:...}} variables, credentials, passwords) are
 * replaced wherever they appear. Headers with sensitive names ({@code Authorization}, {@code Cookie},
 * names containing {@code token}, {@code secret}, {@code password}, {@code key}) are replaced whole. Query
 * parameters and JSON or form fields with sensitive names ({@code password}, {@code token},
 * {@code access_token}, {@code client_secret}, {@code key}, ...) have their values replaced.
 *
 * <p>Known limitation: a secret shorter than {@value #MIN_SECRET_LENGTH} characters is not searched for in
 * free text (it would mask ordinary words); it is still masked under a sensitive name.
 */
public final class Masker {

    /** What a hidden value is shown as. */
    public static final String MASK = "******";
    /** Secrets shorter than this are only masked by name. */
    public static final int MIN_SECRET_LENGTH = 4;
    /** A single cookie's value shorter than this is not searched for in free text. */
    public static final int MIN_COOKIE_SECRET_LENGTH = 8;

    private static final Pattern SENSITIVE_HEADER = Pattern.compile(
            "authorization|proxy-authorization|cookie|set-cookie|.*token.*|.*secret.*|.*passw.*|.*api-?key.*"
                    + "|x-.*-key|.*signature.*|.*session.*",
            Pattern.CASE_INSENSITIVE);
    private static final String SENSITIVE_FIELD =
            "(?:password|passwd|pwd|pass|secret|client_secret|token|access_token|refresh_token|id_token"
                    + "|api_key|apikey|key|sign|signature|credential|credentials|authorization|session|sessionid)";
    private static final Pattern QUERY_FIELD = Pattern.compile(
            "([?&;]" + SENSITIVE_FIELD + "=)([^&#\\s]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(\"" + SENSITIVE_FIELD + "\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORM_FIELD = Pattern.compile(
            "(^|&)(" + SENSITIVE_FIELD + "=)([^&]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");

    private static final Masker NONE = new Masker(List.of());

    private final List<String> secrets;

    private Masker(List<String> secrets) {
        this.secrets = secrets;
    }

    /** @return a masker that knows no secret values; name-based rules still apply */
    public static Masker none() {
        return NONE;
    }

    /**
     * @param values secret values to hide wherever they appear
     * @return a masker for them
     */
    public static Masker of(Set<String> values) {
        return NONE.withSecrets(values);
    }

    /**
     * @param values more secret values
     * @return a masker that hides these and the ones this masker knows
     */
    public Masker withSecrets(Set<String> values) {
        List<String> all = new ArrayList<>(secrets);
        for (String value : values) {
            if (value != null && value.length() >= MIN_SECRET_LENGTH && !all.contains(value)) {
                all.add(value);
            }
        }
        all.sort(Comparator.comparingInt(String::length).reversed());
        return new Masker(List.copyOf(all));
    }

    /**
     * @param name a header name
     * @return whether the header's value is hidden whole
     */
    public static boolean isSensitiveHeader(String name) {
        return SENSITIVE_HEADER.matcher(name.trim()).matches();
    }

    /**
     * The values that sensitive request headers carry, so that a check can hide them wherever else they
     * show up, e.g. in a response body that echoes the request. A value that only a header name hid before
     * (a literal {@code Cookie} or {@code Authorization} in an endpoint doc) is then hidden in every text.
     *
     * @param headers request headers, name to value
     * @return for each sensitive header: its whole value, the value after an auth scheme word
     *     ({@code Bearer x} gives {@code x}) and, for {@code Cookie}, each cookie's value of at least
     *     {@value #MIN_COOKIE_SECRET_LENGTH} characters (shorter ones, such as {@code lang=zh-CN}, are
     *     settings rather than secrets and would mask ordinary words)
     */
    public static Set<String> headerSecrets(Map<String, String> headers) {
        Set<String> values = new LinkedHashSet<>();
        headers.forEach((name, value) -> {
            if (value == null || !isSensitiveHeader(name)) {
                return;
            }
            values.add(value.trim());
            values.add(value.replaceFirst("^\\s*[A-Za-z][A-Za-z0-9-]*\\s+", "").trim());
            if ("cookie".equalsIgnoreCase(name.trim())) {
                for (String cookie : value.split(";")) {
                    String one = cookie.substring(cookie.indexOf('=') + 1).trim();
                    if (one.length() >= MIN_COOKIE_SECRET_LENGTH) {
                        values.add(one);
                    }
                }
            }
        });
        return values;
    }

    /**
     * Hides known secret values, bearer tokens and sensitive JSON, query and form fields in a text.
     *
     * @param text any text; {@code null} gives {@code null}
     * @return the text with secrets replaced by {@value #MASK}
     */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        result = replaceGroup(JSON_FIELD, result, 1, "\"" + MASK + "\"");
        result = replaceGroup(QUERY_FIELD, result, 1, MASK);
        result = replaceGroup(FORM_FIELD, result, 2, MASK, 1);
        return BEARER.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + " " + MASK));
    }

    /**
     * @param url a URL
     * @return the URL with secret values and sensitive query parameters hidden
     */
    public String maskUrl(String url) {
        return mask(url);
    }

    /**
     * @param headers header name to values
     * @return a copy with sensitive headers hidden whole and secrets hidden in the rest
     */
    public Map<String, List<String>> maskHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> masked = new LinkedHashMap<>();
        headers.forEach((name, values) -> masked.put(name, isSensitiveHeader(name)
                ? values.stream().map(value -> MASK).toList()
                : values.stream().map(this::mask).toList()));
        return masked;
    }

    /**
     * @param request a request snapshot
     * @return the snapshot with its URL, headers and body masked
     */
    public HttpRequestSnapshot mask(HttpRequestSnapshot request) {
        return request == null ? null : new HttpRequestSnapshot(request.method(), maskUrl(request.url()),
                maskHeaders(request.headers()), mask(request.body()));
    }

    /**
     * @param response a response snapshot
     * @return the snapshot with its headers, body and redirect URLs masked
     */
    public HttpResponseSnapshot mask(HttpResponseSnapshot response) {
        return response == null ? null : new HttpResponseSnapshot(response.status(),
                maskHeaders(response.headers()), mask(response.body()), response.bodyTruncated(),
                response.bodyBytes(), response.redirects().stream().map(this::maskUrl).toList());
    }

    private static String replaceGroup(Pattern pattern, String text, int keep, String mask) {
        return pattern.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(keep) + mask));
    }

    private static String replaceGroup(Pattern pattern, String text, int keep, String mask, int prefix) {
        return pattern.matcher(text).replaceAll(
                match -> Matcher.quoteReplacement(match.group(prefix) + match.group(keep) + mask));
    }

    @Override
    public String toString() {
        return "Masker[" + secrets.size() + " secrets]";
    }
}
