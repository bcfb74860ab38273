package dev.ifmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.ifmon.runner.demo.DemoApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code ifmon} command line, run in process: usage, {@code validate} and {@code run --once}. */
class CommandLineTest {

    static DemoApiServer api;

    @TempDir
    Path folder;

    @BeforeAll
    static void startTheApi() throws IOException {
        api = DemoApiServer.start();
    }

    @AfterAll
    static void stopTheApi() {
        api.close();
    }

    /** Writes a config for one service {@code admin} on the demo API and one doc per path given. */
    Path catalog(String... paths) throws IOException {
        Path module = Files.createDirectories(folder.resolve("Interface-pool/admin/system"));
        for (int index = 0; index < paths.length; index++) {
            Files.writeString(module.resolve("doc" + index + ".yaml"),
                    "name: 接口" + index + "\nmethod: GET\nurl: " + paths[index] + "\n", StandardCharsets.UTF_8);
        }
        return Files.writeString(folder.resolve("config.yaml"), """
                monitor:
                  timeout: 5
                interface_docs:
                  root_path: "./Interface-pool"
                services:
                  - name: admin
                    description: 后台管理接口
                    base_url: "%s/admin"
                """.formatted(api.baseUrl()), StandardCharsets.UTF_8);
    }

    /** An environment variable no machine sets, so {@code ${env:...}} reads it as unset. */
    static final String UNSET = "IFMON_TEST_NEVER_SET_WEBHOOK";

