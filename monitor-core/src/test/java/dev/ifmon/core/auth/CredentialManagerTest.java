package dev.ifmon.core.auth;

import static dev.ifmon.core.auth.AuthFixtures.builtIns;
import static dev.ifmon.core.auth.AuthFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.ifmon.api.AuthContext;
import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Credential;
import dev.ifmon.api.Problem;
import dev.ifmon.core.auth.LoopbackServer.Reply;
import dev.ifmon.core.auth.LoopbackServer.Request;
import dev.ifmon.core.config.ServiceConfig;
import dev.ifmon.core.support.LogCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CredentialManagerTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int ENDPOINTS = 50;
    private static final int CONCURRENCY = 10;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final AtomicInteger tokenNumber = new AtomicInteger();
    private LoopbackServer server;
    private CredentialManager manager;

    @BeforeEach
    void startServer() {
        server = LoopbackServer.start();
        manager = new CredentialManager(builtIns(), CLIENT, clock, TIMEOUT);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    private Reply issueToken(long lifetimeSeconds) {
        String token = "tok-" + tokenNumber.incrementAndGet();
        issued.put("Bearer " + token, clock.instant().plusSeconds(lifetimeSeconds));
        return Reply.json(200, "{\"code\":0,\"data\":{\"token\":\"" + token + "\",\"expires_in\":" + lifetimeSeconds
                + "}}");
    }

    private Reply validate(Request request) {
        Instant expiresAt = issued.get(String.valueOf(request.header("Authorization")));
        return expiresAt != null && clock.instant().isBefore(expiresAt)
                ? Reply.json(200, "{\"ok\":true}") : Reply.json(401, "{\"msg\":\"unauthorized\"}");
    }

    private int send(String path, Credential credential) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(TIMEOUT);
        credential.headers().forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What the lead's engine does: send, on 401 renew once and retry once, else report token rejected. */
    private String check(ServiceCredentials credentials, String path) throws Exception {
        Credential credential = credentials.current().orElseThrow();
        if (send(path, credential) != 401) {
            return "passed";
        }
        Credential renewed = credentials.renewAfterRejection(credential).orElseThrow();
        if (renewed == credential) {
            return "token rejected";
        }
        return send(path, renewed) == 401 ? "token rejected" : "passed";
    }

    private List<String> runConcurrently(int count, Task task) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY, Thread.ofVirtual().factory())) {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(task::run));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> future : futures) {
                results.add(future.get(20, TimeUnit.SECONDS));
            }
            return results;
        }
    }

    @FunctionalInterface
    private interface Task {
        String run() throws Exception;
    }

    private static String failureOf(Task task) {
        try {
            return "no failure: " + task.run();
        } catch (AuthenticationException e) {
            return e.getMessage();
        } catch (Exception e) {
            return "unexpected " + e;
        }
    }

    @Nested
    class SharingOneToken {

        @Test
        void fiftyEndpointsOnTenThreadsPassWithOneFetchPlusOnePerExpiry() throws Exception {
            AtomicInteger received = new AtomicInteger();
            server.handle("/login", request -> issueToken(60));
            server.handle("/api/item", request -> {
                Reply reply = validate(request);
                if (received.incrementAndGet() == ENDPOINTS / 2) {
                    clock.advance(Duration.ofSeconds(61));
                }
                return reply;
            });
            ServiceCredentials credentials = manager.forService(service("user", Map.of("type", "token",
                    "url", server.url("/login"))));

            List<String> results = runConcurrently(ENDPOINTS, () -> check(credentials, "/api/item"));

            assertThat(results).hasSize(ENDPOINTS).containsOnly("passed");
            assertThat(server.calls("/login")).isEqualTo(2);
            assertThat(server.calls("/api/item")).isBetween(ENDPOINTS, ENDPOINTS + CONCURRENCY);
        }

        @Test
        void aTokenIsKeptAcrossRoundsUntilShortlyBeforeItExpires() {
            server.handle("/login", request -> issueToken(3600));
            ServiceCredentials credentials = manager.forService(service("user", Map.of("type", "token",
                    "url", server.url("/login"))));

            Credential first = credentials.current().orElseThrow();
            clock.advance(Duration.ofMinutes(59));
            Credential beforeSkew = credentials.current().orElseThrow();
            clock.advance(Duration.ofSeconds(31));
            Credential withinSkew = credentials.current().orElseThrow();

            assertThat(beforeSkew).isSameAs(first);
            assertThat(withinSkew).isNotSameAs(first);
            assertThat(withinSkew.headers()).containsEntry("Authorization", "Bearer tok-2");
            assertThat(server.calls("/login")).isEqualTo(2);
        }

        @Test
        void anAbsurdExpiryIsCappedToTheMaximumLifetimeWithAWarning() {
            server.handle("/login", request -> Reply.json(200, "{\"token\":\"tok-" + tokenNumber.incrementAndGet()
                    + "\",\"expires_in\":1e300}"));
            ServiceCredentials credentials = manager.forService(service("user", Map.of("type", "token",
                    "url", server.url("/login"))));

            try (LogCapture log = new LogCapture(SharedServiceCredentials.class)) {
                Credential first = credentials.current().orElseThrow();
                clock.advance(CredentialManager.MAX_LIFETIME.minusMinutes(1));
                Credential beforeCap = credentials.current().orElseThrow();
                clock.advance(Duration.ofMinutes(1));
                Credential atCap = credentials.current().orElseThrow();

                assertThat(beforeCap).isSameAs(first);
                assertThat(atCap.headers()).containsEntry("Authorization", "Bearer tok-2");
                assertThat(log.messages(Level.WARN)).hasSize(2).allSatisfy(message -> assertThat(message)
                        .contains("more than 7 days after it was obtained service=user type=token"));
            }
        }

        @Test
        void aFailedRefreshKeepsTheOldTokenWhileItIsStillValid() {
            AtomicInteger logins = new AtomicInteger();
            server.handle("/login", request -> logins.incrementAndGet() == 1
                    ? issueToken(600) : Reply.json(503, "{\"msg\":\"maintenance\"}"));
            ServiceCredentials credentials = manager.forService(service("user", Map.of("type", "token",
                    "url", server.url("/login"))));

            Credential first = credentials.current().orElseThrow();
            clock.advance(Duration.ofSeconds(580));
            Credential duringSkew = credentials.current().orElseThrow();
            clock.advance(Duration.ofSeconds(30));

            assertThat(duringSkew).isSameAs(first);
            assertThat(failureOf(() -> credentials.current().toString())).contains("status=503");
        }
    }

    @Nested
    class FailingTokenApi {

        @Test
        void aWrongPasswordCallsTheTokenApiOncePerRoundNotOncePerEndpoint() throws Exception {
            server.handle("/login", request -> request.body().contains("\"password\":\"right-one\"")
                    ? issueToken(600) : Reply.json(401, "{\"code\":401,\"msg\":\"用户名或密码错误\"}"));
            ServiceCredentials credentials = manager.forService(service("user", Map.of("type", "token",
                    "url", server.url("/login"), "body", Map.of("username", "ops", "password", "wrong-one"))));

            List<String> firstRound = runConcurrently(ENDPOINTS, () -> failureOf(() -> check(credentials, "/x")));
            int callsAfterFirstRound = server.calls("/login");
            clock.advance(Duration.ofMinutes(15));
            String secondRound = failureOf(() -> check(credentials, "/x"));

            assertThat(callsAfterFirstRound).isEqualTo(1);
            assertThat(server.calls("/login")).isEqualTo(2);
            assertThat(firstRound).hasSize(ENDPOINTS).allSatisfy(reason -> assertThat(reason)
                    .contains("status=401").contains("{\"code\":<number>,\"msg\":<string>}"));
            assertThat(secondRound).contains("status=401");
        }

        @Test
        void aFailureIsRememberedBrieflyAndThenTriedAgain() {
            server.handle("/login", request -> Reply.json(500, "{}"));
            ServiceCredentials credentials = manager.forService(service("user", Map.of("type", "token",
                    "url", server.url("/login"))));

            String first = failureOf(() -> credentials.current().toString());
            clock.advance(CredentialManager.FAILURE_MEMORY.minusSeconds(1));
            String remembered = failureOf(() -> credentials.current().toString());
            int callsWhileRemembered = server.calls("/login");
            clock.advance(Duration.ofSeconds(2));
            failureOf(() -> credentials.current().toString());

            assertThat(remembered).isEqualTo(first).contains("status=500");
            assertThat(callsWhileRemembered).isEqualTo(1);
            assertThat(server.calls("/login")).isEqualTo(2);
        }
    }

    @Nested
    class RejectedTokens {

        @Test
        void anEndpointThatKeepsAnswering401GetsOneRenewalAndTheRejectionPersists() {
            server.handle("/login", request -> issueToken(3600));
            server.handle("/api/locked", request -> Reply.json(401, "{\"msg\":\"no\"}"));
            ServiceCredentials credentials = manager.forService(service("user", Map.of("type", "token",
                    "url", server.url("/login"))));

            Credential first = credentials.current().orElseThrow();
            Credential renewed = credentials.renewAfterRejection(first).orElseThrow();
            Credential again = credentials.renewAfterRejection(renewed).orElseThrow();

            assertThat(renewed).isNotSameAs(first);
            assertThat(renewed.headers()).containsEntry("Authorization", "Bearer tok-2");
            assertThat(again).as("the rejection persists with the fresh token").isSameAs(renewed);
            assertThat(server.calls("/login")).isEqualTo(2);
        }

        @Test
        void concurrentRejectionsOfOneTokenShareOneRenewal() throws Exception {
            server.handle("/login", request -> issueToken(3600));
            server.handle("/api/locked", request -> Reply.json(401, "{\"msg\":\"no\"}"));
            ServiceCredentials credentials = manager.forService(service("user", Map.of("type", "token",
                    "url", server.url("/login"))));

            List<String> results = runConcurrently(ENDPOINTS, () -> check(credentials, "/api/locked"));

            assertThat(results).hasSize(ENDPOINTS).containsOnly("token rejected");
            assertThat(server.calls("/login")).isEqualTo(2);
        }

        @Test
        void aRejectionLongAfterTheLastRenewalFetchesAgain() {
            server.handle("/login", request -> issueToken(3600));
            ServiceCredentials credentials = manager.forService(service("user", Map.of("type", "token",
                    "url", server.url("/login"))));

            Credential renewed = credentials.renewAfterRejection(credentials.current().orElseThrow()).orElseThrow();
            clock.advance(CredentialManager.REJECTION_MEMORY.plusSeconds(1));
            Credential next = credentials.renewAfterRejection(renewed).orElseThrow();

            assertThat(next).isNotSameAs(renewed);
            assertThat(server.calls("/login")).isEqualTo(3);
        }
    }

    @Nested
    class Instances {

        @Test
        void aServiceWithoutAuthGetsNone() {
            ServiceConfig open = service("open", Map.of());

            assertThat(manager.forService(open)).isSameAs(ServiceCredentials.NONE);
            assertThat(manager.forService(open).current()).isEmpty();
        }

        @Test
        void theSameSettingsGiveTheSameInstanceAndChangedSettingsAFreshOne() {
            Map<String, Object> auth = Map.of("type", "bearer", "token", "static-token-1");

            ServiceCredentials first = manager.forService(service("user", auth));
            ServiceCredentials reloaded = manager.forService(service("user", Map.copyOf(auth)));
            ServiceCredentials changed = manager.forService(service("user", Map.of("type", "bearer",
                    "token", "static-token-2")));

            assertThat(reloaded).isSameAs(first);
            assertThat(changed).isNotSameAs(first);
            assertThat(changed.current().orElseThrow().headers())
                    .containsEntry("Authorization", "Bearer static-token-2");
        }

        @Test
        void anUnknownTypeFailsWithADidYouMeanInsteadOfThrowingAtLookup() {
            ServiceCredentials credentials = manager.forService(service("user", Map.of("type", "tokn",
                    "url", "http://127.0.0.1:1/login")));

            assertThat(failureOf(() -> credentials.current().toString()))
                    .contains("unknown auth type 'tokn'").contains("did you mean 'token'?");
        }

        @Test
        void aPluginThatHangsIsGivenUpOnAfterTheTimeoutAndNotCalledAgainAtOnce() throws Exception {
            CountDownLatch hang = new CountDownLatch(1);
            AtomicInteger calls = new AtomicInteger();
            Map<String, Authenticator> authenticators = new HashMap<>(builtIns());
            authenticators.put("stuck", new Authenticator() {
                @Override
                public String type() {
                    return "stuck";
                }

                @Override
                public Credential authenticate(AuthContext context) {
                    calls.incrementAndGet();
                    try {
                        hang.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Credential.header("X-Key", "late-key");
                }
            });
            CredentialManager withPlugin = new CredentialManager(authenticators, CLIENT, clock, Duration.ofMillis(100));
            ServiceCredentials credentials = withPlugin.forService(service("user", Map.of("type", "stuck")));

            List<String> reasons = runConcurrently(CONCURRENCY,
                    () -> failureOf(() -> credentials.current().toString()));
            String remembered = failureOf(() -> credentials.current().toString());
            hang.countDown();

            assertThat(reasons).containsOnly("authenticator 'stuck' gave no credential within 1100ms");
            assertThat(remembered).isEqualTo("authenticator 'stuck' gave no credential within 1100ms");
            assertThat(calls).hasValue(1);
        }

        @Test
        void aPluginThatThrowsBecomesAnAuthenticationErrorNamingItsType() {
            Map<String, Authenticator> authenticators = new HashMap<>(builtIns());
            authenticators.put("broken", new Authenticator() {
                @Override
                public String type() {
                    return "broken";
                }

                @Override
                public Credential authenticate(AuthContext context) {
                    throw new IllegalStateException("cannot log in");
                }
            });
            CredentialManager withPlugin = new CredentialManager(authenticators, CLIENT, clock, TIMEOUT);

            String reason = failureOf(() -> withPlugin.forService(service("user", Map.of("type", "broken")))
                    .current().toString());

            assertThat(reason).isEqualTo("authenticator 'broken' failed: java.lang.IllegalStateException: "
                    + "cannot log in");
        }
    }

    @Nested
    class Validation {

        private List<String> problems(Map<String, ?> auth) {
            return manager.validate(service("user", auth)).stream().map(Problem::format).toList();
        }

        @Test
        void anUnknownTypeIsNamedWithADidYouMean() {
            assertThat(problems(Map.of("type", "oauth2-client-credential", "token_url", "http://127.0.0.1/t")))
                    .containsExactly("ERROR config.yaml: services[user].auth: unknown auth type "
                            + "'oauth2-client-credential' (did you mean 'oauth2-client-credentials'? Known types: "
                            + "basic, bearer, header, oauth2-client-credentials, token)");
        }

        @Test
        void aMissingTypeIsNamed() {
            assertThat(problems(Map.of("url", "http://127.0.0.1/t"))).containsExactly(
                    "ERROR config.yaml: services[user].auth: 'type' is missing (set type to one of: "
                            + "basic, bearer, header, oauth2-client-credentials, token)");
        }

        @Test
        void theAuthenticatorsOwnProblemsFollowUnderTheServicesName() {
            assertThat(problems(Map.of("type", "token"))).containsExactly(
                    "ERROR config.yaml: services[user].auth: 'url' is missing "
                            + "(set it, e.g. url: http://127.0.0.1:8080/auth/token)");
        }

        @Test
        void theShorthandAndAServiceWithoutAuthHaveNoProblems() {
            assertThat(problems(Map.of("type", "token", "url", "http://127.0.0.1:8080/login"))).isEmpty();
            assertThat(problems(Map.of())).isEmpty();
        }

        @Test
        void rejectedStatusesAreReadAndCheckedDefaultingTo401() {
            ServiceConfig custom = service("user", Map.of("type", "bearer", "token", "t-123",
                    "rejected_statuses", List.of(401, "403")));

            assertThat(manager.rejectedStatuses(custom)).containsExactlyInAnyOrder(401, 403);
            assertThat(manager.rejectedStatuses(service("user", Map.of("type", "bearer", "token", "t-123"))))
                    .containsExactly(401);
            assertThat(problems(Map.of("type", "bearer", "token", "t-123", "rejected_statuses", List.of(200))))
                    .containsExactly("ERROR config.yaml: services[user].auth: 'rejected_statuses' has '200', not an "
                            + "HTTP status from 400 to 599 (write e.g. rejected_statuses: [401, 403])");
        }
    }
}
