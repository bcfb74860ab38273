package dev.ifmon.core.check;

import dev.ifmon.core.http.Failure;
import dev.ifmon.core.http.HttpExchanger;
import dev.ifmon.core.http.OutgoingRequest;
import java.time.Duration;
import java.util.List;

/**
 * One attempt at an endpoint: the last request sent, the response if one arrived, and the failure if the
 * attempt has no usable answer. Immutable.
 *
 * @param request the last request sent (the last hop when redirects were followed)
 * @param received the last response, or {@code null}
 * @param failure why the attempt failed before the checks could judge it, or {@code null}
 * @param redirects the redirect targets followed, in order
 * @param tokenRejected whether the endpoint rejected a freshly renewed credential too
 * @param transientFault whether another attempt may help
 * @param latency the attempt's duration
 */
record Attempt(OutgoingRequest request, HttpExchanger.Received received, Failure failure, List<String> redirects,
        boolean tokenRejected, boolean transientFault, Duration latency) {

    Attempt {
        redirects = List.copyOf(redirects);
    }

    Attempt withFailure(Failure value) {
        return new Attempt(request, received, value, redirects, tokenRejected, false, latency);
    }

    Attempt withTokenRejected() {
        return new Attempt(request, received, failure, redirects, true, false, latency);
    }
}
