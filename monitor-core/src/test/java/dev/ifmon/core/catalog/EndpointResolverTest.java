package dev.ifmon.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.RequestBody;
import dev.ifmon.api.SourceLocation;
import dev.ifmon.core.config.ConfigLoader;
import dev.ifmon.core.config.MonitorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointResolverTest {

    static final String CONFIG = """
            default_environment: dev
            variables: {TENANT: t1}
            services:
              - name: user
                base_url: http://localhost:8080/api/
                variables: {USER_ID: "42"}
              - name: nurse
            environments:
              dev:
                variables: {NAME: "say \\"hi\\""}
              test:
                services:
                  user: {base_url: "http://localhost:9090", variables: {USER_ID: "7"}}
            """;

    @TempDir
    Path dir;

    MonitorConfig dev;

    @BeforeEach
    void setUp() throws IOException {
        dev = load(null);
    }

    MonitorConfig load(String env) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, CONFIG);
        MonitorConfig config = ConfigLoader.load(file, env, Set.of(), Map.of("API_KEY", "k-secret-1"));
        assertThat(config.problems()).isEmpty();
        return config;
    }

    static EndpointDefinition.Builder endpoint(String service, String url) {
        return EndpointDefinition.builder(new EndpointId(service, "m", "e"),
                new SourceLocation("Interface-pool/" + service + "/m/e.json", 3)).url(url);
    }

    @Nested
    class Urls {

        @ParameterizedTest(name = "{0} joins to {1}")
        @CsvSource({
            "/users/${USER_ID},  http://localhost:8080/api/users/42",
            "users,              http://localhost:8080/api/users",
            "'',                 http://localhost:8080/api",
            "http://localhost:1/x?t=${TENANT}, http://localhost:1/x?t=t1",
        })
        void relativeUrlsJoinTheServiceBaseUrl(String url, String expected) {
            EndpointResolver.Resolution resolution = EndpointResolver.resolve(endpoint("user", url).build(), dev);

            assertThat(resolution.ok()).isTrue();
            assertThat(resolution.problem()).isNull();
            assertThat(resolution.endpoint().url()).isEqualTo(expected);
        }

        @Test
        void theSelectedEnvironmentChangesBaseUrlAndServiceVariables() throws IOException {
            MonitorConfig test = load("test");

            EndpointResolver.Resolution resolution = EndpointResolver.resolve(endpoint("user", "/u/${USER_ID}")
                    .build(), test);

            assertThat(resolution.endpoint().url()).isEqualTo("http://localhost:9090/u/7");
        }

        @Test
        void aRelativeUrlWithoutBaseUrlIsAProblemWithTheFile() {
            EndpointResolver.Resolution resolution = EndpointResolver.resolve(endpoint("nurse", "/x").build(), dev);

            assertThat(resolution.ok()).isFalse();
            assertThat(resolution.problem().isError()).isTrue();
            assertThat(resolution.problem().source()).isEqualTo("Interface-pool/nurse/m/e.json");
            assertThat(resolution.problem().line()).isEqualTo(3);
            assertThat(resolution.problem().message()).contains("'/x'").contains("no base_url")
                    .contains("environment 'dev'");
        }
    }

    @Nested
    class Variables {

        @Test
        void headersQueryAndBodyAreResolved() {
            EndpointDefinition raw = endpoint("user", "/x").header("X-Api-Key", "${env:API_KEY}")
                    .query(Map.of("tenant", "${TENANT}"))
                    .body(new RequestBody("application/json", "{\"name\":\"${NAME}\",\"id\":\"${USER_ID}\"}"))
                    .build();

            EndpointDefinition resolved = EndpointResolver.resolve(raw, dev).endpoint();

            assertThat(resolved.headers()).containsEntry("X-Api-Key", "k-secret-1");
            assertThat(resolved.query()).containsEntry("tenant", "t1");
            assertThat(resolved.body().text()).isEqualTo("{\"name\":\"say \\\"hi\\\"\",\"id\":\"42\"}");
            assertThat(dev.resolver().secretValues()).contains("k-secret-1");
        }

        @Test
        void aRawTextBodyIsNotJsonEscaped() {
            EndpointDefinition raw = endpoint("user", "/x").body(new RequestBody("text/plain", "${NAME}")).build();

            assertThat(EndpointResolver.resolve(raw, dev).endpoint().body().text()).isEqualTo("say \"hi\"");
        }

        @Test
        void aMissingVariableNamesTheVariableTheEndpointAndTheFile() {
            EndpointDefinition raw = endpoint("user", "/x").header("Authorization", "Bearer ${env:NO_SUCH}").build();

            EndpointResolver.Resolution resolution = EndpointResolver.resolve(raw, dev);

            assertThat(resolution.endpoint()).isNull();
            assertThat(resolution.problem().message()).contains("${env:NO_SUCH}").contains("user/m/e");
            assertThat(resolution.problem().source()).isEqualTo("Interface-pool/user/m/e.json");
            assertThat(resolution.problem().hint()).contains("NO_SUCH");
        }

        @Test
        void aDefaultFillsAnUnsetVariableAndIsJsonEscapedInAJsonBody() {
            EndpointDefinition raw = endpoint("user", "/x?who=${env:NO_SUCH:-anon}&id=${USER_ID:-0}")
                    .body(new RequestBody("application/json", "{\"n\": \"${env:NO_SUCH:-a \\\"b\\\"}\"}"))
                    .build();

            EndpointDefinition resolved = EndpointResolver.resolve(raw, dev).endpoint();

            assertThat(resolved.url()).isEqualTo("http://localhost:8080/api/x?who=anon&id=42");
            assertThat(resolved.body().text()).isEqualTo("{\"n\": \"a \\\"b\\\"\"}");
        }

        @Test
        void aMissingVariableIsReportedAtTheLineOfItsUse() {
            EndpointDefinition raw = EndpointDefinition.builder(new EndpointId("user", "m", "e"),
                    new SourceLocation("Interface-pool/user/m/e.yaml", 3, Map.of("env:NO_SUCH", 7))).url("/x")
                    .header("Authorization", "Bearer ${env:NO_SUCH}").build();

            EndpointResolver.Resolution resolution = EndpointResolver.resolve(raw, dev);

            assertThat(resolution.problem().line()).isEqualTo(7);
            assertThat(resolution.problem().hint()).startsWith("set the environment variable NO_SUCH, or give a"
                    + " default with ${env:NO_SUCH:-...}");
        }
    }

    @Nested
    class ServiceDefaults {

        static final String WITH_DEFAULTS = """
                services:
                  - name: pay
                    base_url: http://localhost:8080
                    timeout: 3s
                    headers: {X-Tenant: t1, Accept: text/plain}
                """;

        MonitorConfig pay() throws IOException {
            Path file = dir.resolve("pay.yaml");
            Files.writeString(file, WITH_DEFAULTS);
            MonitorConfig config = ConfigLoader.load(file, null, Set.of(), Map.of());
            assertThat(config.problems()).isEmpty();
            return config;
        }

        @Test
        void theServiceHeadersComeFirstAndAnEndpointHeaderOfTheSameNameWins() throws IOException {
            EndpointDefinition raw = endpoint("pay", "/x").header("accept", "application/json").build();

            EndpointDefinition resolved = EndpointResolver.resolve(raw, pay()).endpoint();

            assertThat(resolved.headers()).containsExactly(Map.entry("X-Tenant", "t1"),
                    Map.entry("accept", "application/json"));
        }

        @Test
        void theServiceTimeoutAppliesWhereTheEndpointSetsNone() throws IOException {
            MonitorConfig config = pay();

            assertThat(EndpointResolver.resolve(endpoint("pay", "/x").build(), config).endpoint().timeout())
                    .isEqualTo(Duration.ofSeconds(3));
            assertThat(EndpointResolver.resolve(endpoint("pay", "/x").timeout(Duration.ofMillis(500)).build(),
                    config).endpoint().timeout()).isEqualTo(Duration.ofMillis(500));
        }

        @Test
        void aServiceTimeoutAboveTheMaximumIsAnErrorAtItsLine() throws IOException {
            Path file = dir.resolve("slow.yaml");
            Files.writeString(file, WITH_DEFAULTS.replace("timeout: 3s", "timeout: 20m"));

            MonitorConfig config = ConfigLoader.load(file, null, Set.of(), Map.of());

            assertThat(config.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.isError()).isTrue();
                assertThat(problem.line()).isEqualTo(4);
                assertThat(problem.message()).contains("'timeout'", "at most 10m");
            });
        }
    }
}
