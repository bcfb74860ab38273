package dev.ifmon.runner.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.RoundReport;
import dev.ifmon.core.Monitor;
import dev.ifmon.core.RoundOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One service behind a token API, 50 endpoints in an {@code Interface-pool} on disk, concurrency 10, run
 * through the public {@link Monitor} builder with the real plug-ins (WeCom among them) against loopback
 * servers. The token rules checked here are the ones docs/auth.md documents.
 */
class MonitorEndToEndTest {

    static final String PASSWORD = "pw-Hq4s-e2e-Lm93";
    static final String PASSWORD_VARIABLE = "IFMON_E2E_PASSWORD";
    static final int ENDPOINTS = 50;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    ServiceStandIn service;
    Path config;

    @BeforeEach
    void start() throws IOException {
        service = ServiceStandIn.start(PASSWORD);
        config = E2eCatalog.write(folder, service.baseUrl(), ENDPOINTS);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    Monitor monitor(String password, ShiftedClock clock) {
        return Monitor.builder().config(config).dataDirectory(folder.resolve("data"))
                .processEnvironment(Map.of(PASSWORD_VARIABLE, password)).clock(clock).build();
    }

    static long count(RoundReport report, Outcome outcome) {
        return report.results().stream().filter(result -> result.outcome() == outcome).count();
    }

    @Nested
    class TokenExpiresInTheMiddleOfTheRound {

        @ParameterizedTest(name = "a jump of {0}s into a 60s token: {1} token call(s)")
        @CsvSource({"50, 1", "53, 1", "55, 2", "59, 2"})
        void aTokenIsFetchedAgainOnceOnlyWhenLessThanTenPercentOfItsLifetimeIsLeft(int jump, int calls) {
            ShiftedClock clock = new ShiftedClock();
            service.expiresIn(60);
            service.onEndpointRequest(25, () -> clock.jump(Duration.ofSeconds(jump)));

            RoundOutcome outcome;
            try (Monitor monitor = monitor(PASSWORD, clock)) {
                outcome = monitor.runOnce();
            }

            assertThat(outcome.report().results()).hasSize(ENDPOINTS);
            assertThat(count(outcome.report(), Outcome.OK)).isEqualTo(ENDPOINTS);
            assertThat(service.tokenCalls()).as("one token at the start, one more 6 s before a 60 s expiry")
                    .isEqualTo(calls);
            assertThat(service.rejectedRequests()).isZero();
            assertThat(service.endpointRequests()).isEqualTo(ENDPOINTS);
            assertThat(service.tokensSeen()).first().isEqualTo(ServiceStandIn.token(1));
            assertThat(service.tokensSeen()).last().isEqualTo(ServiceStandIn.token(calls));
        }

        @Test
        void aTokenTheTargetStopsAcceptingIsReplacedByOneSharedFetchAndEveryEndpointIsOk() {
            service.onEndpointRequest(20, service::revokeFirstToken);

            RoundOutcome outcome;
            try (Monitor monitor = monitor(PASSWORD, new ShiftedClock())) {
                outcome = monitor.runOnce();
            }

            assertThat(count(outcome.report(), Outcome.OK)).isEqualTo(ENDPOINTS);
            assertThat(service.tokenCalls()).as("one token at the start, one shared renewal after the 401s")
                    .isEqualTo(2);
            assertThat(service.rejectedRequests()).isPositive();
            assertThat(service.endpointRequests())
                    .as("each rejected request is retried once with the new token")
                    .isEqualTo(ENDPOINTS + service.rejectedRequests());
            assertThat(service.tokensSeen()).last().isEqualTo(ServiceStandIn.token(2));
        }
    }

    @Nested
    class WrongPassword {

        @Test
        void isOneAuthFailureForTheServiceNoEndpointRequestAndOneLineInTheWeComMessage() {
            RoundOutcome outcome;
            try (Monitor monitor = monitor("not-the-password", new ShiftedClock())) {
                outcome = monitor.runOnce();
            }

            RoundReport report = outcome.report();
            assertThat(report.results().stream().filter(CheckResult::isFailure)).singleElement()
                    .satisfies(failure -> {
                        assertThat(failure.id().toString()).isEqualTo("user/*/(auth)");
                        assertThat(failure.outcome()).isEqualTo(Outcome.AUTH_ERROR);
                        assertThat(failure.reason()).contains("status=401");
                    });
            assertThat(count(report, Outcome.NOT_CHECKED)).isEqualTo(ENDPOINTS);
            assertThat(service.tokenCalls()).isEqualTo(1);
            assertThat(service.endpointRequests()).isZero();
            assertThat(outcome.notificationsPending()).isFalse();
            assertThat(service.webhookBodies()).singleElement().extracting(MonitorEndToEndTest::content)
                    .satisfies(markdown -> {
                        assertThat(markdown.lines().filter(line -> line.contains("【新增】"))).singleElement()
                                .asString().contains("**获取令牌**", "/auth/login");
                        assertThat(markdown).contains("**认证 (token API)**").doesNotContain("(auth)", "模块 ＊");
                        assertThat(markdown).contains("status=401");
                        assertThat(markdown).doesNotContain("item-");
                    });
        }
    }

    /** @return the text of a robot message: its markdown or text content */
    static String content(String webhookBody) {
        JsonNode message = JSON.readTree(webhookBody);
        String type = message.path("msgtype").asString();
        return message.path(type).path("content").asString();
    }
}
