package dev.ifmon.core.check;

import dev.ifmon.api.AuthMode;
import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.Check;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Credential;
import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.api.Severity;
import dev.ifmon.core.auth.ServiceCredentials;
import dev.ifmon.core.config.ServiceConfig;
import dev.ifmon.core.http.Failure;
import dev.ifmon.core.http.HttpClientPool;
import dev.ifmon.core.http.HttpExchanger;
import dev.ifmon.core.http.OutgoingRequest;
import dev.ifmon.core.http.PeerCertificates;
import dev.ifmon.core.http.TlsContexts;
import dev.ifmon.core.http.TlsSetting;
import dev.ifmon.core.mask.Masker;
import dev.ifmon.core.time.Sleeper;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one endpoint: sends its request (with the service's credentials), retries transient faults,
 * follows redirects when asked, runs the {@code expect} and plug-in checks, and classifies the result.
 *
 * <p><b>Contract:</b> {@link #check} never throws for an endpoint's failure; every failure is a
 * {@link CheckResult} with an {@link Outcome} and a stable reason code. Failed results carry the request and
 * response, masked with the given {@link Masker} and the credential's secrets.
 *
 * <p><b>Threads:</b> the round orchestrator calls {@link #check} from many virtual threads at once; this
 * class is thread-safe. It owns one shared HTTP client per TLS setting; {@link #close()} releases them.
 *
 * <p><b>DNS:</b> loading this class caps the JVM's DNS cache at 30 s for answers and 10 s for failures
 * ({@code networkaddress.cache.ttl}, {@code networkaddress.cache.negative.ttl}) unless they are already set
 * at or below 60 s and 10 s. Known limitation: if the JVM resolved a name before this class loaded, the
 * JDK keeps the policy it read then.
 */
public final class EndpointChecker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointChecker.class);
    /** The most extra attempts any endpoint gets, whatever its doc says. */
    public static final int MAX_RETRIES = 10;
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    static {
        configureDnsCache();
    }

    private final EngineOptions options;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ResponseJudge judge;
    private final HttpClientPool clients;
    private final HttpExchanger exchanger;
    private final Map<String, Bulkhead> bulkheads = new ConcurrentHashMap<>();

    /**
     * @param options the engine settings
     * @param pluginChecks plug-in checks by {@link Check#type()}
     * @param clock the clock for result times and certificate dates
     * @param sleeper waits between retries
     */
    public EndpointChecker(EngineOptions options, Map<String, Check> pluginChecks, Clock clock, Sleeper sleeper) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.judge = new ResponseJudge(pluginChecks);
        this.clients = new HttpClientPool(options.http2(), options.timeout());
        this.exchanger = new HttpExchanger(new PeerCertificates(clock), clock);
    }

    /**
     * Finds headers of an endpoint that the HTTP client cannot send; they are dropped when checking.
     *
     * @param endpoint the endpoint
     * @return one warning per such header, naming the endpoint's file
     */
    public static List<Problem> validateHeaders(EndpointDefinition endpoint) {
        List<Problem> problems = new ArrayList<>();
        for (String name : endpoint.headers().keySet()) {
            String refusal = OutgoingRequest.refusal(name);
            if (refusal != null) {
                problems.add(new Problem(Severity.WARNING, endpoint.source().file(),
                        endpoint.source().line(), 0, refusal, "remove it from the endpoint doc's headers"));
            }
        }
        return problems;
    }

    /**
     * Checks a service's engine keys: {@code retries} and {@code tls} (the CA file must exist and hold PEM
     * certificates).
     *
     * @param service the service
     * @param baseDirectory the folder a relative {@code tls.ca} resolves against: the config file's folder
     * @return the problems found, each naming the service, the key and the value
     */
    public static List<Problem> validateService(ServiceConfig service, Path baseDirectory) {
        List<Problem> problems = new ArrayList<>();
        String origin = service.settings().origin();
        try {
            int retries = service.settings().integer("retries", 0);
            if (retries < 0 || retries > MAX_RETRIES) {
                problems.add(Problem.error(origin, "'retries' must lie within 0.." + MAX_RETRIES + ", but is "
                        + retries, "it is clamped to that range"));
            }
        } catch (IfmonException e) {
            problems.add(Problem.error(origin, e.getMessage(), "the monitor's retries are used"));
        }
        try {
            TlsSetting tls = tlsSetting(service, baseDirectory);
            if (tls.caFile() != null) {
                TlsContexts.create(tls);
            }
        } catch (IfmonException e) {
            problems.add(Problem.error(origin, e.getMessage(), "write tls: {ca: file.pem} or tls: {insecure: true}"));
        } catch (IOException | GeneralSecurityException e) {
            problems.add(Problem.error(origin, "tls.ca cannot be used: " + e.getMessage(),
                    "point tls.ca at a PEM file of CA certificates; the service's endpoints give CONFIG_ERROR"));
        }
        return problems;
    }

    /**
     * Reads a service's TLS keys: {@code tls: {ca: path.pem, insecure: false}}.
     *
     * @param service the service
     * @param baseDirectory the folder a relative {@code ca} path resolves against
     * @return the TLS setting
     * @throws IfmonException when the block is malformed
     */
    public static TlsSetting tlsSetting(ServiceConfig service, Path baseDirectory) {
        Settings tls = service.settings().nested("tls");
        boolean insecure = tls.bool("insecure", false);
        String ca = tls.string("ca", "");
        return insecure ? new TlsSetting(null, true)
                : ca.isBlank() ? TlsSetting.DEFAULT : new TlsSetting(baseDirectory.resolve(ca).normalize(), false);
    }

    /**
     * Checks one endpoint.
     *
     * @param endpoint the endpoint, variables resolved, URL absolute
     * @param service its service
     * @param credentials the service's credentials ({@link ServiceCredentials#NONE} without auth)
     * @param masker hides secrets in what the result shows
     * @return the result; never {@code null}
     */
    public CheckResult check(EndpointDefinition endpoint, ServiceConfig service, ServiceCredentials credentials,
            Masker masker) {
        CheckRun run = new CheckRun(this, endpoint, service, credentials, masker);
        try {
            return run.execute();
        } catch (IfmonException | IllegalArgumentException e) {
            return run.configError("INVALID_REQUEST", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Engine failed on service={} endpoint={}: {}; reporting it as not checked",
                    endpoint.id().service(), endpoint.id(), e.toString());
            return run.notChecked("ENGINE_ERROR", "the check engine failed: " + e);
        }
    }

    EngineOptions options() {
        return options;
    }

    Clock clock() {
        return clock;
    }

    ResponseJudge judge() {
        return judge;
    }

    HttpExchanger exchanger() {
        return exchanger;
    }

    HttpClient client(TlsSetting setting) throws IOException, GeneralSecurityException {
        return clients.client(setting);
    }

    /**
     * @param host the host
     * @return the per-host bulkhead, or {@code null} when there is no per-host limit
     */
    Bulkhead bulkhead(String host) {
        if (options.perHostConcurrency() <= 0) {
            return null;
        }
        return bulkheads.computeIfAbsent(host.toLowerCase(Locale.ROOT), key -> Bulkhead.of("host-" + key,
                BulkheadConfig.custom().maxConcurrentCalls(options.perHostConcurrency())
                        .maxWaitDuration(options.perHostWait()).build()));
    }

    /**
     * Runs the attempts under resilience4j-retry: at most {@code 1 + retries}, again only while the attempt's
     * fault is transient, waiting an exponential back-off with jitter through the injected {@link Sleeper}.
     */
    Attempt retrying(String name, int retries, Supplier<Attempt> attempt) {
        IntervalFunction backoff = options.retryBackoff().isZero() ? IntervalFunction.of(1)
                : IntervalFunction.ofExponentialRandomBackoff(options.retryBackoff(), 2.0, 0.5,
                        options.retryBackoffMax());
        RetryConfig config = RetryConfig.<Attempt>custom()
                .maxAttempts(1 + retries)
                .retryOnResult(Attempt::transientFault)
                .retryOnException(error -> false)
                .failAfterMaxAttempts(false)
                .intervalBiFunction((number, result) -> sleepThrough(options.retryBackoff().isZero() ? 0
                        : backoff.apply(number)))
                .build();
        return Retry.decorateSupplier(Retry.of(name, config), attempt).get();
    }

    private long sleepThrough(long millis) {
        try {
            sleeper.sleep(Duration.ofMillis(millis));
            return 0L;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1L;
        }
    }

    /**
     * @param endpoint the endpoint
     * @param service its service
     * @return how many extra attempts transient faults get: the endpoint's, else the service's, else the
     *     monitor's, at most {@value #MAX_RETRIES}; 0 for POST, PUT and PATCH unless the doc marks them
     *     idempotent
     */
    int retriesFor(EndpointDefinition endpoint, ServiceConfig service) {
        if (!idempotent(endpoint)) {
            return 0;
        }
        int retries = endpoint.retries() != null ? endpoint.retries()
                : service.settings().integer("retries", options.retries());
        return Math.clamp(retries, 0, MAX_RETRIES);
    }

    /**
     * @param endpoint the endpoint
     * @return whether its request may be sent twice
     */
    static boolean idempotent(EndpointDefinition endpoint) {
        if (BODY_METHODS.contains(endpoint.method())) {
            return Boolean.TRUE.equals(endpoint.idempotent());
        }
        return !Boolean.FALSE.equals(endpoint.idempotent());
    }

    /**
     * @param credential the credential sent, or {@code null}
     * @param masker the caller's masker
     * @return a masker that also hides the credential's values, with and without a {@code Bearer} prefix
     */
    static Masker maskerFor(Credential credential, Masker masker) {
        if (credential == null) {
            return masker;
        }
        Set<String> secrets = new HashSet<>(credential.secrets());
        for (String value : credential.headers().values()) {
            secrets.add(value);
            secrets.add(value.replaceFirst("(?i)^\\s*(bearer|basic|token)\\s+", ""));
        }
        secrets.addAll(credential.query().values());
        return masker.withSecrets(secrets);
    }

    static Credential currentCredential(EndpointDefinition endpoint, ServiceCredentials credentials) {
        if (endpoint.auth() != AuthMode.INHERIT) {
            return null;
        }
        return credentials.current().orElse(null);
    }

    /** Shuts down the shared HTTP clients; safe to call twice. */
    @Override
    public void close() {
        clients.close();
    }

    static Failure authFailure(RuntimeException e) {
        if (!(e instanceof AuthenticationException)) {
            return new Failure(Outcome.AUTH_ERROR, "AUTH", "the authenticator failed with " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), false);
        }
        return new Failure(Outcome.AUTH_ERROR, "AUTH", e.getMessage() == null ? "authentication failed"
                : e.getMessage(), false);
    }

    static Logger log() {
        return LOG;
    }

    private static void configureDnsCache() {
        cap("networkaddress.cache.ttl", 60, 30);
        cap("networkaddress.cache.negative.ttl", 10, 10);
    }

    private static void cap(String key, int max, int value) {
        try {
            String current = Security.getProperty(key);
            int seconds = current == null ? -1 : Integer.parseInt(current.trim());
            if (seconds < 0 || seconds > max) {
                Security.setProperty(key, Integer.toString(value));
            }
        } catch (NumberFormatException | SecurityException e) {
            Security.setProperty(key, Integer.toString(value));
        }
    }

    /** @return the engine's options; for the round orchestrator's messages */
    public EngineOptions engineOptions() {
        return options;
    }
}
