package dev.ifmon.api;

import java.util.List;

/**
 * What an {@link EndpointSource} found: the endpoints it could read and the problems with the rest.
 *
 * @param endpoints the valid definitions, in a stable order
 * @param problems what was wrong with files or entries that were skipped or partly used
 */
public record Catalog(List<EndpointDefinition> endpoints, List<Problem> problems) {

    /** Copies the lists. */
    public Catalog {
        endpoints = List.copyOf(endpoints);
        problems = List.copyOf(problems);
    }
}
