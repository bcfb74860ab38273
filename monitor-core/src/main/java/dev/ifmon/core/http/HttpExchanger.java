package dev.ifmon.core.http;

import dev.ifmon.api.Outcome;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Performs one HTTP exchange within a deadline that covers connecting, the headers and the whole body.
 *
 * <p>At the deadline the exchange is cancelled, which closes its connection and ends its work. A body
 * that already passed the cap when the deadline struck (an endless stream, say) counts as received with
 * what was kept; one that had not is a {@code BODY_TIMEOUT}. Failures become {@link Failure} values with
 * a stable code. Thread-safe.
 */
public final class HttpExchanger {

    private static final Duration CONNECT_GRACE = Duration.ofMillis(150);

    private final PeerCertificates peers;
    private final Clock clock;

    /** The result of one exchange: {@link Received} or {@link Failed}. */
    public sealed interface Result permits Received, Failed {
        /** @return the time from sending to the end of the exchange */
        Duration latency();
    }

    /**
     * A response arrived.
     *
     * @param status the HTTP status
     * @param headers the response headers
     * @param body the kept body bytes
     * @param latency the time from sending to the end of the body
     * @param peerChain the server's certificates, leaf first; empty for plain HTTP
     */
    public record Received(int status, Map<String, List<String>> headers, CapturedBody body, Duration latency,
            List<X509Certificate> peerChain) implements Result {
    }

    /**
     * No usable response arrived.
     *
     * @param failure why
     * @param latency the time until the failure
     * @param beforeHeaders whether it failed before any response header arrived
     */
    public record Failed(Failure failure, Duration latency, boolean beforeHeaders) implements Result {
    }

    /**
     * @param peers reads server certificates to explain TLS failures
     * @param clock the clock for certificate dates
     */
    public HttpExchanger(PeerCertificates peers, Clock clock) {
        this.peers = peers;
        this.clock = clock;
    }

    /**
     * Sends the request and reads the answer, never longer than {@code timeout}; reasons name {@code limit}.
     *
     * @param client the shared client
     * @param request the request
     * @param timeout the time left for the whole exchange
     * @param limit the configured time limit the reasons name (the time left can be a little less: it is what
     *     remains of the limit after redirects or a renewed credential)
     * @param cap the most body bytes to keep
     * @return the response or the failure; never throws for network trouble
     */
    public Result exchange(HttpClient client, HttpRequest request, Duration timeout, Duration limit, int cap) {
        Deadline deadline = new Deadline(timeout, limit);
        long start = System.nanoTime();
        CapturingHandler handler = new CapturingHandler(cap);
        CompletableFuture<HttpResponse<CapturedBody>> future = client.sendAsync(request, handler);
        try {
            HttpResponse<CapturedBody> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Received(response.statusCode(), response.headers().map(), response.body(), since(start),
                    peerChain(response));
        } catch (TimeoutException e) {
            return atDeadline(future, handler, request, deadline, start);
        } catch (ExecutionException e) {
            return failed(classify(e.getCause(), request.uri(), handler, deadline), start, handler);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            Failure failure = new Failure(Outcome.NOT_CHECKED, "INTERRUPTED", "check interrupted (shutting down)",
                    false);
            return failed(failure, start, handler);
        }
    }

