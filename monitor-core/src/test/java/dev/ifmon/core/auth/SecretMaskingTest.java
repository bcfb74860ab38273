package dev.ifmon.core.auth;

import static dev.ifmon.core.auth.AuthFixtures.builtIns;
import static dev.ifmon.core.auth.AuthFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.ifmon.api.AuthContext;
import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Credential;
import dev.ifmon.api.Problem;
import dev.ifmon.core.auth.LoopbackServer.Reply;
import dev.ifmon.core.config.ServiceConfig;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(30)
class SecretMaskingTest {

    private static final String PASSWORD = "pw-Secret-9f3";
    private static final String TOKEN = "tok-SECRET-77a1";
    private static final String CLIENT_SECRET = "cs-SECRET-42x";
    private static final String STATIC_TOKEN = "static-SECRET-55";
    private static final String QUERY_KEY = "qk-SECRET-0b0";
    private static final List<String> SECRETS = List.of(PASSWORD, TOKEN, CLIENT_SECRET, STATIC_TOKEN, QUERY_KEY);

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<String> shown = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Level previousLevel;
    private HttpClient client;
    private LoopbackServer server;
    private CredentialManager manager;

    @BeforeEach
    void capture() {
        previousLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
        client = HttpClient.newHttpClient();
        server = LoopbackServer.start();
        Map<String, Authenticator> authenticators = new HashMap<>(builtIns());
        authenticators.put("leaky", new LeakyAuthenticator());
        manager = new CredentialManager(authenticators, client, clock, Duration.ofSeconds(5));
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
        root.setLevel(previousLevel);
        server.close();
        client.close();
    }

    @Test
    void noKnownSecretReachesALogLineAnExceptionOrAProblem() {
        String echo = "{\"msg\":\"password " + PASSWORD + " wrong\",\"token\":\"" + TOKEN + "\",\"secret\":\""
                + CLIENT_SECRET + "\"}";
        server.handle("/login", request -> Reply.json(200, "{\"data\":{\"token\":\"" + TOKEN + "\"}}"));
        server.handle("/denied", request -> Reply.json(401, echo));
        server.handle("/html", request -> new Reply(200, "text/html", "<html>" + TOKEN + PASSWORD + "</html>"));
        server.handle("/text", request -> new Reply(500, "text/plain", "bad login " + PASSWORD));

        exercise(tokenService("ok", "/login"));
        exercise(tokenService("denied", "/denied"));
        exercise(tokenService("html", "/html"));
        exercise(tokenService("text", "/text"));
        exercise(tokenService("query", "/denied?key=" + QUERY_KEY));
        exercise(service("userinfo", Map.of("type", "token", "url", server.url("/denied").replace("http://",
                "http://ops:" + PASSWORD + "@"))));
        exercise(service("oauth", Map.of("type", "oauth2-client-credentials", "token_url", server.url("/denied"),
                "client_id", "monitor", "client_secret", CLIENT_SECRET)));
        exercise(service("bearer", Map.of("type", "bearer", "token", STATIC_TOKEN, "tokn", STATIC_TOKEN)));
        exercise(service("leaky", Map.of("type", "leaky", "password", PASSWORD)));
        exercise(service("typo", Map.of("type", "beerer", "token", STATIC_TOKEN)));

        shown.addAll(appender.list.stream().map(SecretMaskingTest::render).toList());
        assertThat(shown).as("what was captured").hasSizeGreaterThan(10);
        assertThat(shown).as("the token was obtained").anyMatch(text -> text.startsWith("Credential obtained "
                + "service=ok type=token"));
        assertThat(appender.list).as("DEBUG was captured").anyMatch(event -> event.getLevel() == Level.DEBUG);
        assertThat(shown).allSatisfy(text -> assertThat(text).doesNotContain(SECRETS));
        assertThat(shown).as("reasons keep the reply's shape").anyMatch(text -> text.contains(
                "{\"msg\":<string>,\"token\":<string>,\"secret\":<string>}"));
    }

    @Test
    void aPluginsExceptionMessageIsMaskedWithTheBlocksSecrets() {
        ServiceCredentials credentials = manager.forService(service("leaky", Map.of("type", "leaky",
                "password", PASSWORD)));

        assertThatThrownBy(credentials::current).isInstanceOf(AuthenticationException.class)
                .hasMessage("authenticator 'leaky' failed: java.lang.IllegalStateException: login with ****** refused");
    }

    private ServiceConfig tokenService(String name, String path) {
        return service(name, Map.of("type", "token", "url", server.url(path),
                "body", Map.of("username", "ops", "password", PASSWORD)));
    }

    private void exercise(ServiceConfig service) {
        manager.validate(service).stream().map(Problem::format).forEach(shown::add);
        ServiceCredentials credentials = manager.forService(service);
        shown.add(reasonOf(credentials));
        try {
            credentials.current().ifPresent(credential -> {
                clock.advance(Duration.ofSeconds(1));
                shown.add(String.valueOf(credentials.renewAfterRejection(credential).orElseThrow().expiresAt()));
            });
        } catch (AuthenticationException e) {
            shown.add(chain(e));
        }
    }

    private static String reasonOf(ServiceCredentials credentials) {
        try {
            return "ok: " + credentials.current().map(Credential::expiresAt);
        } catch (AuthenticationException e) {
            return chain(e);
        }
    }

    private static String chain(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append(" | ");
        }
        return text.toString();
    }

    private static String render(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    /** A plug-in that carelessly puts a secret in its exception message. */
    private static final class LeakyAuthenticator implements Authenticator {

        @Override
        public String type() {
            return "leaky";
        }

        @Override
        public Credential authenticate(AuthContext context) {
            throw new IllegalStateException("login with " + context.settings().string("password", "") + " refused");
        }
    }
}
