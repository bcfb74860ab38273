package dev.ifmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Notifier;
import dev.ifmon.api.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs {@code ifmon demo --report-json FILE} once, in process, and reads what it printed and wrote. */
class DemoCommandTest {

    @TempDir
    static Path folder;

    static CliRun run;
    static JsonNode report;

    @BeforeAll
    static void runTheDemo() throws IOException {
        Path file = folder.resolve("r.json");

        run = CliRun.execute("demo", "--report-json", file.toString());

        report = JsonMapper.builder().build().readTree(Files.readString(file));
    }

    static JsonNode result(String name) {
        for (JsonNode result : report.path("results")) {
            if (result.path("name").asString().equals(name)) {
                return result;
            }
        }
        throw new AssertionError("no result named " + name + " in " + report);
    }

    @Test
    void exitsWithOneBecauseEndpointsFailed() {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
    }

    @Nested
    class EveryFailureKind {

        /** Reason codes the API names are matched exactly; the engine chooses the others (any code). */
        @ParameterizedTest(name = "{0}/{1}/{2} ends {3} {4}")
        @CsvSource(nullValues = "null", textBlock = """
                user,  order,    订单详情,     HTTP_ERROR,       HTTP_500,  500
                nurse, schedule, 换班申请,     HTTP_ERROR,       HTTP_503,  503
                admin, system,   系统版本,     HTTP_ERROR,       HTTP_404,  404
                nurse, patient,  患者列表,     TIMEOUT,          '[A-Z_]+', null
                admin, system,   旧版监控探针, NETWORK_ERROR,    REFUSED,   null
                admin, user,     用户同步,     NETWORK_ERROR,    DNS,       null
                admin, system,   安全网关,     TLS_ERROR,        'TLS[A-Z_]*', null
                nurse, patient,  患者详情,     ASSERTION_FAILED, '[A-Z_]+', 200
                """)
        void isInTheReportWithItsOutcomeAndReason(String service, String module, String name, Outcome outcome,
                                                  String reasonCode, Integer status) {
            JsonNode result = result(name);

            assertThat(result.path("service").asString()).isEqualTo(service);
            assertThat(result.path("module").asString()).isEqualTo(module);
            assertThat(result.path("outcome").asString()).isEqualTo(outcome.name());
            assertThat(result.path("reasonCode").asString()).matches(reasonCode);
            assertThat(result.path("reason").asString()).isNotBlank();
            assertThat(result.path("status").isNull() ? null : result.path("status").asInt()).isEqualTo(status);
            assertThat(result.path("request").isObject()).as("failures carry their request").isTrue();
        }

        @Test
        void theFlakyEndpointRecoversAfterARetryAndIsOk() {
            JsonNode week = result("排班周表");

            assertThat(week.path("outcome").asString()).isEqualTo("OK");
            assertThat(week.path("attempts").asInt()).isEqualTo(2);
            assertThat(week.path("recoveredAfterRetry").asBoolean()).isTrue();
        }

        @Test
        void theTokenProtectedEndpointIsOkBecauseTheTokenWasFetchedAndSent() {
            assertThat(result("获取用户信息").path("outcome").asString()).isEqualTo("OK");
        }

        @Test
        void theOtherEndpointsAreOk() {
            assertThat(List.of("用户登录", "订单列表", "今日排班", "系统健康检查", "管理员列表"))
                    .allSatisfy(name -> assertThat(result(name).path("outcome").asString()).isEqualTo("OK"));
        }
    }

    @Nested
    class TheJsonReport {

        @Test
        void hasTheTopLevelFieldsWithIsoTimestampsThatCarryAnOffset() {
            assertThat(report.propertyNames()).contains("startedAt", "finishedAt", "environment", "summary",
                    "results", "problems");
            OffsetDateTime started = OffsetDateTime.parse(report.path("startedAt").asString());
            OffsetDateTime finished = OffsetDateTime.parse(report.path("finishedAt").asString());
            assertThat(finished).isAfterOrEqualTo(started);
            assertThat(report.path("environment").asString()).isEqualTo("demo");
        }

