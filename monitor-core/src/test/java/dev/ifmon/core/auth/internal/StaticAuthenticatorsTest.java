package dev.ifmon.core.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Credential;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StaticAuthenticatorsTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    private static Credential authenticate(Authenticator authenticator, Map<String, ?> auth) {
        return authenticator.authenticate(TestContext.of(auth, CLIENT, Duration.ofSeconds(1), Clock.systemUTC()));
    }

    @Nested
    class Discovery {

        @Test
        void serviceLoaderFindsEveryBuiltInAuthenticator() {
            List<String> types = ServiceLoader.load(Authenticator.class).stream()
                    .map(provider -> provider.get().type()).toList();

            assertThat(types).containsExactlyInAnyOrder("token", "bearer", "header", "basic",
                    "oauth2-client-credentials");
        }
    }

    @Nested
    class Bearer {

        @Test
        void sendsTheStaticTokenAsBearer() {
            Credential credential = authenticate(new BearerAuthenticator(), Map.of("type", "bearer",
                    "token", "static-abc"));

            assertThat(credential.headers()).containsExactly(Map.entry("Authorization", "Bearer static-abc"));
            assertThat(credential.expiresAt()).isNull();
            assertThat(credential.secrets()).contains("static-abc");
        }

        @Test
        void aMissingTokenIsAnAuthenticationErrorAndAProblem() {
            Settings settings = Settings.of("config.yaml: services[user].auth", Map.of("type", "bearer"));

            assertThatThrownBy(() -> authenticate(new BearerAuthenticator(), settings.asMap()))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("'token' is missing");
            assertThat(new BearerAuthenticator().validate(settings)).extracting(Problem::message)
                    .containsExactly("'token' is missing");
        }
    }

    @Nested
    class Header {

        @Test
        void setsTheNamedHeader() {
            Credential credential = authenticate(new HeaderAuthenticator(), Map.of("type", "header",
                    "name", "X-Api-Key", "value", "key-123456"));

            assertThat(credential.headers()).containsExactly(Map.entry("X-Api-Key", "key-123456"));
            assertThat(credential.secrets()).containsExactly("key-123456");
        }
    }

    @Nested
    class Basic {

        @Test
        void encodesUserAndPasswordAsUtf8() {
            Credential credential = authenticate(new BasicAuthenticator(), Map.of("type", "basic",
                    "username", "运维", "password", "pä ss"));

            String encoded = credential.headers().get("Authorization").substring("Basic ".length());
            assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
                    .isEqualTo("运维:pä ss");
            assertThat(credential.secrets()).contains("pä ss");
        }

        @Test
        void aUserNameWithAColonIsAProblem() {
            List<Problem> problems = new BasicAuthenticator().validate(Settings.of("config.yaml: services[u].auth",
                    Map.of("type", "basic", "username", "a:b", "password", "p")));

            assertThat(problems).extracting(Problem::message).containsExactly("'username' contains ':'");
        }
    }
}
