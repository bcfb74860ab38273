package dev.ifmon.api;

/** How checking one endpoint ended. The names are part of the JSON report and must not change. */
public enum Outcome {
    /** The endpoint answered as expected. */
    OK(false),
    /** The endpoint answered as expected but a check warned, e.g. slower than the warn limit. */
    DEGRADED(false),
    /** The status is in the failing set (401, 403, 404, 500-599 by default) or not among the expected. */
    HTTP_ERROR(true),
    /** No complete answer within the timeout; the reason names the phase (connect, headers, body). */
    TIMEOUT(true),
    /** The request could not be delivered; the reason code is {@code DNS}, {@code REFUSED}, {@code RESET}. */
    NETWORK_ERROR(true),
    /** The TLS handshake failed: untrusted or expired certificate, host name mismatch. */
    TLS_ERROR(true),
    /** Credentials could not be obtained, or were rejected by the endpoint. */
    AUTH_ERROR(true),
    /** The endpoint answered, but a check said no. */
    ASSERTION_FAILED(true),
    /** The endpoint could not be checked because of its configuration; a problem, not an outage. */
    CONFIG_ERROR(false),
    /** The endpoint was not checked: its service's authentication failed, or the monitor lost its network. */
    NOT_CHECKED(false);

    private final boolean failure;

    Outcome(boolean failure) {
        this.failure = failure;
    }

    /** @return whether this outcome means the endpoint is down or wrong, and so is alerted on */
    public boolean isFailure() {
        return failure;
    }
}
