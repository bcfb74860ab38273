package dev.ifmon.core.catalog;

import dev.ifmon.api.Catalog;
import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.EndpointSource;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.api.Severity;
import dev.ifmon.api.SourceContext;
import dev.ifmon.core.config.tree.TreeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in {@link EndpointSource}, type {@code directory}: reads {@code <root>/<service>/<module>/*.json,
 * *.yaml, *.yml}, where {@code root} is {@code interface_docs.root_path} (default {@code ./Interface-pool})
 * resolved against the config file's folder.
 *
 * <p>The walk has a fixed depth, so symbolic link loops cannot make it recurse: folders below a module are
 * reported once as a warning and not read; docs directly in the root or a service folder are reported and
 * not read. Hidden entries (starting with {@code .}), editor backups ({@code *~}, {@code *.swp},
 * {@code *.swo}, {@code *.bak}, {@code *.tmp}) and other extensions are ignored silently. At most
 * {@link #MAX_FILES} docs are read per load; each at most {@link TreeReader#MAX_BYTES} bytes. Entries are
 * read in name order, so results are stable. A second endpoint with the same {@code service/module/name}
 * is an error and skipped.
 *
 * <p>Thread-safety: stateless; {@link #load} may run on several threads at once.
 */
public final class DirectoryEndpointSource implements EndpointSource {

    /** The type name configuration uses. */
    public static final String TYPE = "directory";
    /** The root used when {@code root_path} is not written. */
    public static final String DEFAULT_ROOT = "./Interface-pool";
    /** The most docs read in one load; the rest are reported and skipped. */
    public static final int MAX_FILES = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryEndpointSource.class);
    private static final List<String> EXTENSIONS = List.of(".json", ".yaml", ".yml");
    private static final List<String> IGNORED_SUFFIXES = List.of("~", ".swp", ".swo", ".bak", ".tmp");

    /** Creates the source; it keeps no state. */
    public DirectoryEndpointSource() {
        // stateless
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Problem> validate(Settings settings) {
        Object root = settings.asMap().get("root_path");
        if (root != null && (root instanceof Map || root instanceof List || root.toString().isBlank())) {
            return List.of(Problem.error(settings.origin(), "'root_path' must be a folder path, but is '" + root
                    + "'", "write e.g. root_path: ./Interface-pool"));
        }
        return List.of();
    }

    @Override
    public Catalog load(SourceContext context) {
        List<Problem> invalid = validate(context.settings());
        if (!invalid.isEmpty()) {
            return new Catalog(List.of(), invalid);
        }
        Path base = context.baseDirectory().toAbsolutePath().normalize();
        Path root = base.resolve(context.settings().string("root_path", DEFAULT_ROOT)).normalize();
        if (!Files.isDirectory(root)) {
            return new Catalog(List.of(), List.of(Problem.error(context.settings().origin(), "the catalog folder "
                    + root + " does not exist or is not a folder", "create it, or set interface_docs.root_path")));
        }
        Catalog catalog = new Walk(base, root).run();
        LOG.debug("catalog read root={} endpoints={} problems={}", root, catalog.endpoints().size(),
                catalog.problems().size());
        return catalog;
    }

    /** One load: the files found, endpoints read and problems met. Not thread-safe. */
    private static final class Walk {

        private final Path base;
        private final Path root;
        private final List<EndpointDefinition> endpoints = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private final Map<EndpointId, EndpointDefinition> seen = new HashMap<>();
        private int files;

        Walk(Path base, Path root) {
            this.base = base;
            this.root = root;
        }

        Catalog run() {
            for (Path service : list(root)) {
                if (Files.isDirectory(service)) {
                    for (Path module : list(service)) {
                        visitModuleLevel(service, module);
                    }
                } else {
                    misplaced(service, "directly in the catalog folder");
                }
            }
            return new Catalog(endpoints, problems);
        }

        private void visitModuleLevel(Path service, Path module) {
            if (!Files.isDirectory(module)) {
                misplaced(module, "in a service folder, not in a module folder");
                return;
            }
            for (Path file : list(module)) {
                if (isDoc(file)) {
                    readDoc(service, module, file);
                } else if (Files.isDirectory(file)) {
                    problems.add(Problem.warning(display(file), "the folder is below a module folder and is not"
                            + " read", "move its docs into " + display(module)));
                }
            }
        }

        private void misplaced(Path path, String where) {
            if (isDoc(path)) {
                problems.add(Problem.warning(display(path), "the doc is " + where + " and is not read",
                        "move it into <service>/<module>/"));
            }
        }

        private void readDoc(Path service, Path module, Path file) {
            if (++files > MAX_FILES) {
                if (files == MAX_FILES + 1) {
                    problems.add(Problem.error(display(root), "the catalog holds more than " + MAX_FILES
                            + " docs; the rest are skipped", "split the catalog"));
                }
                return;
            }
            String display = display(file);
            TreeReader.Result read = TreeReader.read(file, display);
            problems.addAll(read.problems());
            if (!read.usable()) {
                return;
            }
            EndpointDocParser.Parsed parsed = EndpointDocParser.parse(read.root(), name(service), name(module),
                    display, baseName(file));
            problems.addAll(parsed.problems());
            parsed.endpoints().forEach(this::add);
        }

        private void add(EndpointDefinition endpoint) {
            EndpointDefinition first = seen.putIfAbsent(endpoint.id(), endpoint);
            if (first == null) {
                endpoints.add(endpoint);
                return;
            }
            problems.add(new Problem(Severity.ERROR, endpoint.source().file(), endpoint.source().line(), 0,
                    "duplicate endpoint '" + endpoint.id() + "', first defined at " + first.source(),
                    "give each endpoint of a module its own name; this one is skipped"));
        }

        private List<Path> list(Path folder) {
            try (Stream<Path> entries = Files.list(folder)) {
                return entries.filter(path -> !ignored(name(path))).sorted().toList();
            } catch (IOException | RuntimeException e) {
                problems.add(Problem.error(display(folder), "the folder cannot be listed (" + e.getMessage() + ")",
                        "check the folder and its permissions; it is skipped"));
                return List.of();
            }
        }

        private static boolean ignored(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return name.startsWith(".") || IGNORED_SUFFIXES.stream().anyMatch(lower::endsWith);
        }

        private static boolean isDoc(Path path) {
            String lower = name(path).toLowerCase(Locale.ROOT);
            return EXTENSIONS.stream().anyMatch(ext -> lower.endsWith(ext) && lower.length() > ext.length());
        }

        private static String baseName(Path file) {
            String name = name(file);
            return name.substring(0, name.lastIndexOf('.'));
        }

        private static String name(Path path) {
            return path.getFileName().toString();
        }

        private String display(Path path) {
            Path shown = path.startsWith(base) ? base.relativize(path) : path;
            return shown.toString().replace('\\', '/');
        }
    }
}
