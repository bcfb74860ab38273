package dev.ifmon.core.mask;

import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.api.HttpResponseSnapshot;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

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
    private static final Pattern FIELD_NAME = Pattern.compile(SENSITIVE_FIELD, Pattern.CASE_INSENSITIVE);
    private static final Pattern QUERY_FIELD = Pattern.compile(
            "([?&;]" + SENSITIVE_FIELD + "=)([^&#\\s]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(\"" + SENSITIVE_FIELD + "\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORM_FIELD = Pattern.compile(
            "(^|&)(" + SENSITIVE_FIELD + "=)([^&]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");

    private static final ObjectMapper JSON = JsonMapper.builder().build();
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
     * @param name a query parameter, JSON field or form field name
     * @return whether its value is hidden by name (the rule {@link #mask(String)} applies to fields)
     */
    public static boolean isSensitiveField(String name) {
        return name != null && FIELD_NAME.matcher(name.trim()).matches();
    }

    /**
     * The values a request carries under sensitive names, so that a check can hide them wherever else they
     * show up, e.g. in a response body that echoes the request (as text, or again inside a JSON string).
     * The names are the ones this masker hides by name: sensitive headers ({@link #headerSecrets}), and
     * query parameters, JSON and form fields ({@link #isSensitiveField}).
     *
     * @param headers request headers, name to value
     * @param query query parameters added to the URL, name to value
     * @param url the URL as written, possibly with a query
     * @param body the request body, or {@code null}
     * @return the values, each as written and decoded (percent-decoded, JSON-unescaped) and JSON-escaped;
     *     values shorter than {@value #MIN_SECRET_LENGTH} characters are later ignored by {@link #withSecrets}
     */
    public static Set<String> requestSecrets(Map<String, String> headers, Map<String, String> query, String url,
            String body) {
        Set<String> values = new LinkedHashSet<>(headerSecrets(headers));
        query.forEach((name, value) -> {
            if (value != null && isSensitiveField(name)) {
                values.add(value);
            }
        });
        fieldValues(QUERY_FIELD, url, 2, values);
        fieldValues(FORM_FIELD, body, 3, values);
        fieldValues(JSON_FIELD, body, 2, values);
        Set<String> all = new LinkedHashSet<>();
        for (String value : values) {
            String trimmed = value.trim();
            all.add(trimmed);
            all.add(percentDecoded(trimmed));
            all.add(jsonEscaped(trimmed));
        }
        all.removeIf(String::isEmpty);
        return all;
    }

    private static void fieldValues(Pattern pattern, String text, int group, Set<String> into) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            String value = matcher.group(group);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                String inner = value.substring(1, value.length() - 1);
                into.add(inner);
                into.add(jsonUnescaped(inner));
            } else {
                into.add(value);
            }
        }
    }

    private static String percentDecoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String jsonUnescaped(String value) {
        try {
            return JSON.readValue("\"" + value + "\"", String.class);
        } catch (JacksonException e) {
            return value;
        }
    }

    private static String jsonEscaped(String value) {
        String quoted = JSON.writeValueAsString(value);
        return quoted.substring(1, quoted.length() - 1);
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
