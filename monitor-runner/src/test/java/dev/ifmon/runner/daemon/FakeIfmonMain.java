package dev.ifmon.runner.daemon;

import dev.ifmon.api.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Test stand-in for the CLI, started by the scripts through {@code IFMON_MAIN_CLASS}: {@code run} runs a real
 * {@link Daemon} whose round writes a small report to {@code last-round.json}; {@code validate} fails when the
 * distribution holds {@code lib/validate-fails.marker}. {@code run --stubborn} ignores SIGTERM.
 */
public final class FakeIfmonMain {

    private FakeIfmonMain() {
    }

    public static void main(String[] args) throws IOException {
        List<String> arguments = List.of(args);
        Path home = Path.of(System.getProperty("ifmon.home"));
        Path config = Path.of(arguments.get(arguments.indexOf("--config") + 1));
        if (arguments.get(0).equals("validate")) {
            System.exit(validate(home, config));
        }
        Path data = RunnerPaths.system().dataDir(null, config.toAbsolutePath().getParent());
        boolean stubborn = arguments.contains("--stubborn");
        Daemon daemon = Daemon.builder(stop -> round(data), data).interval(Duration.ofHours(1))
                .handleSignals(!stubborn).build();
        if (stubborn) {
            TerminationSignals.handle("TERM", name -> System.out.println("ignoring SIGTERM"));
        }
        System.out.println("RUNNING config=" + config);
        System.exit(daemon.run());
    }

    private static int validate(Path home, Path config) {
        if (Files.exists(home.resolve("lib/validate-fails.marker"))) {
            System.err.println(config + ": unknown key 'monitor.intervall' (test marker)");
            return 2;
        }
        System.out.println(Files.isRegularFile(config) ? "config OK" : "config not found");
        return Files.isRegularFile(config) ? 0 : 2;
    }

    private static RoundSummary round(Path data) throws IOException {
        OffsetDateTime started = OffsetDateTime.parse("2026-12-04T16:00:00+08:00");
        new LastRoundFile(data).write("{\n  \"startedAt\": \"" + started + "\",\n  \"finishedAt\": \""
                + started.plusSeconds(2) + "\",\n  \"summary\": { \"total\": 3, \"OK\": 2, \"HTTP_ERROR\": 1 },\n"
                + "  \"results\": [ { \"service\": \"user\", \"name\": \"用户登录\","
                + " \"outcome\": \"HTTP_ERROR\" } ]\n}\n");
        return new RoundSummary(Map.of(Outcome.OK, 2, Outcome.HTTP_ERROR, 1));
    }
}
