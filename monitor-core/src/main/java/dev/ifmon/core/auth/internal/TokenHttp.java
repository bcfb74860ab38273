package dev.ifmon.core.auth.internal;

import dev.ifmon.api.AuthContext;
import dev.ifmon.api.AuthenticationException;
import dev.ifmon.core.http.Failure;
import dev.ifmon.core.http.HttpExchanger;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Sends one token request through the shared client, bounded as a whole by the context's timeout, and turns
 * every way it can fail into an {@link AuthenticationException} whose reason names the URL (query left out),
 * the status and the shape of the reply, never a value from it. Stateless and thread-safe.
 */
final class TokenHttp {

    private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7e]*");

    private TokenHttp() {
    }

    /**
     * Sends the request and returns a 2xx reply parsed as JSON.
     *
     * @param context the authentication context: client and timeout
     * @param request the request; its own timeout is set by the caller
     * @param what what is called, e.g. "the token API"
     * @return the JSON reply
     * @throws AuthenticationException when the call fails, the status is not 2xx or the reply is not JSON
     */
    static JsonNode exchange(AuthContext context, HttpRequest request, String what) {
        String target = what + " " + request.method() + " " + SettingsCheck.safeUrl(request.uri().toString());
        HttpResponse<String> reply = send(context, request, target);
        String contentType = reply.headers().firstValue("Content-Type").orElse("");
        if (reply.statusCode() < 200 || reply.statusCode() > 299) {
            throw new AuthenticationException(target + " answered status=" + reply.statusCode()
                    + " (expected 2xx) with " + ReplyShape.describe(contentType, reply.body())
                    + ReplyShape.parse(reply.body()).map(ReplyShape::oauthError).orElse(""));
        }
        return ReplyShape.parse(reply.body()).orElseThrow(() -> new AuthenticationException(target
                + " answered status=" + reply.statusCode() + " with " + ReplyShape.describe(contentType, reply.body())
                + ", not JSON"));
    }

    /**
     * Refuses a header value that the HTTP client would silently not send, so the failure shows as an
     * authentication error at fetch time rather than as a rejected token later.
     *
     * @param what what returned the token, e.g. "the token API"
     * @param header the header the token goes in
     * @param value the header value, token included
     * @return the value
     * @throws AuthenticationException naming the header and the kind of character, never the value
     */
    static String headerSafe(String what, String header, String value) {
        if (HEADER_VALUE.matcher(value).matches()) {
            return value;
        }
        String kind = value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 ? "line breaks"
                : "control or non-ASCII characters";
        throw new AuthenticationException(what + " returned a token with " + kind + ", which the " + header
                + " header cannot carry; the token is not used. Fix the token API's reply (or point token_pointer "
                + "at the right field)");
    }

    private static HttpResponse<String> send(AuthContext context, HttpRequest request, String target) {
        Duration timeout = context.timeout();
        CompletableFuture<HttpResponse<String>> call = context.httpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw timedOut(target, timeout, e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new AuthenticationException(target + " was interrupted", e);
        } catch (ExecutionException e) {
            throw failed(target, request.uri(), timeout, e.getCause());
        }
    }

    private static AuthenticationException failed(String target, URI uri, Duration timeout, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new AuthenticationException(target + " could not be connected to within " + millis(timeout),
                    cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(target, timeout, cause);
        }
        if (cause == null) {
            return new AuthenticationException(target + " failed: unknown error");
        }
        Failure failure = HttpExchanger.connectionFailure(cause, uri);
        return new AuthenticationException(target + " failed: " + failure.reason() + " (" + failure.reasonCode()
                + ")", cause);
    }

    private static AuthenticationException timedOut(String target, Duration timeout, Throwable cause) {
        return new AuthenticationException(target + " timed out: no complete answer within " + millis(timeout),
                cause);
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