        @Test
        void summarisesEveryOutcomeAndTheCountsAddUpToTheTotal() {
            JsonNode summary = report.path("summary");

            int sum = 0;
            for (Outcome outcome : Outcome.values()) {
                assertThat(summary.path(outcome.name()).isInt()).as(outcome.name()).isTrue();
                sum += summary.path(outcome.name()).asInt();
            }

            assertThat(summary.path("total").asInt()).isEqualTo(15).isEqualTo(sum)
                    .isEqualTo(report.path("results").size());
            assertThat(summary.path("OK").asInt()).isEqualTo(7);
            assertThat(summary.path("HTTP_ERROR").asInt()).isEqualTo(3);
        }

        @Test
        void givesEveryResultEveryContractField() {
            for (JsonNode result : report.path("results")) {
                assertThat(result.propertyNames()).as(result.toString()).contains("service", "module", "name",
                        "method", "url", "outcome", "reasonCode", "reason", "status", "latencyMs", "attempts",
                        "recoveredAfterRetry", "warnings");
                assertThat(result.path("latencyMs").isNumber()).isTrue();
                assertThat(result.path("attempts").asInt()).isPositive();
                assertThat(result.path("warnings").isArray()).isTrue();
                assertThat(result.path("status").isNull() || result.path("status").isInt()).isTrue();
            }
        }

        @Test
        void givesEveryProblemItsFields() {
            for (JsonNode problem : report.path("problems")) {
                assertThat(problem.propertyNames()).contains("severity", "file", "line", "column", "message",
                        "hint");
            }
        }
    }

    @Nested
    class TheConsoleSummary {

        @Test
        void countsTheOutcomes() {
            assertThat(run.out()).contains("15 endpoints: 7 OK, 3 HTTP_ERROR, 1 TIMEOUT, 2 NETWORK_ERROR,"
                    + " 1 TLS_ERROR, 1 ASSERTION_FAILED");
        }

        @Test
        void listsEachFailingEndpointWithMethodUrlAndStatusOrReason() {
            assertThat(run.out())
                    .containsPattern("FAIL user/order/订单详情  GET http://127\\.0\\.0\\.1:\\d+"
                            + "/user/order/detail\\?orderId=A1001  HTTP 500 HTTP_ERROR  \\d+ ms")
                    .containsPattern("FAIL admin/user/用户同步  GET http://no-such-host\\.invalid/admin/user/sync"
                            + "  NETWORK_ERROR DNS: .+  \\d+ ms")
                    .contains("Failing endpoints (8):", "Recovered after retry:", "Result: 8 of 15 endpoints failed");
        }

        @Test
        void saysWhereTheReportWasWritten() {
            assertThat(run.out()).contains("JSON report written to " + folder.resolve("r.json"));
        }
    }

    @Nested
    class TheRobotStandIn {

        @Test
        void showsTheWeComMessagesOrNamesTheMissingNotifierModule() {
            if (weComNotifierPresent()) {
                assertThat(run.out()).containsPattern("received (1 message|[2-9]\\d* messages)\\.")
                        .contains("Notifications: wechat sent (1 digest)")
                        .contains("----- message 1 of").contains("订单详情");
            } else {
                assertThat(run.out()).contains("received 0 messages.");
                assertThat(problemMessages()).anySatisfy(message -> assertThat(message)
                        .contains("monitor-notify-wecom is missing"));
            }
        }

        private static boolean weComNotifierPresent() {
            return StreamSupport.stream(ServiceLoader.load(Notifier.class).spliterator(), false)
                    .anyMatch(notifier -> notifier.configKey().equals("wechat"));
        }

        private static List<String> problemMessages() {
            List<String> messages = new ArrayList<>();
            report.path("problems").forEach(problem -> messages.add(problem.path("message").asString()));
            return messages;
        }
    }
}
