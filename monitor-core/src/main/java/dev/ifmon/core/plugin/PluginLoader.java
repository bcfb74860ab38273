package dev.ifmon.core.plugin;

import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Check;
import dev.ifmon.api.EndpointSource;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Problem;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plug-ins with {@link ServiceLoader}: the built-in ones on the class path, then every jar in the
 * plug-ins folder, each in its own class loader.
 *
 * <p>Providers are instantiated one at a time, so one broken jar or provider becomes one WARN naming the
 * jar and the class while the rest load. Built-ins win over plug-ins with the same type name. One INFO
 * line at the end lists what was loaded. Errors the JVM cannot recover from ({@link VirtualMachineError})
 * are not swallowed. Not thread-safe; call once at start-up.
 */
public final class PluginLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
    private static final List<Class<?>> KINDS =
            List.of(EndpointSource.class, Authenticator.class, Check.class, Notifier.class);
    private static final int MAX_PROVIDERS_PER_KIND = 1_000;
    private static final String SERVICES_PREFIX = "META-INF/services/dev.ifmon.api.";

    private PluginLoader() {
    }

    /**
     * Discovers built-in providers and the jars in a folder.
     *
     * @param builder where to add them; embedder-supplied instances already in it win over discovered ones
     * @param pluginsDirectory the folder of plug-in jars, or {@code null} for none; a missing folder is fine
     * @param parent the class loader built-ins come from and plug-in loaders delegate to
     * @return the builder
     */
    public static PluginRegistry.Builder discover(PluginRegistry.Builder builder, Path pluginsDirectory,
            ClassLoader parent) {
        Set<String> builtIns = new HashSet<>();
        for (Class<?> kind : KINDS) {
            load(builder, kind, parent, Set.of(), "built-in").forEach(builtIns::add);
        }
        for (Path jar : jars(builder, pluginsDirectory)) {
            loadJar(builder, jar, parent, builtIns);
        }
        return builder;
    }

    /**
     * Adds only the providers that ship inside the jar (or classes folder) of an anchor class: the core's
     * own built-ins, for embedders that switch discovery off and pass the rest as instances.
     *
     * @param builder where to add them; instances already in it win
     * @param anchor a class of the module whose providers to add, e.g. {@code Monitor.class}
     * @return the builder
     */
    public static PluginRegistry.Builder builtInsOf(PluginRegistry.Builder builder, Class<?> anchor) {
        java.security.CodeSource home = anchor.getProtectionDomain().getCodeSource();
        for (Class<?> kind : KINDS) {
            for (ServiceLoader.Provider<?> provider : ServiceLoader.load(kind, anchor.getClassLoader()).stream()
                    .toList()) {
                java.security.CodeSource source = provider.type().getProtectionDomain().getCodeSource();
                if (home != null && source != null && home.getLocation().equals(source.getLocation())) {
                    builder.add(provider.get(), "built-in");
                }
            }
        }
        return builder;
    }

    /**
     * Logs the one start-up line naming every plug-in loaded, and a WARN per problem.
     *
     * @param registry the registry built
     */
    public static void logSummary(PluginRegistry registry) {
        String list = registry.loaded().stream().map(PluginInfo::toString).collect(Collectors.joining(", "));
        LOG.info("Loaded {} plug-ins: {}", registry.loaded().size(), list);
        registry.problems().forEach(problem -> LOG.warn("Plug-in problem: {}", problem.format()));
    }

    private static List<Path> jars(PluginRegistry.Builder builder, Path directory) {
        List<Path> jars = new ArrayList<>();
        if (directory == null || !Files.isDirectory(directory)) {
            return jars;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.jar")) {
            entries.forEach(jars::add);
        } catch (IOException e) {
            builder.problem(Problem.warning(directory.toString(), "cannot list the plug-ins folder: "
                    + e.getMessage(), "check its permissions; continuing without plug-in jars"));
        }
        jars.sort(null);
        return jars;
    }

    @SuppressWarnings("resource") // the loader must stay open while its plug-ins are in use
    private static void loadJar(PluginRegistry.Builder builder, Path jar, ClassLoader parent, Set<String> builtIns) {
        if (!declaresPlugins(builder, jar)) {
            return;
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
            builder.problem(Problem.warning(jar.toString(), "cannot open the plug-in jar: " + e.getMessage(),
                    "the jar is skipped"));
            return;
        }
        for (Class<?> kind : KINDS) {
            load(builder, kind, loader, builtIns, jar.getFileName().toString());
        }
    }

    /**
     * Loads one kind's providers visible to a loader, skipping the classes already loaded as built-ins (a
     * plug-in loader also sees its parent's providers).
     *
     * @return the class names of the providers seen
     */
    private static boolean declaresPlugins(PluginRegistry.Builder builder, Path jar) {
        String name = jar.getFileName().toString();
        try (JarFile file = new JarFile(jar.toFile())) {
            boolean declares = file.stream().anyMatch(entry -> entry.getName().startsWith(SERVICES_PREFIX));
            if (!declares) {
                builder.problem(Problem.warning(name, "the jar declares no ifmon plug-in (no "
                        + SERVICES_PREFIX + "* entry)", "the jar is skipped; list the provider class in "
                        + "META-INF/services/<plug-in interface>, e.g. dev.ifmon.api.Check"));
            }
            return declares;
        } catch (IOException e) {
            builder.problem(Problem.warning(name, "the file is not a readable jar: " + e.getMessage(),
                    "the file is skipped; replace it with the plug-in's jar or remove it from the plugins folder"));
            return false;
        }
    }

    private static List<String> load(PluginRegistry.Builder builder, Class<?> kind, ClassLoader loader,
            Set<String> skip, String origin) {
        List<String> seen = new ArrayList<>();
        Iterator<?> providers = ServiceLoader.load(kind, loader).iterator();
        for (int i = 0; i < MAX_PROVIDERS_PER_KIND; i++) {
            try {
                if (!providers.hasNext()) {
                    return seen;
                }
                Object provider = providers.next();
                String className = provider.getClass().getName();
                seen.add(className);
                if (!skip.contains(className)) {
                    builder.add(provider, origin);
                }
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                String name = kind.getSimpleName();
                builder.problem(Problem.warning(origin, article(name) + " " + name + " provider failed to load: "
                        + rootMessage(e), "that provider is skipped; the others load; check the jar's "
                        + "META-INF/services entry and that it was built for ifmon's API"));
            }
        }
        return seen;
    }

    private static String article(String noun) {
        return "AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            text.append(": ").append(cause);
        }
        return text.toString();
    }
}
