package dev.ifmon.core.auth;

import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Settings;
import dev.ifmon.core.config.ServiceConfig;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Builds the services and authenticators tests need. */
final class AuthFixtures {

    private AuthFixtures() {
    }

    /** @return the built-in authenticators, found the way the runner finds them */
    static Map<String, Authenticator> builtIns() {
        return ServiceLoader.load(Authenticator.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(Authenticator::type, authenticator -> authenticator));
    }

    /**
     * @param name the service name
     * @param auth the auth block
     * @return an enabled service with that block
     */
    static ServiceConfig service(String name, Map<String, ?> auth) {
        return new ServiceConfig(name, "", true, "", Settings.of("config.yaml: services[" + name + "].auth", auth),
                Settings.empty());
    }
}
