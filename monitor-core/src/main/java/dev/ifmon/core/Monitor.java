package dev.ifmon.core;

import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Catalog;
import dev.ifmon.api.Check;
import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.EndpointSource;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RoundReport;
import dev.ifmon.core.alert.AlertEngine;
import dev.ifmon.core.auth.CredentialManager;
import dev.ifmon.core.catalog.EndpointResolver;
import dev.ifmon.core.check.EndpointChecker;
import dev.ifmon.core.check.EngineOptions;
import dev.ifmon.core.config.ConfigLoader;
import dev.ifmon.core.config.MonitorConfig;
import dev.ifmon.core.config.ServiceConfig;
import dev.ifmon.core.config.Validation;
import dev.ifmon.core.notify.DispatchSummary;
import dev.ifmon.core.notify.NotificationDispatcher;
import dev.ifmon.core.plugin.PluginLoader;
import dev.ifmon.core.plugin.PluginRegistry;
import dev.ifmon.core.round.RoundRunner;
import dev.ifmon.core.time.Sleeper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor: runs rounds over a catalog, keeps alert state, and notifies. The embedding entry point.
 *
 * <pre>{@code
 * try (Monitor monitor = Monitor.builder().config(Path.of("config.yaml")).build()) {
 *     RoundOutcome outcome = monitor.runOnce();
 *     outcome.report().failures().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Every round re-reads {@code config.yaml} and the catalog, so edits apply without a restart. When the
 * config file becomes invalid, the last good configuration stays in force, one WARN is logged, and the next
 * notification says so. Rounds never overlap: {@link #runOnce()} is thread-safe and serialises callers.
 */
public final class Monitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final Builder settings;
    private final PluginRegistry plugins;
    private final Set<String> channelKeys;
    private final HttpClient authClient;
    private final ReentrantLock roundLock = new ReentrantLock();
    private MonitorConfig config;
    private String lastConfigError = "";
    private EndpointChecker checker;
    private final CredentialManager credentials;
    private boolean haveGoodConfig;
    private AlertEngine alerts;
    private NotificationDispatcher dispatcher;
    private List<String> pendingNotices = new ArrayList<>();
    /** The config file as {@link #reload()} last read it, until the next round; null when not read since. */
    private String reloadedStamp;

    private Monitor(Builder builder, PluginRegistry plugins, MonitorConfig config) {
        this.settings = builder;
        this.plugins = plugins;
        this.channelKeys = channelKeys(plugins, builder.channelBlocks);
        this.config = config;
        this.authClient = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.credentials = new CredentialManager(plugins.authenticators(), authClient, builder.clock,
                config.timeout());
        this.haveGoodConfig = !config.hasErrors();
        wire(config);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    private static Set<String> channelKeys(PluginRegistry plugins, Set<String> declared) {
        Set<String> keys = new LinkedHashSet<>(declared);
        plugins.notifiers().values().forEach(notifier -> keys.add(notifier.configKey()));
        return keys;
    }

    private void wire(MonitorConfig loaded) {
        closeParts();
        EngineOptions options = EngineOptions.from(loaded.monitor()).withBaseDirectory(loaded.baseDirectory());
        checker = new EndpointChecker(options, plugins.checks(), settings.clock, settings.sleeper);
        Path data = dataDirectory(loaded);
        alerts = new AlertEngine(data, loaded.alerts(), settings.clock);
        dispatcher = new NotificationDispatcher(data, channels(loaded), loaded.alerts(), settings.clock,
                settings.sleeper);
    }

    private List<NotificationDispatcher.Channel> channels(MonitorConfig loaded) {
        List<NotificationDispatcher.Channel> channels = new ArrayList<>();
        for (Notifier notifier : plugins.notifiers().values()) {
            dev.ifmon.api.Settings block = loaded.channels().get(notifier.configKey());
            if (block != null) {
                channels.add(new NotificationDispatcher.Channel(notifier, block));
            }
        }
        return channels;
    }

    private Path dataDirectory(MonitorConfig loaded) {
        if (settings.dataDirectory != null) {
            return settings.dataDirectory;
        }
        return loaded.resolvePath(loaded.monitor().string("data_dir", "data"));
    }

    /** @return the plug-ins in use */
    public PluginRegistry plugins() {
        return plugins;
    }

    /** @return the configuration in force */
    public MonitorConfig config() {
        return config;
    }

    /** @return {@code monitor.interval} of the configuration in force */
    public Duration interval() {
        return config.interval();
    }

    /** @return {@code monitor.enabled} of the configuration in force */
    public boolean enabled() {
        return config.enabled();
    }

    /** @return the data folder: alert state, outbox, last round */
    public Path dataDirectory() {
        return dataDirectory(config);
    }

    /** @return the zone reports and messages show times in: {@code monitor.zone}, else the system zone */
    public ZoneId zone() {
        return zone(config);
    }

    private static ZoneId zone(MonitorConfig loaded) {
        return loaded.monitor().string("zone").map(ZoneId::of).orElse(ZoneId.systemDefault());
    }

    /**
     * Runs one round: reloads config and catalog, delivers what waits in the outbox, checks every enabled
     * endpoint, updates alert state and notifies every configured channel.
     *
     * @return the round's report and delivery state
     * @throws IfmonException when config is invalid and no earlier good config exists
     */
    public RoundOutcome runOnce() {
        roundLock.lock();
        try {
            // A scheduler calls reload() just before the round; the file need not be read twice.
            String stamp = fileStamp();
            if (reloadedStamp == null || !reloadedStamp.equals(stamp)) {
                reloadConfig();
            }
            reloadedStamp = null;
            DispatchSummary retried = dispatcher.retryOutbox();
            RoundReport report = runner().run(config, zone(), configWarnings());
            settings.reportListeners.forEach(listener -> listener.accept(report));
            RoundOutcome outcome = notify(report, retried);
            settings.roundListeners.forEach(listener -> listener.accept(outcome));
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IfmonException("the round was interrupted", e);
        } finally {
            roundLock.unlock();
        }
    }

    private RoundRunner runner() {
        return new RoundRunner(plugins.sources(), checker, credentials, settings.clock);
    }

    /** The same problems {@link #validate()} finds, but the catalog's: the round adds those itself. */
    private List<Problem> configWarnings() {
        return configProblems(config);
    }

    private List<Problem> configProblems(MonitorConfig loaded) {
        List<Problem> problems = new ArrayList<>(plugins.problems());
        problems.addAll(loaded.problems());
        problems.addAll(EngineOptions.validate(loaded.monitor()));
        problems.addAll(AlertEngine.validate(loaded.alerts()));
        for (ServiceConfig service : loaded.services()) {
            if (!service.hasAuth() || service.auth().has("type")) { // no type: the config loader reported it
                problems.addAll(service.placeAuthProblems(credentials.validate(service)));
            }
        }
        for (Notifier notifier : plugins.notifiers().values()) {
            dev.ifmon.api.Settings block = loaded.channels().get(notifier.configKey());
            if (block != null) {
                problems.addAll(notifier.validate(block));
            }
        }
        return problems;
    }

    private RoundOutcome notify(RoundReport report, DispatchSummary retried) {
        List<String> notices = pendingNotices;
        pendingNotices = new ArrayList<>();
        List<DispatchSummary> summaries = new ArrayList<>(List.of(retried));
        alerts.onRound(report, zone(), notices).ifPresent(digest -> summaries.add(dispatcher.dispatch(digest)));

        List<String> notes = new ArrayList<>();
        boolean pending = false;
        DeliveryTally tally = new DeliveryTally();
        for (DispatchSummary summary : summaries) {
            tally.add(summary);
            summary.delivered().forEach(alerts::confirmDelivered);
            pending |= !summary.allDelivered();
            summary.channels().stream().filter(channel -> !channel.allDelivered())
                    .map(DispatchSummary.ChannelSummary::describe).forEach(notes::add);
        }
        return new RoundOutcome(report, pending, notes, tally.deliveries(plugins.notifiers().values()));
    }

    /**
     * Reads the config file again, as every round does first: a valid one is used from now on; an invalid,
     * missing or unreadable one leaves the last good configuration in use, with one WARN until it changes.
     * A scheduler calls this before a round to learn {@link #enabled()} and {@link #interval()}.
     *
     * @throws IfmonException when the config cannot be used and no earlier good config exists
     */
    public void reload() {
        roundLock.lock();
        try {
            reloadConfig();
            reloadedStamp = fileStamp();
        } finally {
            roundLock.unlock();
        }
    }

    /** The config file's size and modification time, or null when they cannot be read. */
    private String fileStamp() {
        try {
            Path file = settings.configFile;
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void reloadConfig() {
        MonitorConfig loaded;
        try {
            loaded = load(settings, channelKeys);
        } catch (IfmonException e) {
            if (!haveGoodConfig) {
                throw e;
            }
            keepLastGood(config.file(), e.getMessage());
            return;
        }
        if (!loaded.hasErrors()) {
            if (!lastConfigError.isEmpty()) {
                LOG.info("Configuration is valid again: file={}; using it from this round on", loaded.file());
                lastConfigError = "";
            }
            boolean rewire = !loaded.monitor().equals(config.monitor()) || !loaded.alerts().equals(config.alerts())
                    || !loaded.channels().equals(config.channels());
            config = loaded;
            haveGoodConfig = true;
            if (rewire) {
                wire(loaded);
            }
            return;
        }
        String errors = loaded.problems().stream().filter(Problem::isError).map(Problem::format)
                .collect(Collectors.joining("; "));
        if (!haveGoodConfig) {
            throw new IfmonException("the configuration cannot be used: " + errors
                    + " (run 'ifmon validate --config " + loaded.file() + "' for every problem)");
        }
        keepLastGood(loaded.file(), errors);
    }

    private void keepLastGood(Path file, String errors) {
        if (!errors.equals(lastConfigError)) {
            LOG.warn("Configuration became invalid: file={} problems=\"{}\"; keeping the last good configuration",
                    file, errors);
            pendingNotices.add("config.yaml is invalid (" + errors + "); the last good configuration is in use");
            lastConfigError = errors;
        }
    }

    /**
     * Finds every problem in the configuration, the plug-ins and the catalog, without sending anything.
     *
     * @return the problems, errors first
     */
    public List<Problem> validate() {
        MonitorConfig loaded = load(settings, channelKeys);
        List<Problem> problems = configProblems(loaded);
        problems.addAll(catalogProblems(loaded));
        problems.sort((a, b) -> Boolean.compare(b.isError(), a.isError()));
        return problems;
    }

    private List<Problem> catalogProblems(MonitorConfig loaded) {
        Catalog catalog = runner().loadCatalog(loaded);
        List<Problem> problems = new ArrayList<>(catalog.problems());
        problems.addAll(Validation.validate(loaded, catalog));
        for (EndpointDefinition endpoint : catalog.endpoints()) {
            EndpointResolver.Resolution resolution = EndpointResolver.resolve(endpoint, loaded);
            if (resolution.ok()) {
                problems.addAll(EndpointChecker.validateHeaders(resolution.endpoint()));
            }
        }
        return problems;
    }

    /**
     * Sends a short test message through every configured channel.
     *
     * @param text the message
     * @return each channel's result, by notifier type
     */
    public Map<String, DeliveryResult> notifyTest(String text) {
        return dispatcher.sendTest(text);
    }

    private void closeParts() {
        if (checker != null) {
            checker.close();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    /** Closes HTTP clients and flushes the outbox. */
    @Override
    public void close() {
        closeParts();
        authClient.close();
    }

    private static MonitorConfig load(Builder builder, Set<String> channelKeys) {
        return builder.processEnvironment == null
                ? ConfigLoader.load(builder.configFile, builder.environment, channelKeys)
                : ConfigLoader.load(builder.configFile, builder.environment, channelKeys, builder.processEnvironment);
    }

    /** Builds a {@link Monitor}. Not thread-safe. */
    public static final class Builder {

        private Path configFile;
        private String environment;
        private boolean discoverPlugins = true;
        private Path pluginsDirectory;
        private Path dataDirectory;
        private Map<String, String> processEnvironment;
        private final List<Object> instances = new ArrayList<>();
        private final Set<String> channelBlocks = new LinkedHashSet<>();
        private Clock clock = Clock.systemDefaultZone();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private final List<Consumer<RoundOutcome>> roundListeners = new ArrayList<>();
        private final List<Consumer<RoundReport>> reportListeners = new ArrayList<>();

        private Builder() {
        }

        /** @param file the {@code config.yaml} to read @return this builder */
        public Builder config(Path file) {
            this.configFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** @param name the environment, or {@code null} for {@code default_environment} @return this builder */
        public Builder environment(String name) {
            this.environment = name;
            return this;
        }

        /**
         * @param on whether to find plug-ins with {@link java.util.ServiceLoader} (default on); off, only the
         *     core's own built-ins (the {@code directory} source, the authenticators) and the instances passed
         *     to this builder are used
         * @return this builder
         */
        public Builder discoverPlugins(boolean on) {
            this.discoverPlugins = on;
            return this;
        }

        /** @param directory plug-in jars, or {@code null} for {@code monitor.plugins_dir} @return this builder */
        public Builder pluginsDirectory(Path directory) {
            this.pluginsDirectory = directory;
            return this;
        }

        /** @param directory the data folder, or {@code null} for {@code monitor.data_dir} @return this builder */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /**
         * @param variables the process environment {@code ${env:...}} reads, instead of the real one
         * @return this builder
         */
        public Builder processEnvironment(Map<String, String> variables) {
            this.processEnvironment = Map.copyOf(variables);
            return this;
        }

        /**
         * Declares top-level config blocks that belong to notification channels the embedder knows about,
         * whether or not their notifier is installed. Such a block is not an "unknown key" error that makes the
         * whole config unusable; without its notifier it is simply not used, and the embedder reports the
         * missing module itself (the runner does, naming the module's jar).
         *
         * @param keys channel config keys, e.g. {@code wechat}, {@code email}
         * @return this builder
         */
        public Builder channelBlocks(Set<String> keys) {
            keys.forEach(key -> channelBlocks.add(Objects.requireNonNull(key, "key")));
            return this;
        }

        /** @param notifier a notifier instance; wins over a discovered one of the same type @return this */
        public Builder addNotifier(Notifier notifier) {
            instances.add(notifier);
            return this;
        }

        /** @param check a check instance; wins over a discovered one of the same type @return this */
        public Builder addCheck(Check check) {
            instances.add(check);
            return this;
        }

        /** @param authenticator an authenticator instance @return this builder */
        public Builder addAuthenticator(Authenticator authenticator) {
            instances.add(authenticator);
            return this;
        }

        /** @param source an endpoint source instance @return this builder */
        public Builder addSource(EndpointSource source) {
            instances.add(source);
            return this;
        }

        /** @param value the clock timestamps and expiry use @return this builder */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @param value what back-off waits with @return this builder */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** @param listener called after each round with its outcome @return this builder */
        public Builder onRound(Consumer<RoundOutcome> listener) {
            roundListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** @param listener called after each round's checks, before notifying @return this builder */
        public Builder onReport(Consumer<RoundReport> listener) {
            reportListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Loads plug-ins and the configuration.
         *
         * @return the monitor
         * @throws IfmonException when no config file was given or it cannot be read at all
         */
        public Monitor build() {
            if (configFile == null) {
                throw new IfmonException("no config file given: call config(Path) with the path of config.yaml");
            }
            PluginRegistry.Builder registry = PluginRegistry.builder();
            instances.forEach(instance -> registry.add(instance, "instance"));
            MonitorConfig first = load(this, Set.of());
            if (discoverPlugins) {
                Path directory = pluginsDirectory != null ? pluginsDirectory
                        : first.resolvePath(first.monitor().string("plugins_dir", "plugins"));
                PluginLoader.discover(registry, directory, Monitor.class.getClassLoader());
            } else {
                PluginLoader.builtInsOf(registry, Monitor.class);
            }
            PluginRegistry plugins = registry.build();
            PluginLoader.logSummary(plugins);
            return new Monitor(this, plugins, load(this, channelKeys(plugins, channelBlocks)));
        }
    }
}
