package dev.ifmon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class DurationsTest {

    @ParameterizedTest
    @CsvSource({"10, 10000", "0.5, 500", "500ms, 500", "15m, 900000", "1h, 3600000", "2d, 172800000"})
    void readsNumbersInTheDefaultUnitAndSuffixes(String text, long millis) {
        assertThat(Durations.parse(text, "s")).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999", "9223372036854776s", "1e300", "106751991167301d", "1e99999999"})
    void aDurationTooLongToCountIsRejectedRatherThanWrappedAround(String text) {
        assertThatThrownBy(() -> Durations.parse(text, "s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long").hasMessageContaining(text);
    }

    @Test
    void aDurationBelowAMillisecondIsZero() {
        assertThat(Durations.parse("1e-99999999", "s")).isZero();
        assertThat(Durations.parse("0.0004", "s")).isZero();
    }
}
