package dev.ifmon.api;

import java.util.List;

/**
 * A plug-in point: obtains the credential a service's requests carry. Built in: {@code token} (the brief's
 * {@code token_api}), {@code bearer}, {@code header}, {@code basic} and {@code oauth2-client-credentials}.
 *
 * <p><b>Who calls it, when:</b> the core calls {@link #authenticate} when a service has no valid credential:
 * before its first request, shortly before the cached one expires, and after an endpoint rejected it
 * (401 by default). The core caches the credential in memory, makes concurrent checks wait for a single
 * call, and never calls this twice at once for one service. Calls for different services may run at
 * once on different virtual threads, so implementations must be thread-safe; they should be stateless.
 *
 * <p><b>Errors:</b> throw {@link AuthenticationException} with a reason free of secrets. The core then
 * does not call the service's endpoints and reports one {@link Outcome#AUTH_ERROR} for the service. Any
 * other exception is treated the same way, with the authenticator's type named.
 *
 * <p>Implementations need a public no-argument constructor for {@link java.util.ServiceLoader}.
 */
public interface Authenticator {

    /** @return the name a service's {@code auth.type} uses to select this authenticator; never {@code null} */
    String type();

    /**
     * Checks a service's {@code auth} block when config is loaded. The default finds nothing wrong.
     *
     * @param settings the block, variables resolved
     * @return problems found, empty when none
     */
    default List<Problem> validate(Settings settings) {
        return List.of();
    }

    /**
     * Obtains a credential for one service.
     *
     * @param context the service, its settings, the shared HTTP client and a clock; never {@code null}
     * @return the credential, never {@code null}
     * @throws AuthenticationException when no credential can be had
     */
    Credential authenticate(AuthContext context);
}
