package dev.ifmon.api;

import java.util.Objects;

/**
 * The body an endpoint's request carries, exactly as it goes on the wire (UTF-8 encoded).
 *
 * @param contentType the media type, e.g. {@code application/json; charset=UTF-8}
 * @param text the body text, never {@code null}
 */
public record RequestBody(String contentType, String text) {

    /** Checks the components. */
    public RequestBody {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(text, "text");
    }
}
