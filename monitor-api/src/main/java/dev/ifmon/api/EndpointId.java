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

    /** The module of a result that belongs to a whole service rather than an endpoint, e.g. its authentication. */
    public static final String SERVICE_MODULE = "*";
    /** The name of a service's authentication result (a token fetch that failed, say), in {@link #SERVICE_MODULE}. */
    public static final String AUTH_NAME = "(auth)";

    /** Checks the components. */
    public EndpointId {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        service = SharedText.of(service);
        module = SharedText.of(module);
    }

    /**
     * @param service the service
     * @return the id of that service's authentication result
     */
    public static EndpointId serviceAuth(String service) {
        return new EndpointId(service, SERVICE_MODULE, AUTH_NAME);
    }

    /** @return whether this id names a service's authentication result, not an endpoint */
    public boolean isServiceAuth() {
        return SERVICE_MODULE.equals(module) && AUTH_NAME.equals(name);
    }

    /** @return {@code service/module/name} */
    @Override
    public String toString() {
        return service + "/" + module + "/" + name;
    }
}
