package dev.ifmon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"10, 10000", "0.5, 500", "500ms, 500", "15m, 900000", "1h, 3600000", "2d, 172800000"})
    void readsNumbersInTheDefaultUnitAndSuffixes(String text, long millis) {
        assertThat(Durations.parse(text, "s")).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999", "9223372036854776s", "1e300", "106751991167301d"})
    void aDurationTooLongToCountIsRejectedRatherThanWrappedAround(String text) {
        assertThatThrownBy(() -> Durations.parse(text, "s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long").hasMessageContaining(text);
    }
}
