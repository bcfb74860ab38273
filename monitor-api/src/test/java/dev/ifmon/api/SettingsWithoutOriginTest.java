package dev.ifmon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsWithoutOriginTest {

    private final Settings monitor = Settings.of("c1.yaml: monitor", Map.of("retry_backoff", "banana"));

    @Test
    void aGettersMessageLosesTheOriginAProblemNamesAsItsSource() {
        IfmonException e = catchThrowableOfType(IfmonException.class, () -> monitor.duration("retry_backoff", null));

        assertThat(e.getMessage()).startsWith("c1.yaml: monitor: 'retry_backoff'");
        assertThat(monitor.withoutOrigin(e.getMessage())).startsWith("'retry_backoff' must be a duration");
    }

    @Test
    void anotherMessageIsLeftAsItIs() {
        assertThat(monitor.withoutOrigin("c2.yaml: monitor: x")).isEqualTo("c2.yaml: monitor: x");
    }
}
