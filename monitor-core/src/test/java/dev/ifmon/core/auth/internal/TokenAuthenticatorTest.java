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
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class TokenAuthenticatorTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final TokenAuthenticator authenticator = new TokenAuthenticator();
    private final CountDownLatch release = new CountDownLatch(1);
    private LoopbackServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackServer.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.close();
    }

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    private Credential authenticate(Map<String, ?> auth) {
        return authenticator.authenticate(TestContext.of(auth, CLIENT, Duration.ofSeconds(5), clock));
    }

    private static String jwt(long exp) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(("{\"sub\":\"ops\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl";
    }

    @Nested
    class Shorthand {

        @Test
        void postsAnEmptyBodyAndSendsTheTokenAsBearer() {
            server.handle("/login", request -> Reply.json(200, "{\"token\":\"abc-123\"}"));

            Credential credential = authenticate(Map.of("type", "token", "url", server.url("/login")));

            Request sent = server.requests("/login").getFirst();
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.body()).isEmpty();
            assertThat(credential.headers()).containsExactly(Map.entry("Authorization", "Bearer abc-123"));
            assertThat(credential.query()).isEmpty();
            assertThat(credential.secrets()).contains("abc-123");
            assertThat(credential.expiresAt()).isNull();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.ifmon.core.auth.internal.TokenAuthenticatorTest#defaultPlaces")
        void findsTheTokenInTheCommonPlaces(String reply, String expectedToken) {
            server.handle("/login", request -> Reply.json(200, reply));

            Credential credential = authenticate(Map.of("type", "token", "url", server.url("/login")));

            assertThat(credential.headers()).containsEntry("Authorization", "Bearer " + expectedToken);
        }

        @Test
        void readsTheLifetimeFromAnExpiresInField() {
            server.handle("/login", request -> Reply.json(200, "{\"data\":{\"token\":\"t-1\",\"expires_in\":7200}}"));

            Credential credential = authenticate(Map.of("type", "token", "url", server.url("/login")));

            assertThat(credential.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"1e300", "\"1e400\"", "99999999999999999999999", "\"1e99999999\""})
        void anAbsurdLifetimeKeepsTheTokenWithTheLatestExpiryInsteadOfFailing(String expiresIn) {
            server.handle("/login", request -> Reply.json(200, "{\"token\":\"t-1\",\"expires_in\":" + expiresIn
                    + "}"));

            Credential credential = authenticate(Map.of("type", "token", "url", server.url("/login")));

            assertThat(credential.headers()).containsEntry("Authorization", "Bearer t-1");
            assertThat(credential.expiresAt()).isAfter(Instant.parse("9999-12-31T23:59:59Z"));
        }

        @Test
        void anAbsurdJwtExpiryKeepsTheTokenWithTheLatestExpiry() {
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            String token = encoder.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + encoder.encodeToString("{\"exp\":1e300}".getBytes(StandardCharsets.UTF_8)) + ".c2ln";
            server.handle("/login", request -> Reply.json(200, "{\"access_token\":\"" + token + "\"}"));

            Credential credential = authenticate(Map.of("type", "token", "url", server.url("/login")));

            assertThat(credential.expiresAt()).isAfter(Instant.parse("9999-12-31T23:59:59Z"));
        }

        @Test
        void usesTheExpiryOfAJwt() {
            String token = jwt(NOW.getEpochSecond() + 900);
            server.handle("/login", request -> Reply.json(200, "{\"access_token\":\"" + token + "\"}"));

            Credential credential = authenticate(Map.of("type", "token", "url", server.url("/login")));

            assertThat(credential.expiresAt()).isEqualTo(NOW.plusSeconds(900));
        }
    }

    static Stream<Arguments> defaultPlaces() {
        return Stream.of(
                Arguments.of("{\"token\":\"t-top\"}", "t-top"),
                Arguments.of("{\"access_token\":\"t-access\",\"token_type\":\"bearer\"}", "t-access"),
                Arguments.of("{\"code\":0,\"data\":{\"token\":\"t-data\"}}", "t-data"),
                Arguments.of("{\"code\":0,\"data\":{\"access_token\":\"t-data-access\"}}", "t-data-access"),
                Arguments.of("{\"token\":\"t-first\",\"data\":{\"token\":\"t-second\"}}", "t-first"));
    }

    @Nested
    class FullForm {

        @Test
        void sendsMethodHeadersAndJsonBodyAndReadsThePointers() {
            server.handle("/auth/login", request -> Reply.json(200,
                    "{\"result\":{\"jwt\":\"t-full\",\"ttl\":\"120\"}}"));
            Map<String, Object> auth = new LinkedHashMap<>();
            auth.put("type", "token");
            auth.put("url", server.url("/auth/login"));
            auth.put("method", "put");
            auth.put("headers", Map.of("X-Tenant", "ops-team"));
            auth.put("body", Map.of("username", "ops", "password", "pw-1"));
            auth.put("token_pointer", "/result/jwt");
            auth.put("expires_in_pointer", "/result/ttl");
            auth.put("header", "X-Auth-Token");
            auth.put("template", "{token}");

            Credential credential = authenticate(auth);

            Request sent = server.requests("/auth/login").getFirst();
            assertThat(sent.method()).isEqualTo("PUT");
            assertThat(sent.header("X-Tenant")).isEqualTo("ops-team");
            assertThat(sent.header("Content-Type")).isEqualTo("application/json");
            assertThat(sent.body()).contains("\"username\":\"ops\"").contains("\"password\":\"pw-1\"");
            assertThat(credential.headers()).containsExactly(Map.entry("X-Auth-Token", "t-full"));
            assertThat(credential.expiresAt()).isEqualTo(NOW.plusSeconds(120));
        }

        @Test
        void sendsAFormBodyAndPutsTheTokenInAQueryParameterWithAFixedTtl() {
            server.handle("/login", request -> Reply.json(200, "{\"token\":\"t-query\"}"));

            Credential credential = authenticate(Map.of("type", "token", "url", server.url("/login"),
                    "body", Map.of("user", "运维 ops"), "content_type", "application/x-www-form-urlencoded",
                    "query_param", "access_token", "ttl", "10m"));

            Request sent = server.requests("/login").getFirst();
            assertThat(sent.body()).isEqualTo("user=%E8%BF%90%E7%BB%B4+ops");
            assertThat(credential.headers()).isEmpty();
            assertThat(credential.query()).containsExactly(Map.entry("access_token", "t-query"));
            assertThat(credential.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        }
    }

    @Nested
    class Failures {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.ifmon.core.auth.internal.TokenAuthenticatorTest#failingReplies")
        void aFailingTokenApiGivesAReasonWithStatusAndShape(String name, Function<Request, Reply> reply,
                List<String> reasonParts) {
            server.handle("/login", reply);

            assertThatThrownBy(() -> authenticate(Map.of("type", "token", "url", server.url("/login"))))
                    .isInstanceOf(AuthenticationException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains(reasonParts));
        }

        @Test
        void aTokenApiThatDoesNotAnswerInTimeTimesOut() {
            server.handle("/login", request -> {
                awaitRelease();
                return Reply.json(200, "{\"token\":\"late\"}");
            });
            TestContext context = TestContext.of(Map.of("type", "token", "url", server.url("/login")), CLIENT,
                    Duration.ofMillis(300), clock);

            assertThatThrownBy(() -> authenticator.authenticate(context))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessage("the token API POST " + server.url("/login")
                            + " timed out: no complete answer within 300ms");
        }

        @Test
        void aConfiguredPointerThatFindsNothingIsNamed() {
            server.handle("/login", request -> Reply.json(200, "{\"data\":{\"jwt\":\"x-1\"}}"));

            assertThatThrownBy(() -> authenticate(Map.of("type", "token", "url", server.url("/login"),
                    "token_pointer", "/data/token")))
                    .hasMessage("no token at /data/token in the token API's reply {\"data\":{\"jwt\":<string>}};"
                            + " set token_pointer to where the token is");
        }

        @Test
        void aHeaderValueHttpCannotCarryIsNamedWithoutItsValue() {
            server.handle("/login", request -> Reply.json(200, "{\"token\":\"t\"}"));

            assertThatThrownBy(() -> authenticate(Map.of("type", "token", "url", server.url("/login"),
                    "headers", Map.of("X-Tenant", "运维"))))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageStartingWith("config.yaml: services[user].auth: headers.X-Tenant cannot be sent")
                    .hasMessageNotContaining("运维");
            assertThat(server.calls("/login")).isZero();
        }

        @Test
        void aRefusedConnectionIsNamed() {
            String url = server.url("/login");
            server.close();

            assertThatThrownBy(() -> authenticate(Map.of("type", "token", "url", url)))
                    .hasMessageContaining("the token API POST " + url)
                    .hasMessageEndingWith("failed: connection to 127.0.0.1:" + URI.create(url).getPort()
                            + " refused (REFUSED)");
        }

        @Test
        void aHostNameThatDoesNotResolveIsADnsFailureNotARefusal() {
            assertThatThrownBy(() -> authenticate(Map.of("type", "token", "url", "http://token.invalid/token")))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessage("the token API POST http://token.invalid/token failed: cannot resolve host name "
                            + "token.invalid (DNS)");
        }

        @Test
        void aTokenWithLineBreaksIsRefusedAtFetchTimeWithoutShowingIt() {
            server.handle("/login", request -> Reply.json(200, "{\"token\":\"abc\\r\\nX-Injected: 1\"}"));

            assertThatThrownBy(() -> authenticate(Map.of("type", "token", "url", server.url("/login"))))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageStartingWith("the token API returned a token with line breaks, which the "
                            + "Authorization header cannot carry; the token is not used")
                    .hasMessageNotContaining("X-Injected");
        }

        @Test
        void aTokenWithLineBreaksInAQueryParameterIsSentPercentEncoded() {
            server.handle("/login", request -> Reply.json(200, "{\"token\":\"abc\\r\\ndef\"}"));

            Credential credential = authenticate(Map.of("type", "token", "url", server.url("/login"),
                    "query_param", "access_token"));

            assertThat(credential.query()).containsEntry("access_token", "abc\r\ndef");
        }

        private void awaitRelease() {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Stream<Arguments> failingReplies() {
        return Stream.of(
                Arguments.of("500", reply(Reply.json(500, "{\"error\":\"boom\",\"trace\":\"x\"}")),
                        List.of("status=500", "(expected 2xx)", "{\"error\":<string>,\"trace\":<string>}")),
                Arguments.of("HTML", reply(new Reply(200, "text/html", "<!DOCTYPE html><html>登录</html>")),
                        List.of("status=200", "an HTML page of", "not JSON")),
                Arguments.of("JSON without token", reply(Reply.json(200,
                                "{\"code\":0,\"data\":{\"user\":{\"id\":1,\"name\":\"张三\"}}}")),
                        List.of("no token at /token, /access_token, /data/token, /data/access_token",
                                "{\"code\":<number>,\"data\":{\"user\":<object>}}", "set token_pointer")),
                Arguments.of("token that is not text", reply(Reply.json(200, "{\"token\":{\"value\":\"v\"}}")),
                        List.of("has {\"value\":<string>} at /token, not a text token")),
                Arguments.of("empty body", reply(new Reply(200, "application/json", "")),
                        List.of("an empty body", "not JSON")));
    }

    private static Function<Request, Reply> reply(Reply reply) {
        return request -> reply;
    }

    @Nested
    class Validation {

        private List<String> problems(Map<String, ?> auth) {
            return authenticator.validate(Settings.of("config.yaml: services[user].auth", auth)).stream()
                    .map(Problem::format).toList();
        }

        @Test
        void theShorthandIsValid() {
            assertThat(problems(Map.of("type", "token", "url", "http://127.0.0.1:8080/login"))).isEmpty();
        }

        @Test
        void aMissingUrlIsAnError() {
            assertThat(problems(Map.of("type", "token"))).containsExactly(
                    "ERROR config.yaml: services[user].auth: 'url' is missing "
                            + "(set it, e.g. url: http://127.0.0.1:8080/auth/token)");
        }

        @Test
        void aNonAsciiHeaderIsAnError() {
            assertThat(problems(Map.of("type", "token", "url", "http://127.0.0.1:8080/login",
                    "headers", Map.of("X-Tenant", "运维")))).containsExactly(
                    "ERROR config.yaml: services[user].auth: headers.X-Tenant has characters an HTTP header cannot "
                            + "carry (use printable ASCII only; percent-encode the value or move it to the body)");
        }

        @Test
        void mistakesAreNamedWithWhatToDo() {
            assertThat(problems(Map.of("type", "token", "url", "ftp://127.0.0.1/x?secret=1", "token_ponter", "/t",
                    "expires_in_pointer", "data.expires", "template", "Bearer", "method", "POTS")))
                    .containsExactlyInAnyOrder(
                            "WARNING config.yaml: services[user].auth: unknown key 'token_ponter' is ignored "
                                    + "(did you mean 'token_pointer'?)",
                            "ERROR config.yaml: services[user].auth: 'url' is not an absolute http(s) URL: "
                                    + "'ftp://127.0.0.1/x?...' (write it as http://host/path or https://host/path)",
                            "ERROR config.yaml: services[user].auth: 'expires_in_pointer' is not a JSON pointer: "
                                    + "'data.expires' (write it as /data/expires)",
                            "ERROR config.yaml: services[user].auth: 'method' is 'POTS' (did you mean 'post'?)",
                            "ERROR config.yaml: services[user].auth: 'template' has no {token} placeholder "
                                    + "(write it like 'Bearer {token}')");
        }
    }
}