    /** Like {@link #catalog}, with a {@code wechat:} block whose webhook_url (line 10) is written as given. */
    Path catalogWithWebhook(String webhookUrl, String... paths) throws IOException {
        Path config = catalog(paths);
        Files.writeString(config, "wechat:\n  webhook_url: \"" + webhookUrl + "\"\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        return config;
    }

    @Nested
    class Usage {

        @ParameterizedTest(name = "ifmon {0} exits 2")
        @CsvSource(delimiter = '|', textBlock = """
                ''
                run
                run --once
                validate
                notify-test
                no-such-command
                run --config config.yaml --no-such-option
                demo --report-json
                """)
        void aWrongCommandLineExitsWithTwoAndSaysWhatIsWrong(String line) {
            CliRun run = CliRun.execute(line.isEmpty() ? new String[0] : line.split(" "));

            assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
            assertThat(run.err()).isNotBlank();
        }

        @Test
        void versionPrintsTheVersionAndExitsZero() {
            CliRun run = CliRun.execute("--version");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("ifmon ").doesNotContain("unknown version");
        }

        @Test
        void helpListsEveryCommandAndExitsZero() {
            CliRun run = CliRun.execute("--help");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("run", "validate", "demo", "notify-test");
        }

        @Test
        void aMissingConfigFileExitsTwoNamingTheFile() {
            CliRun run = CliRun.execute("run", "--once", "--config", folder.resolve("nope.yaml").toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
            assertThat(run.err()).contains("nope.yaml");
        }
    }

    @Nested
    class Validate {

        @Test
        void aCleanConfigAndCatalogExitZero() throws IOException {
            Path config = catalog("/system/health");

            CliRun run = CliRun.execute("validate", "--config", config.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("0 errors", ConsoleSummary.NO_WEBHOOK);
        }

        @Test
        void aWebhookVariableWithoutValueOrDefaultIsOneErrorAtItsLine() throws IOException {
            assumeThat(System.getenv(UNSET)).isNull();
            Path config = catalogWithWebhook("${env:" + UNSET + "}", "/system/health");

            CliRun run = CliRun.execute("validate", "--config", config.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
            assertThat(run.out()).contains("1 error,").doesNotContain("not a URL")
                    .contains("config.yaml:10:", "the variable '${env:" + UNSET + "}' has no value",
                            "set the environment variable " + UNSET + ", or give a default with ${env:" + UNSET
                            + ":-...}");
        }

        @Test
        void aBrokenDocExitsTwoAndNamesTheFile() throws IOException {
            Path config = catalog("/system/health");
            Files.writeString(folder.resolve("Interface-pool/admin/system/broken.json"), "{\"name\": ");

            CliRun run = CliRun.execute("validate", "--config", config.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
            assertThat(run.out()).contains("ERROR", "broken.json", "1 error, 0 warnings");
        }

        @Test
        void anUnknownZoneIsAnErrorAtItsLineWithAHint() throws IOException {
            Path config = catalog("/system/health");
            Files.writeString(config, Files.readString(config).replace("  timeout: 5\n",
                    "  timeout: 5\n  zone: Mars/Olympus\n"));

            CliRun run = CliRun.execute("validate", "--config", config.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
            assertThat(run.out()).contains("1 error,", "config.yaml:3:", "Mars/Olympus",
                    "use a region ID such as Asia/Shanghai or an offset like +08:00");
        }

        @Test
        void anUnknownEnvironmentExitsTwoNamingIt() throws IOException {
            Path config = catalog("/system/health");

            CliRun run = CliRun.execute("validate", "--config", config.toString(), "--env", "staging");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
            assertThat(run.err() + run.out()).contains("staging");
        }
    }

    @Nested
    class RunOnce {

        @ParameterizedTest(name = "webhook_url: {0}")
        @ValueSource(strings = {"bare-key-0123456789abcdef", "http://127.0.0.1:9/cgi-bin/webhook/send"})
        void aNotifiersOwnErrorIsInTheRoundAsInValidate(String webhookUrl) throws IOException {
            Path config = catalogWithWebhook(webhookUrl, "/system/health");

            CliRun validate = CliRun.execute("validate", "--config", config.toString());
            CliRun run = CliRun.execute("run", "--once", "--config", config.toString());

            List<String> errors = validate.out().lines().filter(line -> line.startsWith("ERROR")).toList();
            assertThat(errors).as(validate.out()).isNotEmpty().allSatisfy(line -> assertThat(line).contains("wechat"));
            assertThat(validate.exitCode()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
            assertThat(run.out()).contains(errors);
        }

        @Test
        void exitsZeroWhenEveryEndpointIsOk() throws IOException {
            Path config = catalog("/system/health", "/user/list");

            CliRun run = CliRun.execute("run", "--once", "--config", config.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out())
                    .contains("2 endpoints: 2 OK", "Result: all 2 endpoints OK",
                            "wechat off (" + ConsoleSummary.WEBHOOK_EMPTY + ")");
        }

        @Test
        void anEmptyDefaultForAnUnsetWebhookTurnsWeComOffWithOneWarning() throws IOException {
            assumeThat(System.getenv(UNSET)).isNull();
            Path config = catalogWithWebhook("${env:" + UNSET + ":-}", "/system/health");
            Path report = folder.resolve("out/report.json");

            CliRun run = CliRun.execute("run", "--once", "--config", config.toString(), "--report-json",
                    report.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("Result: all 1 endpoint OK")
                    .containsOnlyOnce("Notifications: wechat off (" + ConsoleSummary.WEBHOOK_EMPTY + ")")
                    .containsOnlyOnce("WARNING")
                    .containsOnlyOnce("WARNING " + config + ":10: wechat.webhook_url is empty because ${env:" + UNSET
                            + "} is unset or empty: WeCom push is off (set the environment variable " + UNSET
                            + " to the robot's webhook URL to turn it on)")
                    .doesNotContain("ERROR");
            JsonNode problems = JsonMapper.builder().build().readTree(Files.readString(report)).path("problems");
            assertThat(problems.size()).isEqualTo(1);
            assertThat(problems.get(0).toString()).contains("WeCom push is off", "\"line\":10");
            JsonNode lastRound = JsonMapper.builder().build()
                    .readTree(Files.readString(config.resolveSibling("data/last-round.json")));
            assertThat(lastRound.path("problems").toString()).as("the runner's problems reach last-round.json too")
                    .contains("WeCom push is off");
            assertThat(lastRound.path("summary").path("problems").asInt()).isEqualTo(1);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"run --once", "run"})
        @Timeout(60) // a bound: without the check, "run" would start the schedule and never return
        void anUnknownZoneStopsTheRunAtOnceWithTheErrorNotAStackTrace(String command) throws IOException {
            Path config = catalog("/system/health");
            Files.writeString(config, Files.readString(config).replace("  timeout: 5\n",
                    "  timeout: 5\n  zone: Mars/Olympus\n  data_dir: \"" + folder.resolve("data") + "\"\n"));

            CliRun run = CliRun.execute((command + " --config " + config).split(" "));

            assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
            assertThat(run.err()).contains("config.yaml:3", "Mars/Olympus", "Asia/Shanghai")
                    .doesNotContain("Exception", "\tat ");
        }

        @Test
        void writesTheLastRoundFileIntoTheDataFolder() throws IOException {
            Path config = catalog("/system/health");
            Path data = folder.resolve("state");
            Files.writeString(config, Files.readString(config).replace("  timeout: 5\n",
                    "  timeout: 5\n  data_dir: \"" + data + "\"\n"));

            CliRun run = CliRun.execute("run", "--once", "--config", config.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            JsonNode json = JsonMapper.builder().build().readTree(Files.readString(data.resolve("last-round.json")));
            assertThat(json.path("summary").path("total").asInt()).isEqualTo(1);
        }

        @Test
        void aLastRoundFileThatCannotBeWrittenIsOneErrorAndTheExitCodeStillReflectsTheEndpoints()
                throws IOException {
            Path config = catalog("/system/health", "/system/gone");
            Path data = Files.createDirectories(folder.resolve("data"));
            Files.writeString(Files.createDirectories(data.resolve("last-round.json")).resolve("blocker"), "x");
            Files.writeString(config, Files.readString(config).replace("  timeout: 5\n",
                    "  timeout: 5\n  data_dir: \"" + data + "\"\n"));

            try (Logged log = new Logged()) {
                CliRun run = CliRun.execute("run", "--once", "--config", config.toString());

                assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
                assertThat(run.out()).contains("Result: 1 of 2 endpoints failed");
                assertThat(run.err()).doesNotContain("Exception");
                assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith("ERROR")
                        .contains("Last-round file not written", data.resolve("last-round.json").toString()))
                        .noneSatisfy(line -> assertThat(line).contains("\tat "));
            }
        }

        @ParameterizedTest(name = "{0} -> exit {1}")
        @CsvSource({"/system/gone, 1", "/system/health, 2"})
        void anUnwritableReportPathIsOneErrorAndTheSummaryStands(String second, int exitCode) throws IOException {
            Path config = catalog("/system/health", second);
            Files.writeString(folder.resolve("not-a-folder"), "x");
            Path report = folder.resolve("not-a-folder/report.json");

            try (Logged log = new Logged()) {
                CliRun run = CliRun.execute("run", "--once", "--config", config.toString(), "--report-json",
                        report.toString());

                assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(exitCode);
                assertThat(run.out()).contains("Result: ").doesNotContain("report written");
                assertThat(run.err()).doesNotContain("Exception");
                assertThat(log.lines()).filteredOn(line -> line.startsWith("ERROR")).singleElement().asString()
                        .contains("JSON report not written", report.toString(), "--report-json");
            }
        }

        @Test
        void exitsOneAndWritesTheReportWhenAnEndpointFails() throws IOException {
            Path config = catalog("/system/health", "/system/gone");
            Path report = folder.resolve("out/report.json");

            CliRun run = CliRun.execute("run", "--once", "--config", config.toString(), "--report-json",
                    report.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.out()).containsPattern("FAIL admin/system/接口1  GET .*/admin/system/gone  HTTP 404");
            JsonNode json = JsonMapper.builder().build().readTree(Files.readString(report));
            assertThat(json.path("summary").path("HTTP_ERROR").asInt()).isEqualTo(1);
            assertThat(json.path("summary").path("total").asInt()).isEqualTo(2);
        }

        @ParameterizedTest(name = "--report-json {0}")
        @CsvSource({"config, the report would overwrite it", "'', needs a file name"})
        void aReportPathThatIsTheConfigOrEmptyIsAUsageErrorAndTheConfigStays(String which, String message)
                throws IOException {
            Path config = catalog("/system/health");
            String before = Files.readString(config);
            String report = which.equals("config") ? folder.resolve(".").resolve(config.getFileName()).toString() : "";

            CliRun run = CliRun.execute("run", "--once", "--config", config.toString(), "--report-json", report);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
            assertThat(run.err()).contains("--report-json", message);
            assertThat(run.out()).doesNotContain("Result: ");
            assertThat(Files.readString(config)).isEqualTo(before);
        }
    }

    /** Keeps the WARN and ERROR lines of every {@code dev.ifmon} logger, stack traces included. */
    static final class Logged implements AutoCloseable {

        private final Logger logger = (Logger) LoggerFactory.getLogger("dev.ifmon");
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        Logged() {
            appender.start();
            logger.addAppender(appender);
        }

        synchronized List<String> lines() {
            return List.copyOf(appender.list).stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(event -> event.getLevel() + " " + event.getFormattedMessage()
                            + (event.getThrowableProxy() == null ? ""
                                    : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())))
                    .toList();
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }
}
