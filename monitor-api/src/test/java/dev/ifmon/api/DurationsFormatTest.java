package dev.ifmon.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsFormatTest {

    @ParameterizedTest(name = "{0} ms is written {1}")
    @CsvSource({
        "0, 0s",
        "500, 500ms",
        "1500, 1.5s",
        "3000, 3s",
        "90000, 90s",
        "900000, 15m",
        "7200000, 2h",
        "86400000, 1d",
        "90061001, 90061.001s"})
    void formatWritesADurationAsAUserWouldInConfig(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500ms", "1.5s", "90s", "15m", "2h", "1d"})
    void whatFormatWritesParseReadsBack(String text) {
        assertThat(Durations.format(Durations.parse(text, "s"))).isEqualTo(text);
    }
}
