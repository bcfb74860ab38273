package dev.ifmon.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One completed request and its response, handed to every {@link Check} of the endpoint.
 *
 * @param endpoint the endpoint as configured, variables resolved
 * @param request what was sent, secrets masked
 * @param response what came back; never {@code null} (exchanges without a response are never judged)
 * @param latency the time from sending to the end of the body
 * @param attempt the 1-based attempt this exchange was
 */
public record Exchange(
        EndpointDefinition endpoint,
        HttpRequestSnapshot request,
        HttpResponseSnapshot response,
        Duration latency,
        int attempt) {

    /** Checks the components. */
    public Exchange {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(latency, "latency");
    }
}
