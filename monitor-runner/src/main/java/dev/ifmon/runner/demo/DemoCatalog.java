package dev.ifmon.runner.demo;

import dev.ifmon.api.IfmonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The bundled demo configuration and {@code Interface-pool}, kept as class-path resources under
 * {@code demo/} so that they work from the built jar. {@code demo/files.txt} lists every file to copy.
 * Stateless and thread-safe.
 */
public final class DemoCatalog {

    /** The resource folder that holds the demo. */
    public static final String RESOURCE_ROOT = "demo/";
    /** The index of the demo's files, one path a line, relative to {@link #RESOURCE_ROOT}. */
    public static final String INDEX = RESOURCE_ROOT + "files.txt";

    private DemoCatalog() {
    }

    /**
     * @return the relative paths of the demo's files, as listed in the index
     * @throws IfmonException when the index is missing from the class path (a broken build)
     */
    public static List<String> files() {
        return read(INDEX).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /**
     * Copies the demo into a folder and fills in the config's {@code {{NAME}}} placeholders.
     *
     * @param target the folder to copy into; created when missing
     * @param values placeholder name to value, e.g. {@code DEMO_BASE_URL} to {@code http://127.0.0.1:41234}
     * @return the copied {@code config.yaml}
     * @throws IOException when a file cannot be written
     */
    public static Path extract(Path target, Map<String, String> values) throws IOException {
        for (String file : files()) {
            Path destination = target.resolve(file).normalize();
            if (!destination.startsWith(target)) {
                throw new IfmonException(INDEX + ": '" + file + "' points outside the demo folder; fix the index");
            }
            Files.createDirectories(destination.getParent());
            String text = read(RESOURCE_ROOT + file);
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("{{" + value.getKey() + "}}", value.getValue());
            }
            Files.writeString(destination, text, StandardCharsets.UTF_8);
        }
        return target.resolve("config.yaml");
    }

    private static String read(String resource) {
        try (InputStream in = DemoCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IfmonException("class path resource '" + resource + "' is missing; rebuild the runner");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IfmonException("class path resource '" + resource + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
