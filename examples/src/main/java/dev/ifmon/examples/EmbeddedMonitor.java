package dev.ifmon.examples;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.RoundReport;
import dev.ifmon.core.Monitor;
import dev.ifmon.core.RoundOutcome;
import java.nio.file.Path;

/**
 * Embedding ifmon in an existing Java application: run one round over a {@code config.yaml} and act on the
 * report. README's embedding section shows this class.
 */
public final class EmbeddedMonitor {

    private EmbeddedMonitor() {
    }

    /**
     * Runs one round and prints each failing endpoint and each problem found in config or catalog.
     *
     * @param args the path of {@code config.yaml}
     */
    public static void main(String[] args) {
        Path config = Path.of(args.length > 0 ? args[0] : "config.yaml");
        System.exit(runOnce(config));
    }

    /**
     * @param config the path of {@code config.yaml}
     * @return 0 when every endpoint is fine, 1 when some failed
     */
    public static int runOnce(Path config) {
        try (Monitor monitor = Monitor.builder()
                .config(config)
                .onReport(report -> System.out.println(summary(report)))
                .build()) {
            RoundOutcome outcome = monitor.runOnce();
            for (CheckResult failure : outcome.report().failures()) {
                System.out.printf("%s %s %s -> %s %s%n", failure.id(), failure.method(), failure.url(),
                        failure.outcome(), failure.reason());
            }
            // Mistakes in config or catalog (a typo, an unknown check type) are not endpoint failures; show them.
            outcome.report().results().stream().filter(result -> result.outcome() == Outcome.CONFIG_ERROR)
                    .forEach(result -> System.out.printf("config error: %s %s %s%n", result.id(),
                            result.reasonCode(), result.reason()));
            outcome.report().problems().forEach(problem -> System.out.println(problem.format()));
            return outcome.report().hasFailures() ? 1 : 0;
        }
    }

    private static String summary(RoundReport report) {
        return "round at " + report.startedAt() + ": " + report.results().size() + " endpoints, "
                + report.failures().size() + " failing";
    }
}
