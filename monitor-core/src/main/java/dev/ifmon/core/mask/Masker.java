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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
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
 * replaced wherever they appear. Headers, query parameters and JSON or form fields with sensitive names
 * (one rule for all: {@link #isSensitiveName}) have their values replaced. A query value written in prose
 * ends at whitespace, a quote, a bracket, {@code &}, {@code #}, {@code ;}, or at {@code . , : ! ?} that
 * end the value ({@code ?key=abc: denied} keeps {@code : denied}; {@code ?token=a:b} hides {@code a:b}).
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

    /** Fragments that make a normalised name sensitive wherever they occur in it. */
    private static final List<String> FRAGMENTS = List.of("token", "secret", "password", "passwd", "passphrase",
            "pwd", "apikey", "accesskey", "secretkey", "privatekey", "appkey", "credential", "signature", "ticket",
            "jwt", "auth", "session", "cookie");
    /** Short words that make a name sensitive when they are the whole name or its last word. */
    private static final Set<String> WORDS = Set.of("key", "ak", "sk", "sign", "pass");
    /** {@code auth} inside {@code author} (not {@code authoriz}, {@code authoris}) names no secret. */
    private static final Pattern AUTHOR = Pattern.compile("author(?!i[zs])");
    private static final Pattern WORD_BREAK = Pattern.compile("[-_.\\s\\[\\]]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final String NAME = "[A-Za-z0-9_.\\-\\[\\]]{1,100}";
    /** Stops a query value as written in prose: whitespace, a quote, a bracket, a separator. */
    private static final String VALUE_STOP = "\\s&#;\"'<>()\\[\\]{}";
    /** Punctuation that ends a sentence is part of a value only when more of the value follows it. */
    private static final String QUERY_VALUE = "(?:[^" + VALUE_STOP + ".,:!?]|[.,:!?]+(?=[^" + VALUE_STOP
            + ".,:!?]))*";
    private static final Pattern QUERY_FIELD = Pattern.compile("([?&;])(" + NAME + ")(=)(" + QUERY_VALUE + ")");
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(\"(" + NAME + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)");
    private static final Pattern FORM_FIELD = Pattern.compile("(^|&)(" + NAME + ")(=)([^&]*)");
    private static final int NAME_GROUP = 2;
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
        return isSensitiveName(name);
    }

    /**
     * The one name rule for headers, query parameters, JSON and form fields. The name is normalised (lower
     * case, without {@code -}, {@code _}, {@code .}); it is sensitive when it contains one of
     * {@code token}, {@code secret}, {@code password}, {@code passwd}, {@code passphrase}, {@code pwd},
     * {@code apikey}, {@code accesskey}, {@code secretkey}, {@code privatekey}, {@code appkey},
     * {@code credential}, {@code signature}, {@code ticket}, {@code jwt}, {@code auth} (but not inside
     * {@code author}, {@code authority}), {@code session}, {@code cookie}; or when the whole name or its last
     * word ({@code X-Client-Key}, {@code client_key}, {@code clientKey}) is {@code key}, {@code ak},
     * {@code sk}, {@code sign} or {@code pass}. So {@code keyword}, {@code monkey}, {@code author},
     * {@code signal} and {@code key_id} are not sensitive.
     *
     * @param name a header, query parameter, JSON or form field name; {@code null} is not sensitive
     * @return whether its value is hidden
     */
    public static boolean isSensitiveName(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        String normal = name.toLowerCase(Locale.ROOT).replaceAll("[-_.\\s]", "");
        String fragments = AUTHOR.matcher(normal).replaceAll("-");
        for (String fragment : FRAGMENTS) {
            if (fragments.contains(fragment)) {
                return true;
            }
        }
        String[] words = WORD_BREAK.split(name.trim());
        return WORDS.contains(normal)
                || words.length > 0 && WORDS.contains(words[words.length - 1].toLowerCase(Locale.ROOT));
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
        return isSensitiveName(name);
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
        fieldValues(QUERY_FIELD, url, 4, values);
        fieldValues(FORM_FIELD, body, 4, values);
        fieldValues(JSON_FIELD, body, 3, values);
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
        for (MatchResult matcher : sensitiveFields(pattern, group, text)) {
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
        result = maskValues(JSON_FIELD, 3, result, "\"" + MASK + "\"");
        result = maskValues(QUERY_FIELD, 4, result, MASK);
        result = maskValues(FORM_FIELD, 4, result, MASK);
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

    /** Replaces the value of each field with a sensitive name, unless it is empty. */
    private static String maskValues(Pattern pattern, int valueGroup, String text, String mask) {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (MatchResult match : sensitiveFields(pattern, valueGroup, text)) {
            out.append(text, copied, match.start(valueGroup)).append(mask);
            copied = match.end(valueGroup);
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * The fields with sensitive names and a value. A field with another name is skipped only up to its
     * {@code =} or {@code :}, so that its value is searched too ({@code ?next=/a?token=x},
     * {@code "data":[{"password":"x"}]}).
     */
    private static List<MatchResult> sensitiveFields(Pattern pattern, int valueGroup, String text) {
        List<MatchResult> found = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return found;
        }
        Matcher matcher = pattern.matcher(text);
        int from = 0;
        while (from < text.length() && matcher.find(from)) {
            if (isSensitiveName(matcher.group(NAME_GROUP)) && !matcher.group(valueGroup).isEmpty()) {
                found.add(matcher.toMatchResult());
                from = matcher.end();
            } else {
                from = matcher.start(valueGroup);
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return "Masker[" + secrets.size() + " secrets]";
    }
}
