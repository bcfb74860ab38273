package dev.ifmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Problem;
import dev.ifmon.api.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelInspectorTest {

    @TempDir
    Path folder;

    Path config(String text) throws IOException {
        return Files.writeString(folder.resolve("config.yaml"), text);
    }

    @Nested
    class MissingNotifierModules {

        @Test
        void aWechatBlockWithoutTheWeComModuleIsOneErrorNamingTheModuleAndTheLine() throws IOException {
            Path file = config("monitor:\n  interval: 15\nwechat:\n  webhook_url: \"\"\n");

            List<Problem> problems = ChannelInspector.inspect(file, null, Set.of()).problems();

            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.severity()).isEqualTo(Severity.ERROR);
                assertThat(problem.source()).isEqualTo(file.toString());
                assertThat(problem.line()).isEqualTo(3);
                assertThat(problem.message()).contains("'wechat:'", "monitor-notify-wecom");
                assertThat(problem.hint()).contains("plugins/");
            });
        }

        @Test
        void anEmailBlockInAnEnvironmentNeedsTheEmailModule() throws IOException {
            Path file = config("environments:\n  prod:\n    email:\n      host: smtp.invalid\n");

            List<Problem> problems = ChannelInspector.inspect(file, "prod", Set.of("wechat")).problems();

            assertThat(problems).singleElement()
                    .satisfies(problem -> assertThat(problem.message()).contains("monitor-notify-email"));
        }

        @Test
        void channelsWhoseNotifiersArePresentAreFine() throws IOException {
            Path file = config("wechat:\n  webhook_url: \"\"\nemail:\n  host: smtp.invalid\n");

            assertThat(ChannelInspector.inspect(file, null, Set.of("wechat", "email")).problems()).isEmpty();
        }

        @Test
        void aPluginJarNamingAMissingNotifierClassIsSkippedAndTheBuiltInsAreStillFound() throws IOException {
            Path file = config("wechat:\n  webhook_url: \"\"\nemail:\n  host: smtp.invalid\n");
            Path jar = Files.createDirectories(folder.resolve("plugins")).resolve("x.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new JarEntry("META-INF/services/dev.ifmon.api.Notifier"));
                out.write("com.example.MissingNotifier\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }

            assertThat(ChannelInspector.inspect(file, null).problems()).isEmpty();
        }

        @ParameterizedTest(name = "block {0} with notifiers [{1}]")
        @CsvSource(delimiter = '|', textBlock = """
                wechta    | wechat
                slack     | wechat
                dingtalk  | ''
                """)
        void aBlockThatIsNotAKnownChannelIsLeftToTheCore(String key, String available) throws IOException {
            Path file = config(key + ":\n  webhook_url: \"\"\n");

            assertThat(ChannelInspector.inspect(file, null, available.isEmpty() ? Set.of() : Set.of(available))
                    .problems()).isEmpty();
        }

        @Test
        void bothKnownChannelsMissingAreOneErrorEachAndNothingForTheOtherBlock() throws IOException {
            Path file = config("wechat:\n  webhook_url: \"\"\nemail:\n  host: smtp.invalid\nslack:\n  a: b\n");

            List<Problem> problems = ChannelInspector.inspect(file, null, Set.of()).problems();

            assertThat(problems).extracting(Problem::line).containsExactly(3, 1);
            assertThat(problems).extracting(Problem::severity).containsOnly(Severity.ERROR);
        }
    }

    @Nested
    class Webhook {

        @ParameterizedTest(name = "{0} with env {1}: missing={2}")
        @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
                monitor: {}                                                           | null | true
                wechat: {webhook_url: ''}                                             | null | true
                wechat: {webhook_url: 'http://127.0.0.1:1/send?key=k'}                | null | false
                {wechat: {webhook_url: ''}, environments: {dev: {wechat: {webhook_url: 'http://h/x'}}}} | dev  | false
                {wechat: {webhook_url: 'http://h/x'}, environments: {dev: {wechat: {webhook_url: ''}}}} | dev  | true
                {default_environment: dev, environments: {dev: {wechat: {webhook_url: '${HOOK}'}}}} | null | false
                """)
        void isMissingWhenTheEffectiveUrlIsEmpty(String yaml, String environment, boolean missing)
                throws IOException {
            Path file = config(yaml);

            assertThat(ChannelInspector.inspect(file, environment, Set.of("wechat"), Map.of()).webhookMissing())
                    .isEqualTo(missing);
        }

        @ParameterizedTest(name = "{0} with HOOK={1}: missing={2}")
        @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
                ${env:HOOK:-}                   | null              | true
                ${env:HOOK:-}                   | ''                | true
                ${env:HOOK:-}                   | http://h/x?key=k  | false
                ${HOOK:-http://h/default?key=k} | null              | false
                """)
        void isJudgedAfterVariablesAndDefaultsAreResolved(String written, String hook, boolean missing)
                throws IOException {
            Path file = config("wechat:\n  webhook_url: \"" + written + "\"\n");
            Map<String, String> env = hook == null ? Map.of() : Map.of("HOOK", hook);

            ChannelInspector inspector = ChannelInspector.inspect(file, null, Set.of("wechat"), env);

            assertThat(inspector.webhookMissing()).isEqualTo(missing);
            assertThat(inspector.problems()).hasSize(missing ? 1 : 0);
        }

        @Test
        void anEmptyResultOfAVariableIsOneWarningNamingKeyVariableAndLine() throws IOException {
            Path file = config("monitor: {}\nwechat:\n  webhook_url: ''\nenvironments:\n  prod:\n    wechat:\n"
                    + "      webhook_url: \"${PROD_HOOK:-}\"\n");

            List<Problem> problems = ChannelInspector.inspect(file, "prod", Set.of("wechat"), Map.of()).problems();

            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.severity()).isEqualTo(Severity.WARNING);
                assertThat(problem.line()).isEqualTo(7);
                assertThat(problem.message()).isEqualTo("wechat.webhook_url is empty because ${PROD_HOOK} is unset"
                        + " or empty: WeCom push is off");
                assertThat(problem.hint()).isEqualTo("define PROD_HOOK under 'variables' or set the environment"
                        + " variable PROD_HOOK to the robot's webhook URL to turn it on");
            });
        }

        @Test
        void aWebhookWrittenEmptyIsAChoiceNotAWarning() throws IOException {
            Path file = config("wechat:\n  webhook_url: ''\n");

            ChannelInspector inspector = ChannelInspector.inspect(file, null, Set.of("wechat"), Map.of());

            assertThat(inspector.webhookMissing()).isTrue();
            assertThat(inspector.problems()).isEmpty();
        }
    }
}
