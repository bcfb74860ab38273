package dev.ifmon.core.check;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Credential;
import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.Exchange;
import dev.ifmon.api.Expectation;
import dev.ifmon.api.Headers;
import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.api.HttpResponseSnapshot;
import dev.ifmon.api.Outcome;
import dev.ifmon.core.auth.ServiceCredentials;
import dev.ifmon.core.config.MonitorConfig;
import dev.ifmon.core.config.ServiceConfig;
import dev.ifmon.core.http.BodyDecoder;
import dev.ifmon.core.http.Failure;
import dev.ifmon.core.http.HttpExchanger;
import dev.ifmon.core.http.OutgoingRequest;
import dev.ifmon.core.http.TlsDiagnosis;
import dev.ifmon.core.http.TlsSetting;
import dev.ifmon.core.mask.Masker;
import io.github.resilience4j.bulkhead.Bulkhead;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The work of one {@link EndpointChecker#check} call: attempts, auth renewal, redirects and the verdict.
 * Used by one thread only.
 */
final class CheckRun {

    private final EndpointChecker checker;
    private final EngineOptions options;
    private final EndpointDefinition endpoint;
    private final ServiceConfig service;
    private final ServiceCredentials credentials;
    private final Masker masker;
    private final Duration timeout;
    private final Set<String> droppedHeaders = new LinkedHashSet<>();
    private HttpClient client;
    private Credential credential;
    private URI firstUri;
    private int attempts;

    CheckRun(EndpointChecker checker, EndpointDefinition endpoint, ServiceConfig service,
            ServiceCredentials credentials, Masker masker) {
        this.checker = checker;
        this.options = checker.options();
        this.endpoint = endpoint;
        this.service = service;
        this.credentials = credentials;
        this.masker = masker.withSecrets(Masker.requestSecrets(endpoint.headers(), endpoint.query(), endpoint.url(),
                endpoint.body() == null ? null : endpoint.body().text()));
        Duration own = endpoint.timeout() != null && !endpoint.timeout().isZero() ? endpoint.timeout()
                : options.timeout();
        this.timeout = own.compareTo(MonitorConfig.MAX_TIMEOUT) > 0 ? MonitorConfig.MAX_TIMEOUT : own;
    }

    CheckResult execute() {
        TlsSetting tls = EndpointChecker.tlsSetting(service, options.baseDirectory());
        try {
            client = checker.client(tls);
        } catch (IOException | GeneralSecurityException e) {
            return configError("TLS_CONFIG", "cannot use the service's TLS setting (" + tls.describe() + "): "
                    + e.getMessage() + "; fix services[" + service.name() + "].tls");
        }
        try {
            credential = EndpointChecker.currentCredential(endpoint, credentials);
        } catch (RuntimeException e) {
            return failed(EndpointChecker.authFailure(e), null, Duration.ZERO);
        }
        firstUri = uriFor(credential);
        return limited(checker.bulkhead(firstUri.getHost()));
    }

    private CheckResult limited(Bulkhead bulkhead) {
        if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
            return failed(new Failure(Outcome.NOT_CHECKED, "HOST_LIMIT", "not checked: "
                    + options.perHostConcurrency() + " requests to " + firstUri.getHost()
                    + " were already in flight (monitor.per_host_concurrency); raise it or per_host_wait", false),
                    null, Duration.ZERO);
        }
        try {
            Attempt last = checker.retrying(endpoint.id().toString(), checker.retriesFor(endpoint, service),
                    this::attempt);
            return conclude(last);
        } finally {
            if (bulkhead != null) {
                bulkhead.onComplete();
            }
        }
    }

    private URI uriFor(Credential sent) {
        Map<String, String> query = new LinkedHashMap<>(endpoint.query());
        if (sent != null) {
            query.putAll(sent.query());
        }
        return OutgoingRequest.withQuery(endpoint.url(), query);
    }

    private OutgoingRequest requestFor(Credential sent) {
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        if (sent != null) {
            headers.putAll(sent.headers());
        }
        String contentType = endpoint.body() == null ? null : endpoint.body().contentType();
        String body = endpoint.body() == null ? null : endpoint.body().text();
        return new OutgoingRequest(endpoint.method(), uriFor(sent), headers, contentType, body);
    }

    private Attempt attempt() {
        attempts++;
        long start = System.nanoTime();
        Attempt result = sendFollowing(requestFor(credential), start);
        if (credential == null || result.received() == null || result.failure() != null
                || !options.authRejected(result.received().status())) {
            return result;
        }
        try {
            Optional<Credential> renewed = credentials.renewAfterRejection(credential);
            if (renewed.isEmpty()) {
                return result.withTokenRejected();
            }
            credential = renewed.get();
            Attempt again = sendFollowing(requestFor(credential), start);
            boolean rejected = again.received() != null && again.failure() == null
                    && options.authRejected(again.received().status());
            return rejected ? again.withTokenRejected() : again;
        } catch (RuntimeException e) {
            return result.withFailure(EndpointChecker.authFailure(e));
        }
    }

    private Attempt sendFollowing(OutgoingRequest first, long start) {
        List<String> chain = new ArrayList<>();
        OutgoingRequest current = first;
        for (int hop = 0; ; hop++) {
            HttpExchanger.Result result = sendFresh(current, remaining(start));
            if (result instanceof HttpExchanger.Failed failed) {
                return new Attempt(current, null, failed.failure(), chain, false, failed.failure().transientFault(),
                        since(start));
            }
            HttpExchanger.Received received = (HttpExchanger.Received) result;
            Optional<String> location = Headers.first(received.headers(), "Location");
            if (!endpoint.followRedirects() || !isRedirect(received.status()) || location.isEmpty()) {
                boolean retry = options.retryable(received.status()) && !endpoint.expect().accepts(received.status());
                return new Attempt(current, received, null, chain, false, retry, since(start));
            }
            Optional<Failure> refused = redirectRefusal(current.uri(), location.get(), hop);
            if (refused.isPresent()) {
                return new Attempt(current, received, refused.get(), chain, false, false, since(start));
            }
            URI next = current.uri().resolve(location.get().trim());
            chain.add(next.toString());
            current = current.redirectTo(next, received.status() == 307 || received.status() == 308,
                    sameOrigin(current.uri(), next), credentialHeaderNames());
        }
    }

    private Optional<Failure> redirectRefusal(URI from, String location, int hop) {
        URI next;
        try {
            next = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            return Optional.of(new Failure(Outcome.HTTP_ERROR, "REDIRECT_INVALID", "redirect to an invalid "
                    + "Location '" + location + "'", false));
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
            return Optional.of(new Failure(Outcome.HTTP_ERROR, "REDIRECT_DOWNGRADE", "refused to follow a redirect "
                    + "from https down to " + next.getScheme() + ": " + next, false));
        }
        if (hop >= options.followRedirectsMax()) {
            return Optional.of(new Failure(Outcome.HTTP_ERROR, "REDIRECT_LIMIT", "more than "
                    + options.followRedirectsMax() + " redirects (monitor.follow_redirects_max)", false));
        }
        return Optional.empty();
    }

    private Set<String> credentialHeaderNames() {
        Set<String> names = new LinkedHashSet<>();
        if (credential != null) {
            credential.headers().keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        }
        return names;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Sends once; a connection closed before any answer is tried once more on a fresh one if idempotent. */
    private HttpExchanger.Result sendFresh(OutgoingRequest request, Duration remaining) {
        if (remaining.isNegative() || remaining.isZero()) {
            return new HttpExchanger.Failed(new Failure(Outcome.TIMEOUT, "HEADERS_TIMEOUT", "no time left for "
                    + request.uri() + " within " + timeout.toMillis() + " ms", false), Duration.ZERO, true);
        }
        long start = System.nanoTime();
        HttpExchanger.Result result = send(request, remaining);
        if (result instanceof HttpExchanger.Failed failed && failed.beforeHeaders()
                && failed.failure().reasonCode().equals("RESET") && EndpointChecker.idempotent(endpoint)) {
            EndpointChecker.log().debug("Connection closed before an answer service={} endpoint={}; "
                    + "retrying once on a fresh connection", endpoint.id().service(), endpoint.id());
            return send(request, remaining.minus(since(start)));
        }
        return result;
    }

    private HttpExchanger.Result send(OutgoingRequest request, Duration remaining) {
        List<String> dropped = new ArrayList<>();
        var jdkRequest = request.toHttpRequest(remaining.plusSeconds(1), dropped);
        droppedHeaders.addAll(dropped);
        return checker.exchanger().exchange(client, jdkRequest, remaining, timeout, options.bodyLimit());
    }

    private Duration remaining(long start) {
        return timeout.minus(since(start));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private CheckResult conclude(Attempt last) {
        if (last.failure() != null) {
            return failed(last.failure(), last, last.latency());
        }
        HttpExchanger.Received received = last.received();
        if (last.tokenRejected()) {
            return failed(new Failure(Outcome.AUTH_ERROR, "TOKEN_REJECTED", "token rejected: status "
                    + received.status() + " again with a freshly fetched credential", false), last, last.latency());
        }
        Optional<Failure> statusFailure = judgeStatus(received);
        if (statusFailure.isPresent()) {
            return failed(statusFailure.get(), last, last.latency());
        }
        return judged(last, received);
    }

    private Optional<Failure> judgeStatus(HttpExchanger.Received received) {
        int status = received.status();
        Expectation expect = endpoint.expect();
        String note = Optional.ofNullable(endpoint.statusNotes().get(Integer.toString(status)))
                .map(text -> " (" + text + ")").orElse("");
        String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
        if (!expect.statuses().isEmpty()) {
            return expect.accepts(status) ? Optional.empty() : Optional.of(httpError(status, "status " + status
                    + note + ", expected " + expect.statuses() + tries));
        }
        if (options.failing(status)) {
            return Optional.of(httpError(status, "status " + status + note + tries));
        }
        if (status >= 300 && status < 400) {
            String target = Headers.first(received.headers(), "Location").orElse("(no Location)");
            return Optional.of(httpError(status, "redirect " + status + " to " + target + " is not expected; "
                    + "list it in expect.status or set follow_redirects: true"));
        }
        return Optional.empty();
    }

    private static Failure httpError(int status, String reason) {
        return new Failure(Outcome.HTTP_ERROR, "HTTP_" + status, reason, false);
    }

    private CheckResult judged(Attempt last, HttpExchanger.Received received) {
        String encoding = Headers.first(received.headers(), "Content-Encoding").orElse(null);
        String type = Headers.first(received.headers(), "Content-Type").orElse(null);
        BodyDecoder.Decoded decoded = BodyDecoder.decode(received.body(), encoding, type, options.bodyLimit());
        if (decoded.unsupportedEncoding() != null) {
            return failed(new Failure(Outcome.CONFIG_ERROR, "UNSUPPORTED_ENCODING", "the response uses "
                    + "Content-Encoding '" + decoded.unsupportedEncoding() + "', which ifmon cannot decode; ask only "
                    + "for gzip or deflate in the doc's Accept-Encoding header", false), last, last.latency());
        }
        if (decoded.corruption() != null) {
            return failed(bodyCorrupt(received, decoded), last, last.latency());
        }
        HttpResponseSnapshot response = new HttpResponseSnapshot(received.status(), received.headers(),
                decoded.text(), decoded.truncated(), received.body().totalBytes(), last.redirects());
        Masker shown = EndpointChecker.maskerFor(credential, masker);
        HttpRequestSnapshot request = shown.mask(last.request().snapshot());
        Exchange exchange = new Exchange(endpoint, request, response, last.latency(), attempts);
        Judgement judgement = checker.judge().judge(exchange, warnings(received, response));
        boolean failure = judgement.outcome().isFailure();
        return result(judgement.outcome(), judgement.reasonCode(), judgement.reason(), received.status(),
                last.latency(), failure ? request : null, failure ? shown.mask(response) : null,
                judgement.warnings());
    }

    private static Failure bodyCorrupt(HttpExchanger.Received received, BodyDecoder.Decoded decoded) {
        return new Failure(Outcome.HTTP_ERROR, "BODY_CORRUPT", "status " + received.status() + " but the body ("
                + received.body().totalBytes() + " bytes) cannot be decoded as its Content-Encoding says ("
                + decoded.corruption() + "); the server sent a broken response", false);
    }

    private List<String> warnings(HttpExchanger.Received received, HttpResponseSnapshot response) {
        List<String> warnings = new ArrayList<>(droppedHeaders);
        if (response.bodyTruncated()) {
            warnings.add(truncationNote(response, received.body().complete()));
        }
        certificateWarning(received.peerChain()).ifPresent(warnings::add);
        return warnings;
    }

    private String truncationNote(HttpResponseSnapshot response, boolean complete) {
        return "body truncated: kept the first " + options.bodyLimit() + " bytes of " + response.bodyBytes()
                + (complete ? "" : "+ (still arriving at the timeout)");
    }

    private Optional<String> certificateWarning(List<X509Certificate> chain) {
        if (chain.isEmpty() || options.certExpiryWarnDays() <= 0) {
            return Optional.empty();
        }
        Instant notAfter = chain.get(0).getNotAfter().toInstant();
        Instant now = checker.clock().instant();
        long days = Duration.between(now, notAfter).toDays();
        if (notAfter.isAfter(now.plus(Duration.ofDays(options.certExpiryWarnDays())))) {
            return Optional.empty();
        }
        return Optional.of("certificate of " + firstUri.getHost() + " expires on " + TlsDiagnosis.date(notAfter)
                + " (in " + days + " days; monitor.cert_expiry_warn_days: " + options.certExpiryWarnDays() + ")");
    }

    private CheckResult failed(Failure failure, Attempt last, Duration latency) {
        Masker shown = EndpointChecker.maskerFor(credential, masker);
        HttpRequestSnapshot request = last == null ? null : shown.mask(last.request().snapshot());
        HttpResponseSnapshot response = last == null || last.received() == null ? null
                : shown.mask(responseOf(last));
        Integer status = last == null || last.received() == null ? null : last.received().status();
        List<String> warnings = new ArrayList<>(droppedHeaders);
        if (response != null && response.bodyTruncated()) {
            warnings.add(truncationNote(response, last.received().body().complete()));
        }
        return result(failure.outcome(), failure.reasonCode(), failure.reason(), status, latency, request, response,
                warnings);
    }

    private HttpResponseSnapshot responseOf(Attempt last) {
        HttpExchanger.Received received = last.received();
        String type = Headers.first(received.headers(), "Content-Type").orElse(null);
        String encoding = Headers.first(received.headers(), "Content-Encoding").orElse(null);
        BodyDecoder.Decoded decoded = BodyDecoder.decode(received.body(), encoding, type, options.bodyLimit());
        String text = decoded.text();
        if (decoded.unsupportedEncoding() != null) {
            text = "(" + received.body().totalBytes() + " bytes in Content-Encoding " + decoded.unsupportedEncoding()
                    + ")";
        } else if (decoded.corruption() != null) {
            text = "(" + received.body().totalBytes() + " bytes that are not valid " + decoded.corruption() + ")";
        }
        return new HttpResponseSnapshot(received.status(), received.headers(), text, decoded.truncated(),
                received.body().totalBytes(), last.redirects());
    }

    /** The stored snapshot keeps bounded headers (already masked, so no secret is cut into an unknown shape). */
    private static HttpResponseSnapshot capHeaders(HttpResponseSnapshot response, List<String> notes) {
        HeaderCap.Capped capped = HeaderCap.cap(response.headers());
        if (capped.note().isEmpty()) {
            return response;
        }
        notes.add(capped.note().get());
        return new HttpResponseSnapshot(response.status(), capped.headers(), response.body(), response.bodyTruncated(),
                response.bodyBytes(), response.redirects());
    }

    CheckResult notChecked(String code, String reason) {
        return result(Outcome.NOT_CHECKED, code, reason, null, Duration.ZERO, null, null, List.of());
    }

    CheckResult configError(String code, String reason) {
        return result(Outcome.CONFIG_ERROR, code, reason, null, Duration.ZERO, null, null, List.of());
    }

    private CheckResult result(Outcome outcome, String code, String reason, Integer status, Duration latency,
            HttpRequestSnapshot request, HttpResponseSnapshot response, List<String> warnings) {
        Masker shown = EndpointChecker.maskerFor(credential, masker);
        String url = shown.maskUrl(firstUri == null ? endpoint.url() : firstUri.toString());
        List<String> notes = new ArrayList<>(warnings);
        HttpResponseSnapshot kept = response == null ? null : capHeaders(response, notes);
        CheckResult result = new CheckResult(endpoint.id(), endpoint.method(), url, outcome, code,
                shown.mask(reason), status, latency, Math.max(1, attempts), checker.clock().instant(), request,
                kept, notes.stream().map(shown::mask).toList());
        EndpointChecker.log().debug("Checked service={} module={} endpoint={} outcome={} status={} durationMs={} "
                + "attempts={}", endpoint.id().service(), endpoint.id().module(), endpoint.id().name(), outcome,
                status, latency.toMillis(), result.attempts());
        return result;
    }
}
