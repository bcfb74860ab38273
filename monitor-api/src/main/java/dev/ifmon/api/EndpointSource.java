package dev.ifmon.api;

import java.util.List;

/**
 * A plug-in point: where endpoint definitions come from. The built-in source, type {@code directory},
 * reads the {@code Interface-pool/<service>/<module>/*.json|yaml} tree.
 *
 * <p><b>Who calls it, when:</b> the core calls {@link #load} once at the start of every round (so edits
 * apply without a restart) and for {@code ifmon validate}, from one thread at a time per instance.
 * Implementations need not be thread-safe across calls but must not keep state that changes results
 * between calls other than what they read.
 *
 * <p><b>Errors:</b> a bad entry is reported as a {@link Problem} in the returned {@link Catalog} and the
 * rest is still returned. An exception thrown from {@link #load} is caught by the core, reported as one
 * problem naming this source, and the round goes on without its endpoints.
 *
 * <p>Implementations need a public no-argument constructor for {@link java.util.ServiceLoader}.
 */
public interface EndpointSource {

    /** @return the name configuration uses to select this source, e.g. {@code directory}; never {@code null} */
    String type();

    /**
     * Checks this source's settings without loading anything. The default finds nothing wrong.
     *
     * @param settings the block of configuration for this source
     * @return problems found, empty when none
     */
    default List<Problem> validate(Settings settings) {
        return List.of();
    }

    /**
     * Reads the endpoints.
     *
     * @param context settings, base folder and environment; never {@code null}
     * @return the endpoints found and problems met; never {@code null}
     */
    Catalog load(SourceContext context);
}
