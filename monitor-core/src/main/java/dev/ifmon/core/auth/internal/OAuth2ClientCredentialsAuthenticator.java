package dev.ifmon.core.auth.internal;

import dev.ifmon.api.AuthContext;
import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Credential;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The {@code oauth2-client-credentials} authenticator: the client credentials grant of RFC 6749 section 4.4.
 *
 * <p>It {@code POST}s {@code grant_type=client_credentials} (plus {@code scope} and {@code audience} when set)
 * as a form to {@code token_url}. The client authenticates with HTTP Basic by default
 * ({@code client_auth: basic}; id and secret form-encoded first, as section 2.3.1 asks) or with
 * {@code client_id} and {@code client_secret} in the form ({@code client_auth: body}). The reply's
 * {@code access_token} is sent as {@code Authorization: Bearer <token>}; it lives for the reply's
 * {@code expires_in} seconds, else until a JWT's {@code exp}, else until an endpoint rejects it. Refresh
 * tokens are not used: a new token is simply requested. Stateless and thread-safe.
 */
public final class OAuth2ClientCredentialsAuthenticator implements Authenticator {

    private static final Set<String> KEYS =
            Set.of("token_url", "client_id", "client_secret", "client_auth", "scope", "audience");

    @Override
    public String type() {
        return "oauth2-client-credentials";
    }

    @Override
    public List<Problem> validate(Settings settings) {
        return new SettingsCheck(settings).onlyKeys(KEYS)
                .required("token_url", "http://127.0.0.1:8080/oauth2/token").httpUrl("token_url")
                .required("client_id", "monitor").required("client_secret", "${env:CLIENT_SECRET}")
                .oneOf("client_auth", List.of("basic", "body")).problems();
    }

    @Override
    public Credential authenticate(AuthContext context) {
        Settings settings = context.settings();
        String clientId = StaticValues.required(settings, "client_id");
        String secret = StaticValues.required(settings, "client_secret");
        JsonNode reply = TokenHttp.exchange(context, request(context, clientId, secret), "the OAuth2 token endpoint");
        String token = accessToken(reply);
        Instant expiresAt = Lifetimes.expiresIn(reply, "/expires_in", context.clock())
                .or(() -> Jwt.expiry(token)).orElse(null);
        String value = TokenHttp.headerSafe("the OAuth2 token endpoint", "Authorization", "Bearer " + token);
        return new Credential(Map.of("Authorization", value), Map.of(), expiresAt, Set.of(token, value, secret));
    }

    private static HttpRequest request(AuthContext context, String clientId, String secret) {
        Settings settings = context.settings();
        String url = StaticValues.required(settings, "token_url");
        if (!SettingsCheck.isHttpUrl(url)) {
            throw new AuthenticationException(settings.origin() + ": 'token_url' is not an absolute http(s) URL: '"
                    + SettingsCheck.safeUrl(url) + "'");
        }
        boolean inBody = settings.string("client_auth", "basic").toLowerCase(Locale.ROOT).equals("body");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(context.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (!inBody) {
            builder.header("Authorization", basic(clientId, secret));
        }
        String form = form(settings, inBody ? Optional.of(Map.entry(clientId, secret)) : Optional.empty());
        return builder.POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
    }

    private static String form(Settings settings, Optional<Map.Entry<String, String>> client) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "client_credentials");
        List<String> scopes = settings.strings("scope");
        if (!scopes.isEmpty()) {
            fields.put("scope", String.join(" ", scopes));
        }
        settings.string("audience").ifPresent(audience -> fields.put("audience", audience));
        client.ifPresent(pair -> {
            fields.put("client_id", pair.getKey());
            fields.put("client_secret", pair.getValue());
        });
        return fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String basic(String clientId, String secret) {
        String pair = encode(clientId) + ":" + encode(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String accessToken(JsonNode reply) {
        JsonNode token = reply.at("/access_token");
        if (token.isString() && !token.stringValue().isBlank()) {
            return token.stringValue();
        }
        throw new AuthenticationException("no access_token at /access_token in the OAuth2 token endpoint's reply "
                + ReplyShape.of(reply) + ReplyShape.oauthError(reply));
    }
}
