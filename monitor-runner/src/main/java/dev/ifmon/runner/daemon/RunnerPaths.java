package dev.ifmon.runner.daemon;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the runner keeps its data and logs: the environment overrides config, config overrides the default.
 *
 * <p>Data folder, first match wins: system property {@code ifmon.data.dir} (set by {@code bin/ifmon} from
 * {@code IFMON_DATA_DIR}), environment variable {@code IFMON_DATA_DIR}, {@code monitor.data_dir} from config
 * (relative to the config file's folder), then {@code <ifmon.home>/data} (the distribution's folder), then
 * {@code data} beside the config file. The log folder is not found here: logging starts before config is
 * read, so it is {@code ifmon.log.dir} or {@code IFMON_LOG_DIR} as the shipped {@code logback.xml} reads them.
 * Stateless and thread-safe.
 */
public final class RunnerPaths {

    private final Map<String, String> environment;
    private final Map<String, String> properties;

    /**
     * @param environment the environment variables, usually {@link System#getenv()}
     * @param properties the system properties that matter ({@code ifmon.home}, {@code ifmon.data.dir},
     *     {@code ifmon.log.dir}), e.g. from {@link #system()}
     */
    public RunnerPaths(Map<String, String> environment, Map<String, String> properties) {
        this.environment = Map.copyOf(environment);
        this.properties = Map.copyOf(properties);
    }

    /** @return the paths of this process: its environment and system properties */
    public static RunnerPaths system() {
        Map<String, String> properties = new HashMap<>();
        for (String key : new String[] {"ifmon.home", "ifmon.data.dir", "ifmon.log.dir"}) {
            String value = System.getProperty(key);
            if (value != null) {
                properties.put(key, value);
            }
        }
        return new RunnerPaths(System.getenv(), properties);
    }

    /**
     * @param configured {@code monitor.data_dir} from config, or {@code null}/blank when absent
     * @param configDir the folder of the config file, against which a relative configured path resolves
     * @return the data folder, absolute and normalised
     */
    public Path dataDir(String configured, Path configDir) {
        return resolve("ifmon.data.dir", "IFMON_DATA_DIR", configured, configDir, "data");
    }

    private Path resolve(String property, String variable, String configured, Path configDir, String folder) {
        String chosen = firstPresent(properties.get(property), environment.get(variable));
        if (chosen != null) {
            return Path.of(chosen).toAbsolutePath().normalize();
        }
        if (configured != null && !configured.isBlank()) {
            return configDir.resolve(configured.strip()).toAbsolutePath().normalize();
        }
        String home = properties.get("ifmon.home");
        Path base = home == null || home.isBlank() ? configDir : Path.of(home);
        return base.resolve(folder).toAbsolutePath().normalize();
    }

    private static String firstPresent(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : null;
    }
}
