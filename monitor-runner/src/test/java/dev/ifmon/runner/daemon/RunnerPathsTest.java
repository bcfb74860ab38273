package dev.ifmon.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunnerPathsTest {

    private static final Path CONFIG_DIR = Path.of("/opt/ifmon/config");

    @ParameterizedTest(name = "property={0} env={1} config={2} home={3} -> {4}")
    @CsvSource(nullValues = "-", value = {
        "/p/data, /e/data, ../state, /opt/ifmon, /p/data",
        "-,       /e/data, ../state, /opt/ifmon, /e/data",
        "-,       -,       ../state, /opt/ifmon, /opt/ifmon/state",
        "-,       -,       /var/ifmon, /opt/ifmon, /var/ifmon",
        "-,       -,       -,        /opt/ifmon, /opt/ifmon/data",
        "'',      '',      '  ',     /srv/ifmon, /srv/ifmon/data",
    })
    void theEnvironmentOverridesConfigWhichOverridesTheDefault(String property, String env, String configured,
            String home, String expected) {
        RunnerPaths paths = new RunnerPaths(env == null ? Map.of() : Map.of("IFMON_DATA_DIR", env),
                property == null ? Map.of("ifmon.home", home)
                        : Map.of("ifmon.home", home, "ifmon.data.dir", property));

        Path dataDir = paths.dataDir(configured, CONFIG_DIR);

        assertThat(dataDir).isEqualTo(Path.of(expected));
    }
}
