package dev.ifmon.runner.cli;

import dev.ifmon.api.Notifier;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Known limitation: the webhook is judged as written (after the selected environment's override), before
 * variables are resolved; {@code ${NAME}} counts as set.
 */
public final class ChannelInspector {

    /** Channel config key to the module that provides its notifier. */
    public static final Map<String, String> MODULES = Map.of(
            "wechat", "monitor-notify-wecom",
            "email", "monitor-notify-email");

    private static final Set<String> CORE_KEYS =
            Set.of("default_environment", "monitor", "interface_docs", "alerts", "services", "environments");

    private final Path configFile;
    private final Map<String, Object> root;
    private final String environment;
    private final Set<String> availableKeys;

    private ChannelInspector(Path configFile, Map<String, Object> root, String environment,
                             Set<String> availableKeys) {
        this.configFile = configFile;
        this.root = root;
        this.environment = environment;
        this.availableKeys = availableKeys;
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
        String env = environment != null ? environment : String.valueOf(root.getOrDefault("default_environment", ""));
        return new ChannelInspector(configFile, root, env, notifierKeys(pluginsDirectory(configFile, root)));
    }

    /**
     * @param configFile the config file
     * @param environment the environment, or {@code null} for the default
     * @param availableKeys the config keys of the notifiers to treat as present
     * @return an inspector that sees exactly those notifiers; for tests and embedders
     */
    public static ChannelInspector inspect(Path configFile, String environment, Set<String> availableKeys) {
        Map<String, Object> root = readYaml(configFile);
        String env = environment != null ? environment : String.valueOf(root.getOrDefault("default_environment", ""));
        return new ChannelInspector(configFile, root, env, Set.copyOf(availableKeys));
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

    /** @return whether {@code wechat.webhook_url}, after the environment's override, is empty or absent */
    public boolean webhookMissing() {
        Object url = map(map(map(root.get("environments")).get(environment)).get("wechat")).get("webhook_url");
        if (url == null) {
            url = map(root.get("wechat")).get("webhook_url");
        }
        return url == null || url.toString().isBlank();
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
            problems.add(new Problem(Severity.ERROR, configFile.getFileName().toString(), lineOf(key), 1,
                    "channel '" + key + ":' is configured but its notifier module " + module + " is missing",
                    "put " + module + "-<version>.jar into lib/ or plugins/, or remove the '" + key + ":' block"));
        }
        return problems;
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

    private static void addKeys(ServiceLoader<Notifier> loader, Set<String> keys) {
        for (ServiceLoader.Provider<Notifier> provider : loader.stream().toList()) {
            try {
                keys.add(provider.get().configKey());
            } catch (ServiceConfigurationError | RuntimeException e) {
                keys.add("(broken:" + provider.type().getName() + ")");
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
