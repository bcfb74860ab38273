package dev.ifmon.core.auth.internal;

import dev.ifmon.api.AuthContext;
import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Credential;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code token} authenticator (the brief's {@code token_api}): calls a login or token API and sends the
 * token it returns with every request of the service.
 *
 * <p>The shorthand {@code token_api: URL} becomes {@code {type: token, url: URL}} and means: {@code POST} the
 * URL with an empty body, take the token from the first of {@code /token}, {@code /access_token},
 * {@code /data/token} and {@code /data/access_token} in the JSON reply, and send it as
 * {@code Authorization: Bearer <token>}. The full form sets {@code method}, {@code headers}, {@code body},
 * {@code content_type}, {@code token_pointer}, {@code expires_in_pointer}, {@code ttl}, {@code header},
 * {@code template} and {@code query_param}; see {@code docs/auth.md}.
 *
 * <p>The token lives until, first found: the number of seconds at {@code expires_in_pointer}; {@code ttl};
 * the {@code exp} claim when the token is a JWT; the number of seconds at {@code /expires_in} or
 * {@code /data/expires_in}. Otherwise its expiry is unknown and it is kept until an endpoint rejects it.
 *
 * <p>Stateless and thread-safe.
 */
public final class TokenAuthenticator implements Authenticator {

    /** Where the token is looked for when {@code token_pointer} is not set, in this order. */
    public static final List<String> DEFAULT_TOKEN_POINTERS =
            List.of("/token", "/access_token", "/data/token", "/data/access_token");
    /** Where a lifetime in seconds is looked for when neither {@code expires_in_pointer} nor {@code ttl} is set. */
    public static final List<String> DEFAULT_EXPIRES_IN_POINTERS = List.of("/expires_in", "/data/expires_in");
    /** The method used when {@code method} is not set. */
    public static final String DEFAULT_METHOD = "POST";
    /** The header the token goes in when {@code header} is not set. */
    public static final String DEFAULT_HEADER = "Authorization";
    /** How the header value is written when {@code template} is not set. */
    public static final String DEFAULT_TEMPLATE = "Bearer {token}";

    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticator.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> KEYS = Set.of("url", "method", "headers", "body", "content_type",
            "token_pointer", "expires_in_pointer", "ttl", "header", "template", "query_param");
    private static final List<String> METHODS = List.of("post", "get", "put", "patch");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String PLACEHOLDER = "{token}";
    private static final Pattern ASCII = Pattern.compile("[\\x20-\\x7e]*");

    @Override
    public String type() {
        return "token";
    }

    @Override
    public List<Problem> validate(Settings settings) {
        SettingsCheck check = new SettingsCheck(settings).onlyKeys(KEYS)
                .required("url", "http://127.0.0.1:8080/auth/token").httpUrl("url")
                .oneOf("method", METHODS).block("headers")
                .pointer("token_pointer").pointer("expires_in_pointer").duration("ttl");
        String template = settings.asMap().getOrDefault("template", DEFAULT_TEMPLATE).toString();
        if (!template.contains(PLACEHOLDER)) {
            check.add(Problem.error(settings.origin(), "'template' has no " + PLACEHOLDER + " placeholder",
                    "write it like 'Bearer {token}'"));
        }
        if (settings.has("query_param") && (settings.has("header") || settings.has("template"))) {
            check.add(Problem.error(settings.origin(), "'query_param' and 'header'/'template' are both set",
                    "the token goes either in a query parameter or in a header: keep one"));
        }
        if (settings.has("expires_in_pointer") && settings.has("ttl")) {
            check.add(Problem.warning(settings.origin(), "'expires_in_pointer' and 'ttl' are both set",
                    "'ttl' is used only when the reply has no lifetime at 'expires_in_pointer'"));
        }
        headerProblems(settings).forEach(check::add);
        return check.problems();
    }

    private static List<Problem> headerProblems(Settings settings) {
        if (!(settings.asMap().get("headers") instanceof Map<?, ?> headers)) {
            return List.of();
        }
        return headers.entrySet().stream()
                .filter(header -> !ASCII.matcher(header.getKey() + String.valueOf(header.getValue())).matches())
                .map(header -> Problem.error(settings.origin(), "headers." + header.getKey()
                        + " has characters an HTTP header cannot carry", "use printable ASCII only; percent-encode "
                        + "the value or move it to the body"))
                .toList();
    }

    @Override
    public Credential authenticate(AuthContext context) {
        Settings settings = context.settings();
        JsonNode reply = TokenHttp.exchange(context, request(settings, context.timeout()), "the token API");
        String token = token(settings, reply);
        Instant expiresAt = expiry(settings, reply, token, context).orElse(null);
        return credential(settings, token, expiresAt);
    }

    private static HttpRequest request(Settings settings, Duration timeout) {
        String url = settings.string("url").filter(value -> !value.isBlank()).orElseThrow(() ->
                new AuthenticationException(settings.origin() + ": 'url' is missing; set the token API's URL"));
        String method = settings.string("method", DEFAULT_METHOD).toUpperCase(Locale.ROOT);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(settings, url)).timeout(timeout)
                .header("Accept", "application/json");
        settings.nested("headers").asMap().forEach((name, value) -> header(settings, builder, name, value));
        Optional<String> body = body(settings);
        body.ifPresent(text -> builder.header("Content-Type", contentType(settings)));
        return builder.method(method, body.map(text -> HttpRequest.BodyPublishers.ofString(text,
                StandardCharsets.UTF_8)).orElse(HttpRequest.BodyPublishers.noBody())).build();
    }

    private static void header(Settings settings, HttpRequest.Builder builder, String name, Object value) {
        try {
            builder.header(name, String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException(settings.origin() + ": headers." + name + " cannot be sent: the JDK "
                    + "HTTP client accepts only printable ASCII header names and values; percent-encode the value "
                    + "or move it to the body");
        }
    }

    private static URI uri(Settings settings, String url) {
        if (!SettingsCheck.isHttpUrl(url)) {
            throw new AuthenticationException(settings.origin() + ": 'url' is not an absolute http(s) URL: '"
                    + SettingsCheck.safeUrl(url) + "'");
        }
        return URI.create(url);
    }

    private static Optional<String> body(Settings settings) {
        Object body = settings.asMap().get("body");
        if (body == null) {
            return Optional.empty();
        }
        if (body instanceof Map<?, ?> map && contentType(settings).toLowerCase(Locale.ROOT).startsWith(FORM)) {
            return Optional.of(form(map));
        }
        if (body instanceof Map || body instanceof List) {
            try {
                return Optional.of(JSON.writeValueAsString(body));
            } catch (JacksonException e) {
                throw new AuthenticationException(settings.origin() + ": 'body' cannot be written as JSON");
            }
        }
        return Optional.of(body.toString());
    }

    private static String contentType(Settings settings) {
        return settings.string("content_type", "application/json");
    }

    private static String form(Map<?, ?> fields) {
        return fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(Object value) {
        return URLEncoder.encode(value == null ? "" : value.toString(), StandardCharsets.UTF_8);
    }

    private static String token(Settings settings, JsonNode reply) {
        List<String> pointers = settings.string("token_pointer").map(SettingsCheck::asPointer).map(List::of)
                .orElse(DEFAULT_TOKEN_POINTERS);
        for (String pointer : pointers) {
            JsonNode node = reply.at(pointer);
            if (node.isString() && !node.stringValue().isBlank()) {
                return node.stringValue();
            }
            if (!node.isMissingNode() && !node.isNull()) {
                throw new AuthenticationException("the token API's reply has " + ReplyShape.of(node) + " at "
                        + pointer + ", not a text token; the reply was " + ReplyShape.of(reply)
                        + "; set token_pointer to where the token is");
            }
        }
        throw new AuthenticationException("no token at " + String.join(", ", pointers)
                + " in the token API's reply " + ReplyShape.of(reply) + "; set token_pointer to where the token is");
    }

    private static Optional<Instant> expiry(Settings settings, JsonNode reply, String token, AuthContext context) {
        Optional<String> pointer = settings.string("expires_in_pointer").map(SettingsCheck::asPointer);
        Optional<Instant> configured = pointer.flatMap(at -> Lifetimes.expiresIn(reply, at, context.clock()));
        if (pointer.isPresent() && configured.isEmpty()) {
            LOG.warn("No lifetime in the token reply service={} pointer={} shape={}; falling back to ttl, JWT exp "
                    + "or keeping the token until rejected", context.service(), pointer.get(), ReplyShape.of(reply));
        }
        return configured.or(() -> ttl(settings, context))
                .or(() -> Jwt.expiry(token))
                .or(() -> DEFAULT_EXPIRES_IN_POINTERS.stream()
                        .flatMap(at -> Lifetimes.expiresIn(reply, at, context.clock()).stream()).findFirst());
    }

    private static Optional<Instant> ttl(Settings settings, AuthContext context) {
        try {
            return Optional.ofNullable(settings.duration("ttl", null)).map(ttl -> context.clock().instant().plus(ttl));
        } catch (IfmonException e) {
            throw new AuthenticationException(e.getMessage(), e);
        }
    }

    private static Credential credential(Settings settings, String token, Instant expiresAt) {
        Optional<String> queryParam = settings.string("query_param").filter(name -> !name.isBlank());
        if (queryParam.isPresent()) {
            return new Credential(Map.of(), Map.of(queryParam.get(), token), expiresAt, Set.of(token));
        }
        String header = settings.string("header", DEFAULT_HEADER);
        String value = TokenHttp.headerSafe("the token API", header,
                settings.string("template", DEFAULT_TEMPLATE).replace(PLACEHOLDER, token));
        return new Credential(Map.of(header, value), Map.of(), expiresAt, Set.copyOf(List.of(token, value)));
    }
}
