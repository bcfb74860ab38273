package dev.ifmon.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;
import java.util.stream.Stream;

class ConfigLoaderTest {

    static final String BRIEF_CONFIG = """
            monitor:
              interval: 15        # minutes between rounds
              timeout: 10         # request timeout, seconds
              concurrency: 5
              enabled: true

            wechat:
              webhook_url: ""     # robot webhook URL
              mentioned_list: []  # people to @

            interface_docs:
              root_path: "./Interface-pool"

            services:
              - name: user
                description: 用户服务接口
                enabled: true
                token_api: "https://api.example.com/user/token"
            """;

    static final Set<String> CHANNELS = Set.of("wechat", "email");

    @TempDir
    Path dir;

    MonitorConfig load(String yaml, String env, Map<String, String> processEnv) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return ConfigLoader.load(file, env, CHANNELS, processEnv);
    }

    MonitorConfig load(String yaml) throws IOException {
        return load(yaml, null, Map.of());
    }

    @Nested
    class TheBriefConfig {

        @Test
        void loadsUnchangedWithoutProblems() throws IOException {
            MonitorConfig config = load(BRIEF_CONFIG);

            assertThat(config.problems()).isEmpty();
            assertThat(config.environment()).isEmpty();
            assertThat(config.interval()).isEqualTo(Duration.ofMinutes(15));
            assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(config.concurrency()).isEqualTo(5);
            assertThat(config.enabled()).isTrue();
            assertThat(config.docs().string("root_path", "")).isEqualTo("./Interface-pool");
            assertThat(config.channels()).containsOnlyKeys("wechat");
            assertThat(config.channels().get("wechat").string("webhook_url", "x")).isEmpty();
            assertThat(config.channels().get("wechat").strings("mentioned_list")).isEmpty();
        }

        @Test
        void loadsWithAByteOrderMarkAndWindowsLineEndings() throws IOException {
            MonitorConfig config = load("\uFEFF" + BRIEF_CONFIG.replace("\n", "\r\n"));

            assertThat(config.problems()).isEmpty();
            assertThat(config.service("user").orElseThrow().description()).isEqualTo("用户服务接口");
        }

        @Test
        void normalisesTheTokenApiShorthand() throws IOException {
            ServiceConfig user = load(BRIEF_CONFIG).service("user").orElseThrow();

            assertThat(user.description()).isEqualTo("用户服务接口");
            assertThat(user.enabled()).isTrue();
            assertThat(user.baseUrl()).isEmpty();
            assertThat(user.auth().asMap()).containsExactly(Map.entry("type", "token"),
                    Map.entry("url", "https://api.example.com/user/token"));
        }
    }

    @Nested
    class Environments {

        static final String CONFIG = """
                default_environment: dev
                variables:
                  TENANT: t1
                wechat:
                  webhook_url: ""
                  mentioned_list: [ops]
                services:
                  - name: user
                    base_url: http://localhost:1/base
                    token_api: http://localhost:1/token
                    variables: {USER_ID: "42"}
                  - name: nurse
                    auth: {type: bearer, token: "${env:NURSE_TOKEN}"}
                environments:
                  dev:
                    variables: {HOST: "localhost:8080"}
                    services:
                      user:
                        base_url: "http://${HOST}/user"
                        auth: {type: basic, username: u, password: "${env:USER_PASSWORD}"}
                    wechat:
                      webhook_url: "http://localhost:9/hook?key=${env:WECOM_KEY}"
                  prod:
                    variables: {HOST: "localhost:9090", TENANT: t2}
                    services:
                      user:
                        token_api: {url: "http://localhost:2/token", username: svc}
                """;

        static final Map<String, String> ENV = Map.of("NURSE_TOKEN", "nurse-secret", "USER_PASSWORD", "pw-secret",
                "WECOM_KEY", "hook-secret");

        @Test
        void theDefaultEnvironmentAppliesItsOverlays() throws IOException {
            MonitorConfig config = load(CONFIG, null, ENV);

            assertThat(config.problems()).isEmpty();
            assertThat(config.environment()).isEqualTo("dev");
            assertThat(config.variables()).containsEntry("HOST", "localhost:8080").containsEntry("TENANT", "t1");
            ServiceConfig user = config.service("user").orElseThrow();
            assertThat(user.baseUrl()).isEqualTo("http://localhost:8080/user");
            assertThat(user.auth().asMap()).containsExactly(Map.entry("type", "basic"), Map.entry("username", "u"),
                    Map.entry("password", "pw-secret"));
            assertThat(user.settings().has("token_api")).isFalse();
            assertThat(config.channels().get("wechat").string("webhook_url", ""))
                    .isEqualTo("http://localhost:9/hook?key=hook-secret");
            assertThat(config.channels().get("wechat").strings("mentioned_list")).containsExactly("ops");
        }

        @Test
        void anEnvironmentCanDisableAServiceAndKeepsOtherKeys() throws IOException {
            MonitorConfig config = load(CONFIG + "  staging:\n    services:\n      user: {enabled: false}\n",
                    "staging", ENV);

            ServiceConfig user = config.service("user").orElseThrow();
            assertThat(config.problems()).isEmpty();
            assertThat(user.enabled()).isFalse();
            assertThat(user.baseUrl()).isEqualTo("http://localhost:1/base");
            assertThat(user.auth().string("url", "")).isEqualTo("http://localhost:1/token");
        }

        @Test
        void theEnvArgumentOverridesTheDefault() throws IOException {
            MonitorConfig config = load(CONFIG, "prod", ENV);

            assertThat(config.problems()).isEmpty();
            assertThat(config.environment()).isEqualTo("prod");
            assertThat(config.variables()).containsEntry("TENANT", "t2");
            ServiceConfig user = config.service("user").orElseThrow();
            assertThat(user.baseUrl()).isEqualTo("http://localhost:1/base");
            assertThat(user.auth().asMap()).containsExactly(Map.entry("type", "token"),
                    Map.entry("url", "http://localhost:2/token"), Map.entry("username", "svc"));
        }

        @Test
        void everyValueFromTheProcessEnvironmentIsASecret() throws IOException {
            MonitorConfig config = load(CONFIG, "dev", ENV);

            assertThat(config.resolver().secretValues())
                    .containsExactlyInAnyOrder("nurse-secret", "pw-secret", "hook-secret");
        }

        @Test
        void anUndeclaredEnvironmentIsAnErrorWithASuggestion() throws IOException {
            MonitorConfig config = load(CONFIG, "prd", ENV);

            assertThat(config.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.isError()).isTrue();
                assertThat(problem.message()).contains("'prd'");
                assertThat(problem.hint()).contains("did you mean 'prod'");
            });
        }

        @Test
        void aMissingVariableIsAnErrorAtItsLine() throws IOException {
            MonitorConfig config = load(CONFIG, "dev", Map.of("NURSE_TOKEN", "x", "WECOM_KEY", "y"));

            assertThat(config.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.message()).contains("${env:USER_PASSWORD}");
                assertThat(problem.line()).isEqualTo(20);
            });
        }
    }

    @Nested
    class Problems {

        static Stream<Arguments> configMistakes() {
            return Stream.of(
                    Arguments.of("unknown top-level key",
                            "monitr:\n  interval: 5\n",
                            1,
                            "monitr",
                            "did you mean 'monitor'"),
                    Arguments.of("unknown channel block", "slack:\n  url: x\n", 1, "slack", "install that notifier"),
                    Arguments.of("bad interval", "monitor:\n  interval: soon\n", 2, "interval", "default"),
                    Arguments.of("interval below the minimum", "monitor:\n  interval: 10ms\n", 2,
                            "'interval' must be a duration of at least 10s such as 15 (minutes), 30s or 1h, but is",
                            "correct the value, or remove the key to use the default"),
                    Arguments.of("interval a tiny fraction of a minute", "monitor:\n  interval: 0.0001\n", 2,
                            "at least 10s", "default"),
                    Arguments.of("zero timeout", "monitor:\n  timeout: 0\n", 2, "timeout", "default"),
                    Arguments.of("absurd timeout",
                            "monitor:\n  timeout: 99999999999999999999\n",
                            2,
                            "'timeout' must be a positive duration of at most 10m",
                            "default"),
                    Arguments.of("timeout above the maximum", "monitor:\n  timeout: 11m\n", 2, "at most 10m",
                            "default"),
                    Arguments.of("interval too long to count",
                            "monitor:\n  interval: 99999999999999999999\n",
                            2,
                            "interval",
                            "default"),
                    Arguments.of("concurrency too high",
                            "monitor:\n  concurrency: 100000\n",
                            2,
                            "concurrency",
                            "default"),
                    Arguments.of("unknown zone", "monitor:\n  zone: Mars/Olympus\n", 2, "zone", "Asia/Shanghai"),
                    Arguments.of("zone not a zone", "monitor:\n  zone: [a]\n", 2, "zone", "+08:00"),
                    Arguments.of("data_dir with a NUL byte", "monitor:\n  data_dir: \"a\\0b\"\n", 2, "data_dir",
                            "path"),
                    Arguments.of("enabled not a boolean", "monitor:\n  enabled: yes\n", 2, "enabled", "default"),
                    Arguments.of("unknown docs key",
                            "interface_docs:\n  rootpath: x\n",
                            2,
                            "interface_docs.rootpath",
                            "did you mean 'root_path'"),
                    Arguments.of("service without a name", "services:\n  - enabled: true\n", 2, "no 'name'", "skipped"),
                    Arguments.of("duplicate service", "services:\n  - name: a\n  - name: a\n", 3, "twice", "ignored"),
                    Arguments.of("both token_api and auth",
                            "services:\n  - name: a\n    token_api: http://localhost/t\n    auth: {type: bearer}\n",
                            4,
                            "both",
                            "keep one"),
                    Arguments.of("auth without type",
                            "services:\n  - name: a\n    auth: {token: x}\n",
                            3,
                            "no 'type'",
                            "bearer"),
                    Arguments.of("relative base_url",
                            "services:\n  - name: a\n    base_url: localhost/api\n",
                            3,
                            "base_url",
                            "http://"),
                    Arguments.of("overlay for unknown service",
                            "services:\n  - name: user\nenvironments:\n  dev:\n    services:\n      usr: {}\n",
                            6,
                            "usr",
                            "did you mean 'user'"),
                    Arguments.of("unknown environment key",
                            "environments:\n  dev:\n    variabels: {}\n",
                            3,
                            "environments.dev.variabels",
                            "did you mean 'variables'"),
                    Arguments.of("duplicate key",
                            "monitor:\n  interval: 5\n  interval: 6\n",
                            3,
                            "duplicate key",
                            "keep one of the two"),
                    Arguments.of("services not a list", "services:\n  name: a\n", 2, "list", "'- name"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("configMistakes")
        void eachMistakeIsOneProblemWithLineAndHint(String name, String yaml, int line, String inMessage,
                String inHint) throws IOException {
            MonitorConfig config = load(yaml);

            assertThat(config.problems()).as(name).hasSize(1);
            Problem problem = config.problems().get(0);
            assertThat(problem.source()).endsWith("config.yaml");
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.message()).contains(inMessage);
            assertThat(problem.hint()).contains(inHint);
        }

        @ParameterizedTest
        @CsvSource({"Asia/Shanghai", "+08:00", "UTC", "Z"})
        void aZoneIdOrOffsetIsAccepted(String zone) throws IOException {
            assertThat(load("monitor:\n  zone: \"" + zone + "\"\n").problems()).isEmpty();
        }

        @Test
        void aBadMonitorValueFallsBackToTheDefault() throws IOException {
            MonitorConfig config = load("monitor:\n  interval: soon\n  concurrency: 0\n");

            assertThat(config.problems()).hasSize(2);
            assertThat(config.interval()).isEqualTo(Duration.ofMinutes(15));
            assertThat(config.concurrency()).isEqualTo(5);
        }

        @Test
        void unreadableContentIsAProblemNotAnException() throws IOException {
            MonitorConfig config = load("monitor:\n\tinterval: 5\n");

            assertThat(config.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.message()).contains("tab");
                assertThat(problem.line()).isEqualTo(2);
            });
            assertThat(config.services()).isEmpty();
        }

        @Test
        void aMissingFileThrowsWithItsPath() {
            Path missing = dir.resolve("nope.yaml");

            assertThatThrownBy(() -> ConfigLoader.load(missing, null, CHANNELS, Map.of()))
                    .isInstanceOf(IfmonException.class).hasMessageContaining("nope.yaml")
                    .hasMessageContaining("--config");
        }

        @Test
        void unknownServiceKeysAreWarningsWithASuggestion() throws IOException {
            MonitorConfig config = load("services:\n  - name: a\n    base_ulr: http://localhost\n");

            assertThat(config.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.isError()).isFalse();
                assertThat(problem.hint()).contains("did you mean 'base_url'");
            });
            assertThat(config.hasErrors()).isFalse();
        }
    }

    @Nested
    class Variables {

        @Test
        void processEnvironmentFillsWhatVariablesLack() throws IOException {
            MonitorConfig config = load("variables:\n  A: \"${B}-x\"\n", null, Map.of("B", "from-env"));

            assertThat(config.variables()).containsEntry("A", "from-env-x");
            assertThat(config.resolver().resolve("${A}/${env:B}/$${A}")).isEqualTo("from-env-x/from-env/${A}");
            assertThat(config.resolver().secretValues()).containsExactly("from-env");
        }

        @Test
        void aVariableReadFromTheProcessEnvironmentIsASecretEvenIfNothingUsesIt() throws IOException {
            MonitorConfig config = load("variables:\n  TOKEN: \"Bearer ${env:T}\"\n", null, Map.of("T", "tok-secret"));

            assertThat(config.variables()).containsEntry("TOKEN", "Bearer tok-secret");
            assertThat(config.resolver().secretValues()).containsExactly("tok-secret");
        }

        @Test
        void envPrefixIgnoresConfigVariables() throws IOException {
            MonitorConfig config = load("variables:\n  B: local\n", null, Map.of());

            assertThat(config.resolver().resolve("${B}")).isEqualTo("local");
            assertThatThrownBy(() -> config.resolver().resolve("${env:B}"))
                    .isInstanceOf(VariableResolver.MissingVariableException.class)
                    .extracting(e -> ((VariableResolver.MissingVariableException) e).variable())
                    .isEqualTo("env:B");
        }

        @ParameterizedTest(name = "{0} with {1} gives ''{2}''")
        @CsvSource(delimiter = '|', value = {
            "${env:HOOK:-}                    | unset       | ''",
            "${env:HOOK:-}                    | set         | from-env",
            "${env:EMPTY:-fallback}           | empty       | fallback",
            "${env:HOOK:-http://x/y?a=b}      | unset       | http://x/y?a=b",
            "${LOCAL:-unused}                 | set         | local",
            "${NOWHERE:-dflt}                 | unset       | dflt",
            "${ env:HOOK :-x}                 | set         | from-env",
            "$${env:HOOK:-x}                  | set         | ${env:HOOK:-x}",
        })
        void aDefaultIsUsedWhenTheVariableIsUnsetOrEmpty(String written, String processEnv, String expected)
                throws IOException {
            Map<String, String> env = switch (processEnv) {
                case "set" -> Map.of("HOOK", "from-env");
                case "empty" -> Map.of("EMPTY", "");
                default -> Map.of();
            };

            MonitorConfig config = load("variables:\n  LOCAL: local\nwechat:\n  webhook_url: \"" + written
                    + "\"\n", null, env);

            assertThat(config.problems()).isEmpty();
            assertThat(config.channels().get("wechat").string("webhook_url", null)).isEqualTo(expected);
        }

        @Test
        void aDefaultIsNotASecretButTheEnvironmentValueIs() throws IOException {
            MonitorConfig config = load("variables:\n  A: \"${env:A:-plain}\"\n  B: \"${env:B:-plain-b}\"\n",
                    null, Map.of("B", "b-secret"));

            assertThat(config.variables()).containsEntry("A", "plain").containsEntry("B", "b-secret");
            assertThat(config.resolver().secretValues()).containsExactly("b-secret");
        }

        @Test
        void aMissingEnvVariableSaysToSetItOrGiveADefaultAtItsLine() throws IOException {
            MonitorConfig config = load("monitor:\n  interval: 5\n\nwechat:\n  mentioned_list: []\n"
                    + "  webhook_url: \"${env:IFMON_HOOK}\"\n", null, Map.of());

            assertThat(config.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.isError()).isTrue();
                assertThat(problem.line()).isEqualTo(6);
                assertThat(problem.message()).contains("${env:IFMON_HOOK}");
                assertThat(problem.hint()).isEqualTo("set the environment variable IFMON_HOOK, or give a default"
                        + " with ${env:IFMON_HOOK:-...}");
            });
        }

        @Test
        void valuesKeepTheirTypesInSettings() throws IOException {
            MonitorConfig config = load("monitor:\n  interval: 30s\n  body_limit: 0x10\n  zone: \"+08\"\n");

            assertThat(config.problems()).isEmpty();
            assertThat(config.interval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.monitor().asMap()).containsEntry("body_limit", "0x10").containsEntry("zone", "+08");
            assertThat(List.copyOf(config.monitor().asMap().keySet())).containsExactly("interval", "body_limit",
                    "zone");
        }
    }
}
