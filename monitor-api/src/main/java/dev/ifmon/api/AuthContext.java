package dev.ifmon.api;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * What the core hands an {@link Authenticator} when it needs a credential for one service.
 *
 * <p>Provided by the core; plug-ins only read it. Thread-safe.
 */
public interface AuthContext {

    /** @return the service the credential is for, e.g. {@code user} */
    String service();

    /** @return the service's {@code auth} block for the selected environment, variables resolved */
    Settings settings();

    /**
     * @return the monitor's shared HTTP client; use it for token requests, never build one per call, and
     *     do not close it
     */
    HttpClient httpClient();

    /** @return the time allowed for one token request */
    Duration timeout();

    /** @return the clock to compute expiry with */
    Clock clock();
}
