package dev.ifmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RoundReport;
import dev.ifmon.core.RoundOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodesTest {

    static final OffsetDateTime START = OffsetDateTime.of(2026, 12, 4, 9, 0, 0, 0, ZoneOffset.ofHours(8));

    @ParameterizedTest(name = "outcome {0}, config error {1}, pending {2}: exit {3}")
    @CsvSource(textBlock = """
            OK,            false, false, 0
            DEGRADED,      false, false, 0
            NOT_CHECKED,   false, false, 0
            HTTP_ERROR,    false, false, 1
            TIMEOUT,       true,  false, 1
            OK,            true,  false, 2
            OK,            false, true,  1
            OK,            true,  true,  2
            """)
    void aRoundsExitCodeFollowsFailuresThenConfigErrorsThenUndeliveredAlerts(Outcome outcome, boolean configError,
                                                                               boolean pending, int expected) {
        CheckResult result = new CheckResult(new EndpointId("user", "login", "用户登录"), "GET",
                "http://127.0.0.1:1/login", outcome, "", "", 200, Duration.ofMillis(5), 1, Instant.EPOCH, null,
                null, List.of());
        List<Problem> problems = configError ? List.of(Problem.error("config.yaml", "bad", "fix it")) : List.of();
        RoundReport report = new RoundReport("", START, START, List.of(result), problems);

        assertThat(ExitCodes.forRound(new RoundOutcome(report, pending, List.of()))).isEqualTo(expected);
    }
}
