package dev.ifmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsoleSummaryTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "HTTP_ERROR | HTTP_500       | 500 | status 500                  | HTTP 500 HTTP_ERROR  ",
        "HTTP_ERROR | REDIRECT_LIMIT | 302 | more than 5 redirects       "
                + "| HTTP 302 HTTP_ERROR REDIRECT_LIMIT: more than 5 redirects  ",
        "AUTH_ERROR | TOKEN_REJECTED | 401 | token rejected              | HTTP 401 AUTH_ERROR: token rejected  ",
        "NETWORK_ERROR | DNS         |     | cannot resolve host name x  | NETWORK_ERROR DNS: cannot resolve host name x  ",
    })
    void aFailureLineNamesTheReasonCodeWheneverTheStatusDoesNotSayIt(Outcome outcome, String code, Integer status,
            String reason, String expected) {
        CheckResult result = new CheckResult(new EndpointId("s", "m", "n"), "GET", "http://h.invalid/", outcome,
                code, reason, status, Duration.ofMillis(12), 1, Instant.EPOCH, null, null, List.of());

        assertThat(ConsoleSummary.failureLine(result)).isEqualTo("  FAIL s/m/n  GET http://h.invalid/  "
                + expected.strip() + "  12 ms");
    }
}
