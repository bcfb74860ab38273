package dev.ifmon.core.auth;

import dev.ifmon.api.AuthContext;
import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Credential;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.core.auth.internal.SecretValues;
import dev.ifmon.core.auth.internal.SettingsCheck;
import dev.ifmon.core.config.ServiceConfig;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands each service its {@link ServiceCredentials}: one cached instance per service name and {@code auth}
 * block, kept across rounds, replaced when a config reload changes the block.
 *
 * <p><b>Caching and refresh.</b> Credentials live in memory only. One with a known expiry is refreshed
 * {@link #skew} before it expires: 10% of its lifetime, at most {@link #MAX_SKEW}. A refresh that fails while
 * the old credential is still valid keeps the old one. One whose expiry is unknown is kept until an endpoint
 * rejects it. Concurrent callers that find no valid credential cause exactly one call of the authenticator,
 * on a virtual thread; they wait for it at most the timeout plus {@link #WAIT_GRACE}.
 *
 * <p><b>Failures.</b> A failed fetch is remembered for {@link #FAILURE_MEMORY}: callers in that time get the
 * same reason without a new call, so N endpoints never cause N calls. Anything an authenticator throws
 * becomes an {@link AuthenticationException} naming its type, with known secret values masked.
 *
 * <p><b>Rejections.</b> {@link ServiceCredentials#renewAfterRejection} invalidates the rejected credential
 * and fetches once for all callers that rejected it. A credential that was itself fetched because of a
 * rejection is not replaced again within {@link #REJECTION_MEMORY}: the caller gets the same instance back
 * ({@code renewed == rejected}) and should report "token rejected" rather than retry.
 *
 * <p>Thread-safe.
 */
public final class CredentialManager {

    /** The most a credential is refreshed before it expires. */
    public static final Duration MAX_SKEW = Duration.ofSeconds(30);
    /**
     * The longest a credential is kept before it is fetched again, whatever expiry it gives: an expiry further
     * away (an absurd {@code expires_in} such as {@code 1e300}) is logged as a warning and capped to this.
     */
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);
    /** How long a failed fetch is reported again without a new call: shorter than any sensible round interval. */
    public static final Duration FAILURE_MEMORY = Duration.ofSeconds(20);
    /** How long a credential fetched after a rejection is not replaced because of another rejection. */
    public static final Duration REJECTION_MEMORY = Duration.ofSeconds(20);
    /** How much longer than the timeout callers wait for a fetch, so the fetch can report its own timeout. */
    public static final Duration WAIT_GRACE = Duration.ofSeconds(1);
    /** The statuses that mean an endpoint rejected the credential when {@code rejected_statuses} is not set. */
    public static final Set<Integer> DEFAULT_REJECTED_STATUSES = Set.of(401);

    private final Map<String, Authenticator> authenticators;
    private final HttpClient httpClient;
    private final Clock clock;
    private final Duration timeout;
    private final ConcurrentMap<String, Holder> byService = new ConcurrentHashMap<>();

    /**
     * @param authenticators the authenticators by type: built-ins and plug-ins
     * @param httpClient the shared client token requests go through; not closed here
     * @param clock the clock expiry is computed with
     * @param timeout the time allowed for one token request
     */
    public CredentialManager(Map<String, Authenticator> authenticators, HttpClient httpClient, Clock clock,
            Duration timeout) {
        this.authenticators = Map.copyOf(authenticators);
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * @param service a service with its environment applied
     * @return {@link ServiceCredentials#NONE} when the service has no authentication; otherwise the same
     *     instance for as long as the service's name and {@code auth} block stay the same
     */
    public ServiceCredentials forService(ServiceConfig service) {
        if (!service.hasAuth()) {
            byService.remove(service.name());
            return ServiceCredentials.NONE;
        }
        return byService.compute(service.name(), (name, held) ->
                held != null && held.settings().equals(service.auth()) ? held : create(service)).credentials();
    }

    /**
     * Checks a service's {@code auth} block: a known type (with a did-you-mean for a typo), then what its
     * authenticator finds. Problems name {@code config.yaml: services[NAME].auth} and quote no secret.
     *
     * @param service the service
     * @return the problems, empty when none or when the service has no authentication
     */
    public List<Problem> validate(ServiceConfig service) {
        if (!service.hasAuth()) {
            return List.of();
        }
        Settings auth = Settings.of(source(service), service.auth().asMap());
        Optional<String> type = type(auth);
        if (type.isEmpty() || !authenticators.containsKey(type.get())) {
            return List.of(typeProblem(auth, type));
        }
        List<Problem> problems = new ArrayList<>(rejectedStatusProblems(auth));
        problems.addAll(authenticatorProblems(type.get(), auth));
        return List.copyOf(problems);
    }

    /**
     * @param service a service
     * @return the statuses that mean an endpoint rejected its credential: {@code auth.rejected_statuses},
     *     401 by default; empty when the service has no authentication
     */
    public Set<Integer> rejectedStatuses(ServiceConfig service) {
        if (!service.hasAuth()) {
            return Set.of();
        }
        Set<Integer> statuses = new LinkedHashSet<>();
        for (String status : service.auth().strings("rejected_statuses")) {
            parseStatus(status).ifPresent(statuses::add);
        }
        return statuses.isEmpty() ? DEFAULT_REJECTED_STATUSES : Set.copyOf(statuses);
    }

    /**
     * How long before its expiry a credential is refreshed: 10% of its lifetime, at most {@link #MAX_SKEW}.
     *
     * @param fetchedAt when it was obtained
     * @param expiresAt when it expires
     * @return the margin
     */
    public static Duration skew(Instant fetchedAt, Instant expiresAt) {
        Duration tenth = Duration.between(fetchedAt, expiresAt).dividedBy(10);
        return tenth.compareTo(MAX_SKEW) > 0 ? MAX_SKEW : tenth;
    }

    private Holder create(ServiceConfig service) {
        Settings auth = service.auth();
        Optional<String> type = type(auth);
        if (type.isEmpty() || !authenticators.containsKey(type.get())) {
            Problem problem = typeProblem(Settings.of(source(service), auth.asMap()), type);
            return new Holder(auth, new Unavailable(problem.message() + " (" + problem.hint() + ")"));
        }
        AuthContext context = new Context(service.name(), auth, httpClient, timeout, clock);
        return new Holder(auth, new SharedServiceCredentials(type.get(), authenticators.get(type.get()), context,
                timeout.plus(WAIT_GRACE), SecretValues.of(auth)));
    }

    private List<Problem> authenticatorProblems(String type, Settings auth) {
        try {
            return authenticators.get(type).validate(auth);
        } catch (RuntimeException | LinkageError e) {
            return List.of(Problem.error(auth.origin(), "authenticator '" + type + "' failed to check the block: "
                    + e.getClass().getName(), "report this to the plug-in's authors; the service is still tried"));
        }
    }

    private List<Problem> rejectedStatusProblems(Settings auth) {
        return auth.strings("rejected_statuses").stream().filter(status -> parseStatus(status).isEmpty())
                .map(status -> Problem.error(auth.origin(), "'rejected_statuses' has '" + status
                        + "', not an HTTP status from 400 to 599", "write e.g. rejected_statuses: [401, 403]"))
                .toList();
    }

    private static Optional<Integer> parseStatus(String status) {
        try {
            int value = Integer.parseInt(status.trim());
            return value >= 400 && value <= 599 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Problem typeProblem(Settings auth, Optional<String> type) {
        String known = String.join(", ", new TreeMap<>(authenticators).keySet());
        if (type.isEmpty()) {
            return Problem.error(auth.origin(), "'type' is missing", "set type to one of: " + known);
        }
        String hint = SettingsCheck.didYouMean(type.get(), authenticators.keySet())
                .map(match -> "did you mean '" + match + "'? Known types: " + known)
                .orElse("known types: " + known + "; others come from Authenticator plug-ins");
        return Problem.error(auth.origin(), "unknown auth type '" + type.get() + "'", hint);
    }

    private static Optional<String> type(Settings auth) {
        try {
            return auth.string("type").map(String::strip).filter(type -> !type.isEmpty());
        } catch (IfmonException e) {
            return Optional.empty();
        }
    }

    private static String source(ServiceConfig service) {
        String file = service.authLocation().file();
        return (file.isEmpty() ? "config.yaml" : file) + ": services[" + service.name() + "].auth";
    }

    /** The credentials handed out for one service and the block they were made from. */
    private record Holder(Settings settings, ServiceCredentials credentials) {
    }

    /** The context handed to authenticators. */
    private record Context(String service, Settings settings, HttpClient httpClient, Duration timeout, Clock clock)
            implements AuthContext {
    }

    /** Credentials of a service whose {@code auth} block names no known authenticator. */
    private record Unavailable(String reason) implements ServiceCredentials {

        @Override
        public Optional<Credential> current() {
            throw new AuthenticationException(reason);
        }

        @Override
        public Optional<Credential> renewAfterRejection(Credential rejected) {
            throw new AuthenticationException(reason);
        }
    }
}
