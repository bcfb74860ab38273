package dev.ifmon.api;

import java.nio.file.Path;

/**
 * What the core hands an {@link EndpointSource} when it asks for endpoints.
 *
 * <p>Implementations are provided by the core; plug-ins only read them. Thread-safe.
 */
public interface SourceContext {

    /** @return the source's block of configuration, e.g. {@code interface_docs} */
    Settings settings();

    /** @return the folder relative paths in configuration resolve against: the config file's folder */
    Path baseDirectory();

    /** @return the selected environment's name, or {@code ""} when config declares none */
    String environment();
}
