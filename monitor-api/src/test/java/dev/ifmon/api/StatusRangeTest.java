package dev.ifmon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusRangeTest {

    @ParameterizedTest
    @CsvSource({"200, 200, 200", "2xx, 200, 299", "500-504, 500, 504", " 404 , 404, 404"})
    void readsSingleStatusesRangesAndClasses(String text, int from, int to) {
        assertThat(StatusRange.parse(text)).isEqualTo(new StatusRange(from, to));
    }

    @Nested
    class Rejects {

        @Test
        void textThatIsNoStatus() {
            assertThatThrownBy(() -> StatusRange.parse("ok")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'ok'");
        }

        @Test
        void rangesOutsideHttpStatuses() {
            assertThatThrownBy(() -> StatusRange.parse("600")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
