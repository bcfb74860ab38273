package dev.ifmon.core.plugin;

import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Check;
import dev.ifmon.api.EndpointSource;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plug-ins a monitor uses, by kind and type name: what {@link PluginLoader} discovered, or what an
 * embedder passed. Immutable and thread-safe once built.
 */
public final class PluginRegistry {

    private final Map<String, EndpointSource> sources;
    private final Map<String, Authenticator> authenticators;
    private final Map<String, Check> checks;
    private final Map<String, Notifier> notifiers;
    private final List<PluginInfo> loaded;
    private final List<Problem> problems;

    private PluginRegistry(Builder builder) {
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(builder.sources));
        this.authenticators = Collections.unmodifiableMap(new LinkedHashMap<>(builder.authenticators));
        this.checks = Collections.unmodifiableMap(new LinkedHashMap<>(builder.checks));
        this.notifiers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.notifiers));
        this.loaded = List.copyOf(builder.loaded);
        this.problems = List.copyOf(builder.problems);
    }

    /** @return a builder for a registry of given instances, with no discovery */
    public static Builder builder() {
        return new Builder();
    }

    /** @return endpoint sources by type */
    public Map<String, EndpointSource> sources() {
        return sources;
    }

    /** @return authenticators by type */
    public Map<String, Authenticator> authenticators() {
        return authenticators;
    }

    /** @return checks by type */
    public Map<String, Check> checks() {
        return checks;
    }

    /** @return notifiers by type */
    public Map<String, Notifier> notifiers() {
        return notifiers;
    }

    /** @return every plug-in, in load order */
    public List<PluginInfo> loaded() {
        return loaded;
    }

    /** @return broken jars, providers that failed to load, duplicate type names */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * Collects plug-ins. The first provider of a type name wins; a later one is a problem. Not thread-safe.
     */
    public static final class Builder {

        private final Map<String, EndpointSource> sources = new LinkedHashMap<>();
        private final Map<String, Authenticator> authenticators = new LinkedHashMap<>();
        private final Map<String, Check> checks = new LinkedHashMap<>();
        private final Map<String, Notifier> notifiers = new LinkedHashMap<>();
        private final List<PluginInfo> loaded = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a plug-in of any of the four kinds.
         *
         * @param plugin an {@link EndpointSource}, {@link Authenticator}, {@link Check} or {@link Notifier}
         * @param origin where it came from, for messages
         * @return this builder
         * @throws IllegalArgumentException when the object is none of the four kinds
         */
        public Builder add(Object plugin, String origin) {
            switch (plugin) {
                case EndpointSource source -> put(sources, "EndpointSource", source.type(), source, origin);
                case Authenticator auth -> put(authenticators, "Authenticator", auth.type(), auth, origin);
                case Check check -> put(checks, "Check", check.type(), check, origin);
                case Notifier notifier -> put(notifiers, "Notifier", notifier.type(), notifier, origin);
                default -> throw new IllegalArgumentException(plugin.getClass().getName()
                        + " is not an EndpointSource, Authenticator, Check or Notifier");
            }
            return this;
        }

        /**
         * @param problem a problem met while loading
         * @return this builder
         */
        public Builder problem(Problem problem) {
            problems.add(problem);
            return this;
        }

        private <T> void put(Map<String, T> map, String kind, String type, T plugin, String origin) {
            String className = plugin.getClass().getName();
            if (type == null || type.isBlank()) {
                problems.add(Problem.warning(origin, kind + " " + className + " has no type name",
                        "return a non-empty name from type(); the plug-in is skipped"));
                return;
            }
            if (map.containsKey(type)) {
                PluginInfo first = loaded.stream()
                        .filter(info -> info.kind().equals(kind) && info.type().equals(type))
                        .findFirst().orElseThrow();
                problems.add(Problem.warning(origin, "two " + kind + " plug-ins claim the type '" + type + "': "
                        + first.className() + " from " + first.origin() + " and " + className + " from " + origin,
                        "keeping the first; remove one jar or rename its type"));
                return;
            }
            map.put(type, plugin);
            loaded.add(new PluginInfo(kind, type, className, origin));
        }

        /** @return the registry */
        public PluginRegistry build() {
            return new PluginRegistry(this);
        }
    }
}
