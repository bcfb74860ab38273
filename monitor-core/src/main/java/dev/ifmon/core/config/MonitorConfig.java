package dev.ifmon.core.config;

import dev.ifmon.api.Durations;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded {@code config.yaml} for one environment: overrides applied, variables resolved. Immutable.
 *
 * <p>Each part of the monitor reads its own block as {@link Settings} and validates it itself; this record
 * only fixes where each block is.
 *
 * @param file the config file
 * @param environment the selected environment, or {@code ""} when config declares none
 * @param monitor the {@code monitor} block
 * @param docs the {@code interface_docs} block (the endpoint source's settings)
 * @param alerts the {@code alerts} block
 * @param services the services, in the order written
 * @param channels the notifier blocks by config key (e.g. {@code wechat}, {@code email}), environment
 *     overrides applied; only keys that no core block claims
 * @param variables the selected environment's variables, after resolution; resolve endpoint texts with
 *     {@link #resolver()}
 * @param resolver resolves {@code ${NAME}} and {@code ${env:NAME}} for this environment
 * @param problems what was wrong in the config file
 */
public record MonitorConfig(
        Path file,
        String environment,
        Settings monitor,
        Settings docs,
        Settings alerts,
        List<ServiceConfig> services,
        Map<String, Settings> channels,
        Map<String, String> variables,
        VariableResolver resolver,
        List<Problem> problems) {

    /** Default minutes between rounds, from the brief. */
    public static final int DEFAULT_INTERVAL_MINUTES = 15;
    /** The shortest {@code monitor.interval}: shorter ones would hammer the services and fill the logs. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    /** Default request timeout in seconds, from the brief. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    /** The longest request timeout (whole minutes), for {@code monitor.timeout} and an endpoint's {@code timeout}. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    /** Default number of requests in flight, from the brief. */
    public static final int DEFAULT_CONCURRENCY = 5;

    /** Checks and copies the components. */
    public MonitorConfig {
        Objects.requireNonNull(file, "file");
        environment = environment == null ? "" : environment;
        services = List.copyOf(services);
        channels = Map.copyOf(channels);
        variables = Map.copyOf(variables);
        problems = List.copyOf(problems);
    }

    /** @return the folder relative paths resolve against: the config file's folder */
    public Path baseDirectory() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /** @return {@code monitor.interval}: minutes unless a unit is written ({@code 30s}, {@code 1h}) */
    public Duration interval() {
        Object value = monitor.asMap().get("interval");
        return value == null ? Duration.ofMinutes(DEFAULT_INTERVAL_MINUTES) : Durations.parse(value, "m");
    }

    /** @return {@code monitor.timeout} (seconds unless a unit is written) */
    public Duration timeout() {
        return monitor.duration("timeout", Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));
    }

    /** @return {@code monitor.concurrency} */
    public int concurrency() {
        return monitor.integer("concurrency", DEFAULT_CONCURRENCY);
    }

    /** @return {@code monitor.enabled} */
    public boolean enabled() {
        return monitor.bool("enabled", true);
    }

    /**
     * @param name a service name
     * @return the service, if configured
     */
    public Optional<ServiceConfig> service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst();
    }

    /**
     * Resolves a path written in config against the config file's folder.
     *
     * @param written the path as written
     * @return the absolute path
     */
    public Path resolvePath(String written) {
        return baseDirectory().resolve(written).normalize();
    }

    /** @return whether any problem is an error */
    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
