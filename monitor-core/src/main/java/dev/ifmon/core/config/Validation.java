package dev.ifmon.core.config;

import dev.ifmon.api.Catalog;
import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Severity;
import dev.ifmon.core.catalog.DirectoryEndpointSource;
import dev.ifmon.core.catalog.EndpointResolver;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cross-checks a loaded configuration against a catalog, for {@code ifmon validate} and for each round.
 * Stateless and thread-safe.
 *
 * <p>{@link #validate} returns only the problems that need both: it does not repeat
 * {@link MonitorConfig#problems()} or {@link Catalog#problems()}; {@link #all} returns those followed by the
 * cross-checks. The cross-checks:
 * <ul>
 *   <li>ERROR for each endpoint that would be checked but cannot be resolved: a variable without a value,
 *       or a relative URL in a service without {@code base_url} (see {@link EndpointResolver});</li>
 *   <li>WARNING once per service folder that {@code services} does not declare, when it declares any: its
 *       endpoints are still checked, without credentials or base URL;</li>
 *   <li>WARNING for each declared, enabled service without any endpoint in the catalog; when its folder holds
 *       docs that were skipped for errors, the warning counts them and names the place of each;</li>
 *   <li>WARNING when an endpoint's {@code expect.warn_latency} is not below its {@code expect.max_latency},
 *       or its {@code max_latency} is above its own {@code timeout};</li>
 *   <li>WARNING when {@code monitor.enabled} is false.</li>
 * </ul>
 * Endpoints that are disabled, or belong to a disabled service, are not resolved and raise nothing.
 */
public final class Validation {

    /** How many broken docs a "no endpoint to check" warning names before "and N more". */
    private static final int LISTED_DOCS = 5;

    private Validation() {
    }

    /**
     * @param config the loaded configuration
     * @param catalog the endpoints found
     * @return the cross-check problems, in a stable order
     */
    public static List<Problem> validate(MonitorConfig config, Catalog catalog) {
        List<Problem> problems = new ArrayList<>();
        if (!config.enabled()) {
            problems.add(Problem.warning(config.file().toString(), "monitor.enabled is false",
                    "no round runs until it is set to true"));
        }
        undeclaredServices(config, catalog, problems);
        servicesWithoutDocs(config, catalog, problems);
        for (EndpointDefinition endpoint : catalog.endpoints()) {
            if (isChecked(endpoint, config)) {
                EndpointResolver.Resolution resolution = EndpointResolver.resolve(endpoint, config);
                if (!resolution.ok()) {
                    problems.add(resolution.problem());
                }
                latencies(endpoint, problems);
            }
        }
        return problems;
    }

    /**
     * @param config the loaded configuration
     * @param catalog the endpoints found
     * @return the config's problems, then the catalog's, then {@link #validate}'s
     */
    public static List<Problem> all(MonitorConfig config, Catalog catalog) {
        List<Problem> problems = new ArrayList<>(config.problems());
        problems.addAll(catalog.problems());
        problems.addAll(validate(config, catalog));
        return problems;
    }

    /**
     * @param endpoint an endpoint
     * @param config the loaded configuration
     * @return whether a round checks it: the endpoint is enabled and its service is not disabled
     */
    public static boolean isChecked(EndpointDefinition endpoint, MonitorConfig config) {
        return endpoint.enabled() && config.service(endpoint.id().service()).map(ServiceConfig::enabled)
                .orElse(true);
    }

    private static void undeclaredServices(MonitorConfig config, Catalog catalog, List<Problem> problems) {
        if (config.services().isEmpty()) {
            return;
        }
        Map<String, EndpointDefinition> firstByService = new LinkedHashMap<>();
        catalog.endpoints().forEach(endpoint -> firstByService.putIfAbsent(endpoint.id().service(), endpoint));
        firstByService.forEach((service, first) -> {
            if (config.service(service).isEmpty()) {
                problems.add(new Problem(Severity.WARNING, first.source().file(), 0, 0, "the service folder '"
                        + service + "' is not declared under 'services' in " + config.file(), "declare it to give it"
                        + " a base_url or credentials; its endpoints are checked without them"));
            }
        });
    }

    private static void servicesWithoutDocs(MonitorConfig config, Catalog catalog, List<Problem> problems) {
        Set<String> withDocs = new LinkedHashSet<>();
        catalog.endpoints().forEach(endpoint -> withDocs.add(endpoint.id().service()));
        for (ServiceConfig service : config.services()) {
            if (service.enabled() && !withDocs.contains(service.name())) {
                problems.add(withoutEndpoints(config, service.name(), brokenDocs(config, catalog, service.name())));
            }
        }
    }

    private static Problem withoutEndpoints(MonitorConfig config, String service, List<String> brokenDocs) {
        if (brokenDocs.isEmpty()) {
            return Problem.warning(config.file().toString(), "the service '" + service + "' has no endpoint docs"
                    + " in the catalog", "add docs under <root>/" + service + "/<module>/, or set enabled: false");
        }
        return Problem.warning(config.file().toString(), "the service '" + service + "' has no endpoint to check:"
                + " its " + brokenDocs.size() + (brokenDocs.size() == 1 ? " doc has" : " docs have") + " errors ("
                + shortList(brokenDocs) + ")", "fix the errors reported at those places; its endpoints"
                + " are not checked until then");
    }

    /** @return the first {@value #LISTED_DOCS} places, then "and N more" */
    private static String shortList(List<String> places) {
        if (places.size() <= LISTED_DOCS) {
            return String.join(", ", places);
        }
        return String.join(", ", places.subList(0, LISTED_DOCS)) + " and " + (places.size() - LISTED_DOCS) + " more";
    }

    /** @return {@code file:line} of the first error of each doc in the service's catalog folder, in order */
    private static List<String> brokenDocs(MonitorConfig config, Catalog catalog, String service) {
        Path base = config.baseDirectory().toAbsolutePath().normalize();
        Path folder = base.resolve(config.docs().string("root_path", DirectoryEndpointSource.DEFAULT_ROOT))
                .resolve(service).normalize();
        Map<String, String> firstByFile = new LinkedHashMap<>();
        for (Problem problem : catalog.problems()) {
            if (problem.isError() && inFolder(base, problem.source(), folder)) {
                firstByFile.putIfAbsent(problem.source(), problem.line() > 0 ? problem.source() + ":"
                        + problem.line() : problem.source());
            }
        }
        return List.copyOf(firstByFile.values());
    }

    private static boolean inFolder(Path base, String source, Path folder) {
        try {
            return base.resolve(source).normalize().startsWith(folder);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static void latencies(EndpointDefinition endpoint, List<Problem> problems) {
        var expect = endpoint.expect();
        if (expect.warnLatency() != null && expect.maxLatency() != null
                && expect.warnLatency().compareTo(expect.maxLatency()) >= 0) {
            problems.add(new Problem(Severity.WARNING, endpoint.source().file(), endpoint.source().line(), 0,
                    "'" + endpoint.id() + "' has warn_latency " + expect.warnLatency().toMillis() + "ms, not below"
                            + " max_latency " + expect.maxLatency().toMillis() + "ms", "lower warn_latency"));
        }
        if (expect.maxLatency() != null && endpoint.timeout() != null
                && expect.maxLatency().compareTo(endpoint.timeout()) > 0) {
            problems.add(new Problem(Severity.WARNING, endpoint.source().file(), endpoint.source().line(), 0,
                    "'" + endpoint.id() + "' has max_latency above its timeout", "raise timeout or lower"
                            + " max_latency"));
        }
    }
}
