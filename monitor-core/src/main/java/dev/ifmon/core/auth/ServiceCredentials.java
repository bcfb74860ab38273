package dev.ifmon.core.auth;

import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.Credential;
import java.util.Optional;

/**
 * The credential of one service, cached in memory and shared by all its endpoints and concurrent checks.
 * Thread-safe: concurrent callers that find no valid credential cause exactly one fetch.
 */
public interface ServiceCredentials {

    /** Credentials of a service without authentication. */
    ServiceCredentials NONE = new ServiceCredentials() {
        @Override
        public Optional<Credential> current() {
            return Optional.empty();
        }

        @Override
        public Optional<Credential> renewAfterRejection(Credential rejected) {
            return Optional.empty();
        }
    };

    /**
     * @return the valid credential, fetching it when there is none or it is about to expire; empty when the
     *     service has no authentication
     * @throws AuthenticationException when it cannot be had; the reason is free of secrets
     */
    Optional<Credential> current();

    /**
     * Called when an endpoint rejected {@code rejected} (401 by default). The first caller invalidates it
     * and fetches a new one; callers that rejected the same credential share that one new fetch.
     *
     * @param rejected the credential the endpoint rejected
     * @return the new credential; empty when the service has no authentication
     * @throws AuthenticationException when a new one cannot be had
     */
    Optional<Credential> renewAfterRejection(Credential rejected);
}
