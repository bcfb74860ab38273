package dev.ifmon.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.api.StatusRange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineOptionsTest {

    private static Settings monitor(Map<String, ?> values) {
        return Settings.of("config.yaml: monitor", values);
    }

    @Nested
    class Defaults {

        @Test
        void anEmptyBlockGivesTheDocumentedDefaults() {
            EngineOptions options = EngineOptions.defaults();

            assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(options.retries()).isEqualTo(1);
            assertThat(options.bodyLimit()).isEqualTo(64 * 1024);
            assertThat(options.http2()).isFalse();
            assertThat(options.perHostConcurrency()).isZero();
            assertThat(options.perHostWait()).isZero();
            assertThat(options.certExpiryWarnDays()).isEqualTo(14);
            assertThat(options.followRedirectsMax()).isEqualTo(5);
        }

        @ParameterizedTest(name = "status {0}: failing {1}, retried {2}, auth rejected {3}")
        @CsvSource({
            "200, false, false, false",
            "400, false, false, false",
            "401, true,  false, true",
            "403, true,  false, false",
            "404, true,  false, false",
            "500, true,  false, false",
            "502, true,  true,  false",
            "503, true,  true,  false",
            "504, true,  true,  false",
            "599, true,  false, false",
        })
        void statusSets(int status, boolean failing, boolean retried, boolean rejected) {
            EngineOptions options = EngineOptions.defaults();

            assertThat(options.failing(status)).isEqualTo(failing);
            assertThat(options.retryable(status)).isEqualTo(retried);
            assertThat(options.authRejected(status)).isEqualTo(rejected);
        }
    }

    @Nested
    class Reading {

        @Test
        void everyKeyIsRead() {
            EngineOptions options = EngineOptions.from(monitor(Map.ofEntries(
                    Map.entry("timeout", "500ms"), Map.entry("retries", 3),
                    Map.entry("retry_statuses", List.of("503", "429")), Map.entry("failing_statuses", "4xx, 5xx"),
                    Map.entry("body_limit", "1MiB"), Map.entry("http2", true), Map.entry("per_host_concurrency", 2),
                    Map.entry("per_host_wait", "2s"), Map.entry("cert_expiry_warn_days", 30),
                    Map.entry("follow_redirects_max", 3), Map.entry("retry_backoff", "1s"))));

            assertThat(options.timeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(options.retries()).isEqualTo(3);
            assertThat(options.retryStatuses()).containsExactly(new StatusRange(503, 503), new StatusRange(429, 429));
            assertThat(options.failing(418)).isTrue();
            assertThat(options.bodyLimit()).isEqualTo(1024 * 1024);
            assertThat(options.http2()).isTrue();
            assertThat(options.perHostConcurrency()).isEqualTo(2);
            assertThat(options.perHostWait()).isEqualTo(Duration.ofSeconds(2));
            assertThat(options.certExpiryWarnDays()).isEqualTo(30);
            assertThat(options.followRedirectsMax()).isEqualTo(3);
            assertThat(options.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
            assertThat(EngineOptions.validate(monitor(Map.of("timeout", 5)))).isEmpty();
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
            "retries              | many",
            "retries              | -1",
            "body_limit           | huge",
            "failing_statuses     | 700",
            "timeout              | 0",
            "timeout              | 11m",
            "timeout              | 99999999999999999999",
            "http2                | yes",
            "per_host_wait        | soon",
        })
        void aBadValueIsAProblemNamingKeyAndValueAndTheDefaultIsUsed(String key, String value) {
            List<Problem> problems = EngineOptions.validate(monitor(Map.of(key, value)));
            EngineOptions options = EngineOptions.from(monitor(Map.of(key, value)));

            assertThat(problems).hasSize(1);
            assertThat(problems.get(0).format()).contains("config.yaml: monitor").contains(key).contains(value)
                    .contains("default");
            assertThat(options).isEqualTo(EngineOptions.defaults());
        }
    }
}
