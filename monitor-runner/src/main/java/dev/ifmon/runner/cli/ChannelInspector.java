package dev.ifmon.runner.cli;

import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.api.Severity;
import dev.ifmon.core.config.ConfigLoader;
import dev.ifmon.core.config.EnvironmentVariableResolver;
import dev.ifmon.core.config.MonitorConfig;
import dev.ifmon.core.config.tree.MapNode;
import dev.ifmon.core.config.tree.Node;
import dev.ifmon.core.config.tree.ScalarNode;
import dev.ifmon.core.config.tree.TreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the runner itself checks about notification channels: that every channel block in
 * {@code config.yaml} has its notifier module on the class path or in {@code plugins/}, and whether the
 * WeCom webhook is set. The core does not know module names; the runner does. Immutable and thread-safe.
 *
 * <p>The webhook is judged after the selected environment's override and after variables are resolved, so
 * {@code "${env:WECOM_WEBHOOK:-}"} with the variable unset or empty counts as missing: WeCom push is off, and
 * {@link #problems()} holds one warning naming the key and the variable. A variable without a value and
 * without a default is the config loader's error; its text counts as set.
 */
public final class ChannelInspector {

    /** Channel config key to the module that provides its notifier. */
    public static final Map<String, String> MODULES = Map.of(
            "wechat", "monitor-notify-wecom",
            "email", "monitor-notify-email");

    private static final String WECHAT = "wechat";
    private static final int MAX_PROVIDERS = 1_000;
    private static final String WEBHOOK_KEY = "webhook_url";
    private static final String ENV_PREFIX = "env:";
    private static final Set<String> CORE_KEYS =
            Set.of("default_environment", "monitor", "interface_docs", "alerts", "services", "environments");

    private final Path configFile;
    private final Map<String, Object> root;
    private final String environment;
    private final Set<String> availableKeys;
    private final Webhook webhook;

    /**
     * The effective {@code wechat.webhook_url}.
     *
     * @param written the text as written, or {@code ""} when absent
     * @param line its line, 0 when absent
     * @param resolved the text with variables resolved, stripped
     */
    private record Webhook(String written, int line, String resolved) {

        static final Webhook NONE = new Webhook("", 0, "");
    }

    private ChannelInspector(Path configFile, Map<String, Object> root, String environment,
                             Set<String> availableKeys, Webhook webhook) {
        this.configFile = configFile;
        this.root = root;
        this.environment = environment;
        this.availableKeys = availableKeys;
        this.webhook = webhook;
    }

    /**
     * Reads a config file's channel blocks and finds the notifiers available to it.
     *
     * @param configFile the config file; an unreadable one gives an inspector that sees no channels (the
     *     monitor reports why)
     * @param environment the selected environment, or {@code null} for the config's default
     * @return the inspector
     */
    public static ChannelInspector inspect(Path configFile, String environment) {
        Map<String, Object> root = readYaml(configFile);
        return create(configFile, environment, root, notifierKeys(pluginsDirectory(configFile, root)), System.getenv());
    }

    /**
     * @param configFile the config file
     * @param environment the environment, or {@code null} for the default
     * @param availableKeys the config keys of the notifiers to treat as present
     * @return an inspector that sees exactly those notifiers; for tests and embedders
     */
    public static ChannelInspector inspect(Path configFile, String environment, Set<String> availableKeys) {
        return inspect(configFile, environment, availableKeys, System.getenv());
    }

    /**
     * @param configFile the config file
     * @param environment the environment, or {@code null} for the default
     * @param availableKeys the config keys of the notifiers to treat as present
     * @param processEnv stands for the process environment when variables are resolved
     * @return an inspector that sees exactly those notifiers; for tests and embedders
     */
    public static ChannelInspector inspect(Path configFile, String environment, Set<String> availableKeys,
            Map<String, String> processEnv) {
        return create(configFile, environment, readYaml(configFile), Set.copyOf(availableKeys), processEnv);
    }

    private static ChannelInspector create(Path configFile, String environment, Map<String, Object> root,
            Set<String> availableKeys, Map<String, String> processEnv) {
        String env = environment != null ? environment : String.valueOf(root.getOrDefault("default_environment", ""));
        return new ChannelInspector(configFile, root, env, availableKeys, webhook(configFile, environment,
                processEnv));
    }

    /** @return the channel config keys written in config (top level or in the selected environment) */
    public Set<String> configuredChannels() {
        Set<String> keys = new TreeSet<>();
        for (Map<String, Object> block : List.of(root, map(map(root.get("environments")).get(environment)))) {
            block.keySet().stream().filter(key -> !CORE_KEYS.contains(key) && !"variables".equals(key)
                    && !"services".equals(key)).forEach(keys::add);
        }
        return keys;
    }

    /**
     * @return whether {@code wechat.webhook_url}, after the environment's override and with variables resolved,
     *     is empty or absent
     */
    public boolean webhookMissing() {
        return webhook.resolved().isEmpty();
    }

    /**
     * @param key a key of the {@code monitor} block, e.g. {@code data_dir}
     * @return its value as written (the selected environment's override first), or {@code null}; variables are
     *     not resolved
     */
    public String monitorSetting(String key) {
        Object value = map(map(map(root.get("environments")).get(environment)).get("monitor")).get(key);
        if (value == null) {
            value = map(root.get("monitor")).get(key);
        }
        return value == null ? null : value.toString();
    }

    /**
     * @return one ERROR per configured {@code wechat:} or {@code email:} block whose notifier module is neither
     *     on the class path nor in {@code plugins/}; other blocks are left to the core, which reports a key it
     *     does not know (with a did-you-mean hint)
     */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        for (String key : configuredChannels()) {
            String module = MODULES.get(key);
            if (module == null || availableKeys.contains(key)) {
                continue;
            }
            problems.add(new Problem(Severity.ERROR, configFile.toString(), lineOf(key), 1,
                    "channel '" + key + ":' is configured but its notifier module " + module + " is missing",
                    "put " + module + "-<version>.jar into lib/ or plugins/, or remove the '" + key + ":' block"));
        }
        emptyFromVariables().ifPresent(problems::add);
        return problems;
    }

    /** @return a warning when the WeCom channel is on the class path but its webhook came out empty of variables */
    private Optional<Problem> emptyFromVariables() {
        List<String> variables = EnvironmentVariableResolver.references(webhook.written());
        if (!availableKeys.contains(WECHAT) || variables.isEmpty() || !webhookMissing()) {
            return Optional.empty();
        }
        List<String> shown = variables.stream().map(name -> "${" + name + "}").toList();
        List<String> todo = variables.stream().map(name -> name.startsWith(ENV_PREFIX)
                ? "set the environment variable " + name.substring(ENV_PREFIX.length())
                : "define " + name + " under 'variables' or set the environment variable " + name).toList();
        String message = WECHAT + "." + WEBHOOK_KEY + " is empty because " + String.join(", ", shown)
                + (shown.size() == 1 ? " is" : " are") + " unset or empty: WeCom push is off";
        String hint = String.join("; ", todo) + " to the robot's webhook URL to turn it on";
        return Optional.of(new Problem(Severity.WARNING, configFile.toString(), webhook.line(), 0,
                message, hint));
    }

    private static Webhook webhook(Path configFile, String environment, Map<String, String> processEnv) {
        MonitorConfig config;
        try {
            config = ConfigLoader.load(configFile, environment, Set.of(WECHAT), processEnv);
        } catch (IfmonException e) {
            return Webhook.NONE;
        }
        Settings block = config.channels().get(WECHAT);
        Object resolved = block == null ? null : block.asMap().get(WEBHOOK_KEY);
        Node written = writtenWebhook(configFile, config.environment());
        String text = written instanceof ScalarNode scalar && !scalar.isNull() ? scalar.text() : "";
        return new Webhook(text, written == null ? 0 : written.line(),
                resolved instanceof String value ? value.strip() : "");
    }

    private static Node writtenWebhook(Path configFile, String environment) {
        Node root = TreeReader.read(configFile, configFile.toString()).root();
        Node overridden = child(root, "environments", environment, WECHAT, WEBHOOK_KEY);
        return overridden != null ? overridden : child(root, WECHAT, WEBHOOK_KEY);
    }

    private static Node child(Node node, String... keys) {
        Node current = node;
        for (String key : keys) {
            if (!(current instanceof MapNode map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private int lineOf(String key) {
        Pattern pattern = Pattern.compile("^" + Pattern.quote(key) + "\\s*:");
        try (Stream<String> lines = Files.lines(configFile, StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            for (int index = 0; index < all.size(); index++) {
                if (pattern.matcher(all.get(index)).find()) {
                    return index + 1;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
        return 0;
    }

    private static Set<String> notifierKeys(Path plugins) {
        Set<String> keys = new TreeSet<>();
        addKeys(ServiceLoader.load(Notifier.class, ChannelInspector.class.getClassLoader()), keys);
        List<URL> jars = new ArrayList<>();
        if (Files.isDirectory(plugins)) {
            try (Stream<Path> files = Files.list(plugins)) {
                for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).toList()) {
                    jars.add(jar.toUri().toURL());
                }
            } catch (IOException e) {
                return keys;
            }
        }
        if (!jars.isEmpty()) {
            try (URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new),
                    ChannelInspector.class.getClassLoader())) {
                addKeys(ServiceLoader.load(Notifier.class, loader), keys);
            } catch (IOException e) {
                return keys;
            }
        }
        return keys;
    }

    /**
     * Adds the config key of every notifier the loader finds. A provider that cannot be loaded (a jar naming a
     * missing class, built for another API) is skipped: the core's plug-in loader reports it as a WARNING.
     */
    private static void addKeys(ServiceLoader<Notifier> loader, Set<String> keys) {
        Iterator<Notifier> providers = loader.iterator();
        for (int i = 0; i < MAX_PROVIDERS; i++) {
            try {
                if (!providers.hasNext()) {
                    return;
                }
                keys.add(providers.next().configKey());
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                // skipped here; PluginLoader turns it into one WARNING naming the jar
            }
        }
    }

    private static Path pluginsDirectory(Path configFile, Map<String, Object> root) {
        Object written = map(root.get("monitor")).getOrDefault("plugins_dir", "plugins");
        Path base = configFile.toAbsolutePath().getParent();
        return base.resolve(String.valueOf(written)).normalize();
    }

    private static Map<String, Object> readYaml(Path configFile) {
        try (InputStream in = Files.newInputStream(configFile)) {
            return map(YAMLMapper.builder().build().readValue(in, Map.class));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : Map.of();
    }

    /** @return a description for logs */
    @Override
    public String toString() {
        return "ChannelInspector[" + configFile + ", env=" + environment + ", notifiers=" + availableKeys + "]";
    }
}
