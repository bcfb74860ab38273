package dev.ifmon.api;

/**
 * Thrown by an {@link Authenticator} that could not obtain a credential. The message becomes the reason of
 * the service's {@link Outcome#AUTH_ERROR}, so it must say what went wrong (status, the JSON pointer looked
 * for, the shape of the reply) and must never contain a secret or the token API's response body.
 */
public class AuthenticationException extends IfmonException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, secrets left out */
    public AuthenticationException(String message) {
        super(message);
    }

    /** @param message what went wrong, secrets left out @param cause the underlying failure */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
