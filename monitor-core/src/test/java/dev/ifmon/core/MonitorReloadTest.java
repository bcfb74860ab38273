package dev.ifmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ifmon.api.IfmonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorReloadTest {

    @TempDir
    Path dir;

    private Monitor monitor(Path config) throws IOException {
        Files.createDirectories(dir.resolve("Interface-pool"));
        return Monitor.builder().config(config).dataDirectory(dir.resolve("data")).discoverPlugins(false).build();
    }

    @Test
    void aReloadAppliesTheNewIntervalAndEnabled() throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"), "monitor:\n  interval: 10s\n");
        try (Monitor monitor = monitor(config)) {
            Files.writeString(config, "monitor:\n  interval: 30s\n  enabled: false\n");

            monitor.reload();

            assertThat(monitor.interval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(monitor.enabled()).isFalse();
        }
    }

    @Test
    void aConfigFileGoneForAWhileKeepsTheLastGoodOneAndTheRoundRuns() throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"), "monitor:\n  interval: 10s\n");
        try (Monitor monitor = monitor(config)) {
            Files.delete(config);

            monitor.reload();
            assertThat(monitor.runOnce().report().results()).isEmpty();

            assertThat(monitor.interval()).isEqualTo(Duration.ofSeconds(10));
            Files.writeString(config, "monitor:\n  interval: 20s\n");
            monitor.reload();
            assertThat(monitor.interval()).isEqualTo(Duration.ofSeconds(20));
        }
    }

    @Test
    void withoutAnyGoodConfigAMissingFileStillFails() throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"), "monitor:\n  interval: soon\n");
        try (Monitor monitor = monitor(config)) {
            Files.delete(config);

            assertThatThrownBy(monitor::reload).isInstanceOf(IfmonException.class)
                    .hasMessageContaining("config file not found");
        }
    }
}
