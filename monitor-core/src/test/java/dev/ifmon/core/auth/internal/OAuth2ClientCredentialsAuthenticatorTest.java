package dev.ifmon.core.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.Credential;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.core.auth.LoopbackServer;
import dev.ifmon.core.auth.LoopbackServer.Reply;
import dev.ifmon.core.auth.LoopbackServer.Request;
import dev.ifmon.core.auth.MutableClock;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class OAuth2ClientCredentialsAuthenticatorTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String CLIENT_ID = "monitor:ops";
    private static final String CLIENT_SECRET = "s3cret&value=1";

    private final MutableClock clock = new MutableClock(NOW);
    private final OAuth2ClientCredentialsAuthenticator authenticator = new OAuth2ClientCredentialsAuthenticator();
    private LoopbackServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackServer.start();
        server.handle("/oauth2/token", request -> Reply.json(200,
                "{\"access_token\":\"oa-token-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    private Map<String, Object> auth(Map<String, ?> extra) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2-client-credentials");
        auth.put("token_url", server.url("/oauth2/token"));
        auth.put("client_id", CLIENT_ID);
        auth.put("client_secret", CLIENT_SECRET);
        auth.putAll(extra);
        return auth;
    }

    private Credential authenticate(Map<String, ?> auth) {
        return authenticator.authenticate(TestContext.of(auth, CLIENT, Duration.ofSeconds(5), clock));
    }

    private static Map<String, String> form(Request request) {
        return Arrays.stream(request.body().split("&")).map(field -> field.split("=", 2)).collect(Collectors.toMap(
                field -> decode(field[0]), field -> decode(field[1]), (a, b) -> a, LinkedHashMap::new));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Nested
    class Grant {

        @Test
        void postsTheGrantWithHttpBasicClientAuthAndHonoursExpiresIn() {
            Credential credential = authenticate(auth(Map.of("scope", List.of("read", "write"),
                    "audience", "https://api.invalid/")));

            Request sent = server.requests("/oauth2/token").getFirst();
            String basic = sent.header("Authorization").substring("Basic ".length());
            String[] pair = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8).split(":", 2);
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(decode(pair[0])).isEqualTo(CLIENT_ID);
            assertThat(decode(pair[1])).isEqualTo(CLIENT_SECRET);
            assertThat(form(sent)).containsExactly(Map.entry("grant_type", "client_credentials"),
                    Map.entry("scope", "read write"), Map.entry("audience", "https://api.invalid/"));
            assertThat(credential.headers()).containsExactly(Map.entry("Authorization", "Bearer oa-token-1"));
            assertThat(credential.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
            assertThat(credential.secrets()).contains("oa-token-1", CLIENT_SECRET);
        }

        @Test
        void putsTheClientCredentialsInTheBodyWhenAsked() {
            authenticate(auth(Map.of("client_auth", "body")));

            Request sent = server.requests("/oauth2/token").getFirst();
            assertThat(sent.header("Authorization")).isNull();
            assertThat(form(sent)).containsExactly(Map.entry("grant_type", "client_credentials"),
                    Map.entry("client_id", CLIENT_ID), Map.entry("client_secret", CLIENT_SECRET));
        }

        @Test
        void aTokenWithoutExpiresInIsKeptUntilRejected() {
            server.handle("/plain", request -> Reply.json(200,
                    "{\"access_token\":\"oa-2\",\"token_type\":\"bearer\"}"));

            Credential credential = authenticate(auth(Map.of("token_url", server.url("/plain"))));

            assertThat(credential.expiresAt()).isNull();
        }
    }

    @Nested
    class Failures {

        @Test
        void aRejectedClientNamesTheStatusAndTheOAuthErrorCodeOnly() {
            server.handle("/denied", request -> Reply.json(401,
                    "{\"error\":\"invalid_client\",\"error_description\":\"secret s3cret&value=1 is wrong\"}"));

            assertThatThrownBy(() -> authenticate(auth(Map.of("token_url", server.url("/denied")))))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessage("the OAuth2 token endpoint POST " + server.url("/denied") + " answered status=401 "
                            + "(expected 2xx) with {\"error\":<string>,\"error_description\":<string>} "
                            + "(error=invalid_client)");
        }

        @Test
        void aReplyWithoutAccessTokenIsNamed() {
            server.handle("/odd", request -> Reply.json(200, "{\"token\":\"x\"}"));

            assertThatThrownBy(() -> authenticate(auth(Map.of("token_url", server.url("/odd")))))
                    .hasMessage("no access_token at /access_token in the OAuth2 token endpoint's reply "
                            + "{\"token\":<string>}");
        }
    }

    @Nested
    class Validation {

        @Test
        void missingKeysAndAWrongClientAuthAreNamed() {
            List<String> problems = authenticator.validate(Settings.of("config.yaml: services[user].auth",
                    Map.of("type", "oauth2-client-credentials", "client_id", "x", "client_auth", "header")))
                    .stream().map(Problem::format).toList();

            assertThat(problems).containsExactlyInAnyOrder(
                    "ERROR config.yaml: services[user].auth: 'token_url' is missing "
                            + "(set it, e.g. token_url: http://127.0.0.1:8080/oauth2/token)",
                    "ERROR config.yaml: services[user].auth: 'client_secret' is missing "
                            + "(set it, e.g. client_secret: ${env:CLIENT_SECRET})",
                    "ERROR config.yaml: services[user].auth: 'client_auth' is 'header' (use one of: basic, body)");
        }
    }
}
