package dev.ifmon.runner.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** Loads the shipped {@code logback.xml} into a private context, as the runner would, and reads its files. */
class ShippedLogbackConfigTest {

    @TempDir
    Path logDir;

    private LoggerContext configure(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("ifmon.log.dir", logDir.toString());
        context.putProperty("ifmon.log.console", "OFF");
        if (format != null) {
            context.putProperty("ifmon.log.format", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL shipped = getClass().getClassLoader().getResource("logback.xml");
        configurator.doConfigure(shipped);
        context.start();
        return context;
    }

    private static void logRound(LoggerContext context) {
        Logger log = context.getLogger("dev.ifmon.runner.daemon.Scheduler");
        log.info("round 1 finished total=3 failed=1 durationMs=42 nextRun=2026-12-04T08:15:00Z");
        log.warn("endpoint failed service=user module=login endpoint=用户登录 status=503");
        log.debug("request detail not wanted at INFO");
        context.getLogger("jdk.internal.httpclient").info("library chatter");
        context.stop();
    }

    @Test
    void theConsoleIsStderrSoThatStdoutCarriesOnlyTheSummary() throws Exception {
        LoggerContext context = configure(null);

        ConsoleAppender<?> console = (ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("CONSOLE");

        assertThat(console.getTarget()).isEqualTo("System.err");
        context.stop();
    }

    @Nested
    class TextFormat {

        @Test
        void theOperationLogHasInfoAndAboveAndTheErrorLogOnlyWarnings() throws Exception {
            LoggerContext context = configure(null);

            logRound(context);

            List<String> operation = lines("ifmon.log");
            assertThat(operation).hasSize(2);
            assertThat(operation.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO .*"
                    + "round 1 finished total=3 failed=1 durationMs=42 nextRun=2026-12-04T08:15:00Z");
            assertThat(operation.get(1)).contains("WARN", "endpoint=用户登录 status=503");
            assertThat(lines("error.log")).singleElement().asString().contains("WARN", "status=503");
        }

        @Test
        void controlCharactersInAMessageAreEscapedButStackTracesKeepTheirLines() throws Exception {
            LoggerContext context = configure(null);

            context.getLogger("dev.ifmon.core.check").warn("endpoint failed reason=\"{}\"",
                    "\u001b[2Jcleared\rhidden\u0000", new IllegalStateException("boom"));
            context.stop();

            String log = Files.readString(logDir.resolve("ifmon.log"), StandardCharsets.UTF_8);
            assertThat(log).doesNotContain("\u001b", "\u0000", "\r")
                    .contains("reason=\"\\u001b[2Jcleared\\u000dhidden\\u0000\"\n",
                            "java.lang.IllegalStateException: boom\n\tat ");
        }

        @Test
        void loadsWithoutConfigurationErrors() throws Exception {
            LoggerContext context = configure(null);

            List<Status> problems = context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(status -> status.getLevel() >= Status.WARN).toList();

            assertThat(problems).isEmpty();
            context.stop();
        }
    }

    @Nested
    class JsonFormat {

        @Test
        void writesOneJsonEventPerLineInBothFiles() throws Exception {
            LoggerContext context = configure("json");

            logRound(context);

            List<String> operation = lines("ifmon.log");
            assertThat(operation).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
            assertThat(operation.get(0)).contains("\"level\":\"INFO\"",
                    "\"formattedMessage\":\"round 1 finished total=3");
            assertThat(lines("error.log")).singleElement().asString()
                    .contains("\"level\":\"WARN\"", "endpoint=用户登录 status=503");
        }
    }

    private List<String> lines(String name) throws IOException {
        Path file = logDir.resolve(name);
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).toList();
        }
    }
}
