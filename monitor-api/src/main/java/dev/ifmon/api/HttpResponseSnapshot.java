package dev.ifmon.api;

import java.util.List;
import java.util.Map;

/**
 * The response as it was received, with the body read up to the configured cap.
 *
 * @param status the HTTP status of the last response in the redirect chain
 * @param headers the response headers, case-insensitive
 * @param body the body decoded as text (UTF-8 unless the response named another charset), up to the cap
 * @param bodyTruncated whether the body was longer than the cap and the rest was discarded
 * @param bodyBytes how many body bytes were received, counting discarded ones
 * @param redirects the URLs of redirects followed, in order; empty when none
 */
public record HttpResponseSnapshot(
        int status,
        Map<String, List<String>> headers,
        String body,
        boolean bodyTruncated,
        long bodyBytes,
        List<String> redirects) {

    /** Copies the components. */
    public HttpResponseSnapshot {
        headers = Headers.copyOf(headers);
        body = body == null ? "" : body;
        redirects = List.copyOf(redirects);
    }
}
