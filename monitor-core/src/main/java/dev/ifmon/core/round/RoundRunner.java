package dev.ifmon.core.round;

import dev.ifmon.api.AuthMode;
import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.Catalog;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.EndpointSource;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RoundReport;
import dev.ifmon.api.Settings;
import dev.ifmon.api.SourceContext;
import dev.ifmon.core.auth.CredentialManager;
import dev.ifmon.core.auth.ServiceCredentials;
import dev.ifmon.core.catalog.EndpointResolver;
import dev.ifmon.core.check.EndpointChecker;
import dev.ifmon.core.config.MonitorConfig;
import dev.ifmon.core.config.ServiceConfig;
import dev.ifmon.core.config.Validation;
import dev.ifmon.core.mask.Masker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one monitoring round for a loaded configuration: reads the catalog, resolves each endpoint,
 * authenticates each service once, checks every enabled endpoint with bounded concurrency in module order,
 * and assembles the {@link RoundReport}. Rounds must not overlap; callers serialise them.
 */
public final class RoundRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RoundRunner.class);
    /** The module name of a service-level result, e.g. a failed token fetch. */
    public static final String SERVICE_MODULE = EndpointId.SERVICE_MODULE;
    /** The endpoint name of a service-level authentication result. */
    public static final String AUTH_NAME = EndpointId.AUTH_NAME;

    private final Map<String, EndpointSource> sources;
    private final EndpointChecker checker;
    private final CredentialManager credentials;
    private final Clock clock;

    /**
     * @param sources endpoint sources by type
     * @param checker the check engine
     * @param credentials the credential cache, kept across rounds
     * @param clock the clock for timestamps
     */
    public RoundRunner(Map<String, EndpointSource> sources, EndpointChecker checker, CredentialManager credentials,
            Clock clock) {
        this.sources = Map.copyOf(sources);
        this.checker = checker;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * Reads the catalog of a configuration, with every problem found in it.
     *
     * @param config the configuration
     * @return the catalog; never {@code null}
     */
    public Catalog loadCatalog(MonitorConfig config) {
        String type = config.docs().string("type", "directory");
        EndpointSource source = sources.get(type);
        String origin = config.file().getFileName() + ": interface_docs.type";
        if (source == null) {
            return new Catalog(List.of(), List.of(Problem.error(origin, "no endpoint source of type '" + type
                    + "' is installed (installed: " + sources.keySet() + ")",
                    "use 'directory', or put the plug-in jar that provides it into the plugins folder")));
        }
        try {
            return source.load(context(config));
        } catch (RuntimeException e) {
            return new Catalog(List.of(), List.of(Problem.error(origin, "endpoint source '" + type + "' ("
                    + source.getClass().getName() + ") failed: " + e, "no endpoints from it this round")));
        }
    }

    /**
     * Runs one round.
     *
     * @param config the configuration in force
     * @param zone the zone timestamps are given in
     * @param extraProblems problems found before the round (configuration warnings, plug-ins)
     * @return the report
     * @throws InterruptedException when the round is interrupted (shutdown)
     */
    public RoundReport run(MonitorConfig config, ZoneId zone, List<Problem> extraProblems)
            throws InterruptedException {
        OffsetDateTime startedAt = OffsetDateTime.now(clock.withZone(zone));
        List<Problem> problems = new ArrayList<>(extraProblems);
        List<EndpointDefinition> endpoints = endpoints(config, problems);
        Masker masker = Masker.of(config.resolver().secretValues());
        Map<String, CheckResult> authFailures = authenticate(config, endpoints, masker);

        List<CheckResult> results = new ArrayList<>(authFailures.values());
        results.addAll(ConcurrentChecks.run(endpoints, config.concurrency(),
                endpoint -> checkOne(config, endpoint, authFailures, masker)));
        OffsetDateTime finishedAt = OffsetDateTime.now(clock.withZone(zone));
        RoundReport report = new RoundReport(config.environment(), startedAt, finishedAt, results, problems);
        report.failures().forEach(failure -> logFailure(failure, masker));
        LOG.debug("Round finished: endpoints={} durationMs={}", results.size(),
                Duration.between(startedAt, finishedAt).toMillis());
        return report;
    }

    /** The operation log's one WARN per failing endpoint and round; URL and reason are masked. */
    private static void logFailure(CheckResult failure, Masker masker) {
        LOG.warn("endpoint={} failed outcome={} status={} reasonCode={} reason=\"{}\" request=\"{} {}\" latencyMs={}"
                + " attempts={}; alerting decides whether to notify", failure.id(), failure.outcome(),
                failure.status() == null ? "-" : failure.status(), failure.reasonCode(),
                masker.mask(failure.reason()), failure.method(), masker.mask(failure.url()),
                failure.latency() == null ? "-" : failure.latency().toMillis(), failure.attempts());
    }

    /**
     * Reads the catalog and resolves the endpoints a round checks. The raw catalog is dropped on return, so
     * a large catalog is not held twice while the checks run.
     */
    private List<EndpointDefinition> endpoints(MonitorConfig config, List<Problem> problems) {
        Catalog catalog = loadCatalog(config);
        problems.addAll(catalog.problems());
        problems.addAll(Validation.validate(config, catalog));
        return selectAndResolve(config, catalog);
    }

    /** Resolves the endpoints a round checks; {@link Validation} has already reported the ones that fail. */
    private List<EndpointDefinition> selectAndResolve(MonitorConfig config, Catalog catalog) {
        List<EndpointDefinition> selected = new ArrayList<>();
        for (EndpointDefinition raw : catalog.endpoints()) {
            if (Validation.isChecked(raw, config)) {
                EndpointResolver.Resolution resolution = EndpointResolver.resolve(raw, config);
                if (resolution.ok()) {
                    selected.add(resolution.endpoint());
                }
            }
        }
        selected.sort(Comparator.comparing((EndpointDefinition e) -> e.id().service())
                .thenComparing(e -> e.id().module()));
        return selected;
    }

    private Map<String, CheckResult> authenticate(MonitorConfig config, List<EndpointDefinition> endpoints,
            Masker masker) {
        Map<String, CheckResult> failures = new LinkedHashMap<>();
        Set<String> services = new java.util.LinkedHashSet<>();
        endpoints.stream().filter(e -> e.auth() == AuthMode.INHERIT).forEach(e -> services.add(e.id().service()));
        for (String name : services) {
            ServiceConfig service = config.service(name).orElse(null);
            if (service == null || !service.hasAuth()) {
                continue;
            }
            long start = System.nanoTime();
            try {
                credentials.forService(service).current();
            } catch (RuntimeException e) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                String reason = masker.mask(reasonOf(e));
                LOG.warn("Authentication failed: service={} reason=\"{}\"; its endpoints are not checked this round",
                        name, reason);
                failures.put(name, authFailure(service, reason, took));
            }
        }
        return failures;
    }

    private static String reasonOf(RuntimeException e) {
        if (e instanceof AuthenticationException) {
            return e.getMessage();
        }
        return "authenticator failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private CheckResult authFailure(ServiceConfig service, String reason, Duration took) {
        Settings auth = service.auth();
        String url = auth.string("url", auth.string("token_url", ""));
        return new CheckResult(EndpointId.serviceAuth(service.name()),
                auth.string("method", "POST"), Masker.none().maskUrl(url), Outcome.AUTH_ERROR, "AUTH_FAILED",
                reason, null, took, 1, clock.instant(), null, null, List.of());
    }

    private CheckResult checkOne(MonitorConfig config, EndpointDefinition endpoint,
            Map<String, CheckResult> authFailures, Masker masker) {
        String service = endpoint.id().service();
        if (endpoint.auth() == AuthMode.INHERIT && authFailures.containsKey(service)) {
            return new CheckResult(endpoint.id(), endpoint.method(), masker.maskUrl(endpoint.url()),
                    Outcome.NOT_CHECKED, "AUTH_FAILED", "not checked: authentication of service '" + service
                    + "' failed", null, Duration.ZERO, 0, clock.instant(), null, null, List.of());
        }
        ServiceConfig serviceConfig = config.service(service)
                .orElseGet(() -> new ServiceConfig(service, "", true, "", Settings.empty(), Settings.empty()));
        ServiceCredentials serviceCredentials = endpoint.auth() == AuthMode.NONE
                ? ServiceCredentials.NONE : credentials.forService(serviceConfig);
        return checker.check(endpoint, serviceConfig, serviceCredentials, masker);
    }

    private SourceContext context(MonitorConfig config) {
        Settings settings = config.docs();
        Path base = config.baseDirectory();
        String environment = config.environment();
        return new SourceContext() {
            @Override
            public Settings settings() {
                return settings;
            }

            @Override
            public Path baseDirectory() {
                return base;
            }

            @Override
            public String environment() {
                return environment;
            }
        };
    }
}
