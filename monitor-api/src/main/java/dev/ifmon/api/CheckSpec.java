package dev.ifmon.api;

import java.util.Objects;

/**
 * A request to run a plug-in {@link Check} on an endpoint, as written under {@code expect.checks}.
 *
 * @param type the check's {@link Check#type()}
 * @param settings the options written beside the type
 */
public record CheckSpec(String type, Settings settings) {

    /** Checks the components. */
    public CheckSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(settings, "settings");
    }
}
