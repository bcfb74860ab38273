package dev.ifmon.runner.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Outcome;
import dev.ifmon.core.Monitor;
import dev.ifmon.core.RoundOutcome;
import dev.ifmon.core.report.JsonReportWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets through two whole rounds at DEBUG: a token that is revoked in the middle of the first round, an
 * endpoint that fails with a body echoing its Authorization and Cookie headers, and a second round whose
 * login is refused. None of the secrets may reach a log event, the JSON report, the data folder or a
 * robot message.
 */
class SecretsEndToEndTest {

    static final List<String> SECRETS = List.of(MonitorEndToEndTest.PASSWORD, ServiceStandIn.TOKEN_MARK,
            E2eCatalog.WEBHOOK_KEY, E2eCatalog.COOKIE, "ck-Rt58-e2e-Zn41", E2eCatalog.AUTHORIZATION,
            "az-Jd27-e2e-Xc90");

    @TempDir
    Path folder;

    ServiceStandIn service;

    @BeforeEach
    void start() throws IOException {
        service = ServiceStandIn.start(MonitorEndToEndTest.PASSWORD);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void noSecretReachesTheLogTheReportTheDataFolderOrTheRobot() throws IOException {
        Path config = E2eCatalog.write(folder, service.baseUrl(), MonitorEndToEndTest.ENDPOINTS);
        E2eCatalog.addPublicEcho(folder);
        service.expiresIn(60);
        service.failWithEcho("/api/public/echo");
        service.onEndpointRequest(20, service::revokeFirstToken);
        ShiftedClock clock = new ShiftedClock();
        String logs;
        RoundOutcome first;
        RoundOutcome second;

        try (DebugLogCapture log = new DebugLogCapture();
             Monitor monitor = Monitor.builder().config(config).dataDirectory(folder.resolve("data"))
                     .processEnvironment(Map.of(MonitorEndToEndTest.PASSWORD_VARIABLE, MonitorEndToEndTest.PASSWORD))
                     .clock(clock).build()) {
            first = monitor.runOnce();
            JsonReportWriter.write(first.report(), folder.resolve("report-1.json"));
            clock.jump(Duration.ofMinutes(2));
            service.acceptLogins(false);
            second = monitor.runOnce();
            JsonReportWriter.write(second.report(), folder.resolve("report-2.json"));
            logs = log.text();
            assertThat(log.size()).as("DEBUG events were captured").isGreaterThan(50);
        }

        assertThat(first.report().results()).filteredOn(result -> result.outcome() == Outcome.OK)
                .hasSize(MonitorEndToEndTest.ENDPOINTS);
        assertThat(second.report().results()).filteredOn(result -> result.outcome() == Outcome.AUTH_ERROR)
                .singleElement().satisfies(auth -> assertThat(auth.id().name()).isEqualTo("(auth)"));
        assertThat(service.rejectedRequests()).isPositive();
        String reports = read(folder.resolve("report-1.json")) + read(folder.resolve("report-2.json"));
        assertThat(reports).as("the echo failure is in the report, with its request and response")
                .contains("/public/echo", "Cookie", "internal error");
        List<String> messages = service.webhookBodies().stream().map(MonitorEndToEndTest::content).toList();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).contains("echo");
        assertThat(messages.get(1)).contains("认证 (token API)", "获取令牌");

        for (String secret : SECRETS) {
            assertThat(logs).as("log events").doesNotContain(secret);
            assertThat(reports).as("JSON reports").doesNotContain(secret);
            assertThat(String.join("\n", service.webhookBodies())).as("robot messages").doesNotContain(secret);
            assertThat(dataFolder()).as("files in the data folder").doesNotContain(secret);
        }
    }

    private String dataFolder() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder.resolve("data"), 5)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(file).append('\n').append(read(file)).append('\n');
            }
        }
        return all.toString();
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
