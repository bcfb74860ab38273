package dev.ifmon.api;

import java.util.Objects;

/**
 * The identity of an endpoint: {@code service/module/name}. Unique within a catalog.
 *
 * @param service the service, e.g. {@code user}; the first folder under {@code Interface-pool}
 * @param module the module, e.g. {@code login}; the second folder
 * @param name the endpoint's name from its doc, e.g. {@code 用户登录}
 */
public record EndpointId(String service, String module, String name) {

    /** Checks the components. */
    public EndpointId {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
    }

    /** @return {@code service/module/name} */
    @Override
    public String toString() {
        return service + "/" + module + "/" + name;
    }
}
