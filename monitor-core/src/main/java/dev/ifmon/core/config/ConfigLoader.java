package dev.ifmon.core.config;

import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.core.config.tree.TreeReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads {@code config.yaml} for one environment into a {@link MonitorConfig}. Stateless and thread-safe.
 *
 * <p>Bad content never throws: every mistake becomes a {@link Problem} in {@link MonitorConfig#problems()}
 * with the file, line, column, the value quoted and a hint, and the rest of the file is still read. Only a
 * file that is missing or cannot be opened throws {@link IfmonException}.
 *
 * <p>What it does: picks the environment ({@code environment} argument, else {@code default_environment});
 * lays that environment's {@code variables}, {@code services.<name>} blocks, notifier blocks,
 * {@code monitor}, {@code alerts} and {@code interface_docs} over the top-level ones (blocks merge key by
 * key, lists and values replace; a service's {@code token_api} or {@code auth} in an environment replaces
 * both); resolves {@code ${NAME}} and {@code ${env:NAME}} in every text value; normalises
 * {@code token_api: URL} to {@code auth: {type: token, url: URL}}.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * Loads a config file with the real process environment.
     *
     * @param configFile the file
     * @param environment the environment to select, or {@code null}/empty for {@code default_environment}
     * @param channelKeys config keys of the installed notifiers, e.g. {@code wechat}, {@code email}
     * @return the configuration, with every problem found
     * @throws IfmonException when the file is missing or cannot be read at all
     */
    public static MonitorConfig load(Path configFile, String environment, Set<String> channelKeys) {
        return load(configFile, environment, channelKeys, System.getenv());
    }

    /**
     * Loads a config file with a given process environment (for tests and embedders).
     *
     * @param configFile the file
     * @param environment the environment to select, or {@code null}/empty for {@code default_environment}
     * @param channelKeys config keys of the installed notifiers, e.g. {@code wechat}, {@code email};
     *     {@code null} means none
     * @param processEnv stands for the process environment in {@code ${NAME}} and {@code ${env:NAME}};
     *     {@code null} means an empty environment
     * @return the configuration, with every problem found
     * @throws IfmonException when the file is missing or cannot be read at all
     */
    public static MonitorConfig load(Path configFile, String environment, Set<String> channelKeys,
            Map<String, String> processEnv) {
        if (!Files.exists(configFile)) {
            throw new IfmonException("config file not found: " + configFile.toAbsolutePath()
                    + " (pass an existing file with --config FILE)");
        }
        if (!Files.isReadable(configFile) || Files.isDirectory(configFile)) {
            throw new IfmonException("config file cannot be read: " + configFile.toAbsolutePath()
                    + " (check that it is a readable file)");
        }
        Set<String> channels = channelKeys == null ? Set.of() : channelKeys;
        Map<String, String> env = processEnv == null ? Map.of() : processEnv;
        String display = configFile.toString();
        TreeReader.Result read = TreeReader.read(configFile, display);
        if (read.root() == null) {
            return empty(configFile, environment, env, read.problems());
        }
        return new ConfigReading(configFile, display, channels, env, read.problems())
                .read(read.root(), environment);
    }

    private static MonitorConfig empty(Path file, String environment, Map<String, String> processEnv,
            List<Problem> problems) {
        String origin = file.toString();
        return new MonitorConfig(file, environment, Settings.of(origin + ": monitor", Map.of()),
                Settings.of(origin + ": interface_docs", Map.of()), Settings.of(origin + ": alerts", Map.of()),
                List.of(), Map.of(), Map.of(), new EnvironmentVariableResolver(Map.of(), processEnv), problems);
    }
}