    /**
     * At the deadline. Before any header arrived, a connect timeout (the client's, set to the same time) may be
     * a few milliseconds behind: give it a short grace so the phase is named right, then cancel.
     */
    private Result atDeadline(CompletableFuture<HttpResponse<CapturedBody>> future, CapturingHandler handler,
            HttpRequest request, Deadline deadline, long start) {
        if (handler.subscriber() == null) {
            try {
                future.get(CONNECT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof HttpConnectTimeoutException) {
                    return failed(classify(e.getCause(), request.uri(), handler, deadline), start, handler);
                }
            } catch (TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        future.cancel(true);
        return atDeadline(handler, deadline.limit(), since(start));
    }

    private Result atDeadline(CapturingHandler handler, Duration limit, Duration latency) {
        CappedBodySubscriber subscriber = handler.subscriber();
        if (subscriber == null) {
            return new Failed(new Failure(Outcome.TIMEOUT, "HEADERS_TIMEOUT", "no response headers within "
                    + seconds(limit) + " (phase: headers)", false), latency, true);
        }
        subscriber.cancel();
        CapturedBody kept = subscriber.snapshot();
        HttpResponse.ResponseInfo info = handler.info();
        if (kept.truncated()) {
            return new Received(info.statusCode(), info.headers().map(), kept, latency, List.of());
        }
        return new Failed(new Failure(Outcome.TIMEOUT, "BODY_TIMEOUT", "status " + info.statusCode()
                + " and headers arrived, but the body was not complete within " + seconds(limit) + " ("
                + kept.totalBytes() + " bytes received; phase: body)", false), latency, false);
    }

    /** The time left for an exchange, and the configured limit that reasons name. */
    private record Deadline(Duration left, Duration limit) {
    }

    private static Failed failed(Failure failure, long start, CapturingHandler handler) {
        return new Failed(failure, since(start), handler.subscriber() == null);
    }

    private Failure classify(Throwable error, URI uri, CapturingHandler handler, Deadline deadline) {
        String where = uri.getHost() + ":" + port(uri);
        if (error instanceof HttpConnectTimeoutException) {
            return new Failure(Outcome.TIMEOUT, "CONNECT_TIMEOUT", "could not connect to " + where + " within "
                    + seconds(deadline.limit()) + " (phase: connect)", true);
        }
        if (error instanceof HttpTimeoutException) {
            return new Failure(Outcome.TIMEOUT, "HEADERS_TIMEOUT", "no response headers within "
                    + seconds(deadline.limit()) + " (phase: headers)", false);
        }
        if (unresolved(error)) {
            return connectionFailure(error, uri);
        }
        SSLException tls = find(error, SSLException.class);
        if (tls != null && !isReset(tls)) {
            return TlsDiagnosis.explain(tls, uri, peers.fetch(uri, deadline.left()), clock.instant());
        }
        CappedBodySubscriber subscriber = handler.subscriber();
        if (subscriber != null && !has(error, ConnectException.class)) {
            return new Failure(Outcome.NETWORK_ERROR, "RESET", "connection to " + where + " closed after status "
                    + handler.info().statusCode() + " and " + subscriber.snapshot().totalBytes()
                    + " body bytes (body shorter than announced): " + message(error), true);
        }
        return connectionFailure(error, uri);
    }

    /**
     * Classifies a request that failed before any answer, other than by a timeout, in the engine's words:
     * {@code DNS}, a TLS code (see {@link TlsDiagnosis}, without the server's certificates), {@code REFUSED},
     * {@code RESET} or {@code NETWORK}. Also used for calls outside the engine, such as token APIs.
     *
     * @param error what the HTTP client threw, or its cause
     * @param uri the URL requested
     * @return the failure
     */
    public static Failure connectionFailure(Throwable error, URI uri) {
        String where = uri.getHost() + ":" + port(uri);
        if (unresolved(error)) {
            return new Failure(Outcome.NETWORK_ERROR, "DNS", "cannot resolve host name " + uri.getHost(), false);
        }
        SSLException tls = find(error, SSLException.class);
        if (tls != null && !isReset(tls)) {
            return TlsDiagnosis.explain(tls, uri, List.of(), Instant.EPOCH);
        }
        if (has(error, ConnectException.class)) {
            return new Failure(Outcome.NETWORK_ERROR, "REFUSED", "connection to " + where + " refused", true);
        }
        if (isReset(error)) {
            return new Failure(Outcome.NETWORK_ERROR, "RESET", "connection to " + where
                    + " reset or closed before a response: " + message(error), true);
        }
        return new Failure(Outcome.NETWORK_ERROR, "NETWORK", "request to " + where + " failed: " + message(error),
                false);
    }

    private static boolean unresolved(Throwable error) {
        return has(error, UnknownHostException.class) || has(error, UnresolvedAddressException.class);
    }

    private static boolean isReset(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("reset") || text.contains("closed") || text.contains("eof")
                    || text.contains("received no bytes") || text.contains("broken pipe")) {
                return true;
            }
        }
        return false;
    }

    private static List<X509Certificate> peerChain(HttpResponse<?> response) {
        try {
            SSLSession session = response.sslSession().orElse(null);
            if (session == null) {
                return List.of();
            }
            Certificate[] chain = session.getPeerCertificates();
            return Arrays.stream(chain).filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        return find(error, type) != null;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String message(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return error.getClass().getSimpleName();
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Records when the headers arrive and hands the body to a capped subscriber. */
    private static final class CapturingHandler implements HttpResponse.BodyHandler<CapturedBody> {

        private final int cap;
        private volatile HttpResponse.ResponseInfo info;
        private volatile CappedBodySubscriber subscriber;

        CapturingHandler(int cap) {
            this.cap = cap;
        }

        @Override
        public HttpResponse.BodySubscriber<CapturedBody> apply(HttpResponse.ResponseInfo responseInfo) {
            CappedBodySubscriber created = new CappedBodySubscriber(cap);
            info = responseInfo;
            subscriber = created;
            return created;
        }

        HttpResponse.ResponseInfo info() {
            return info;
        }

        CappedBodySubscriber subscriber() {
            return subscriber;
        }
    }
}
