package dev.ifmon.runner.cli;

import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Problem;
import dev.ifmon.core.Monitor;
import dev.ifmon.core.RoundOutcome;
import dev.ifmon.core.report.JsonReportWriter;
import dev.ifmon.core.store.Failures;
import dev.ifmon.runner.daemon.Daemon;
import dev.ifmon.runner.daemon.DataLock;
import dev.ifmon.runner.daemon.LastRoundFile;
import dev.ifmon.runner.daemon.RoundSummary;
import dev.ifmon.runner.daemon.RunnerPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;

/** {@code ifmon run}: one round with {@code --once}, else a round every {@code monitor.interval}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Check every enabled endpoint: once with --once, else every monitor.interval until stopped.",
        exitCodeListHeading = "%nExit codes (with --once):%n",
        exitCodeList = {"0:all endpoints OK and alerts delivered", "1:some endpoint failed, or alerts not delivered",
            "2:configuration or usage error"})
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOptions options;

    @Option(names = "--once", description = "Run one round, print its summary and exit.")
    boolean once;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write each round's JSON report here.")
    Path reportJson;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        checkReportPath();
        ChannelInspector channels = ChannelInspector.inspect(options.config(), options.environment());
        RoundPresenter presenter = new RoundPresenter(spec.commandLine().getOut(), channels, reportJson);
        Path dataDir = dataDirectory(channels);
        Monitor.Builder builder = Monitor.builder().config(options.config()).environment(options.environment())
                .channelBlocks(ChannelInspector.MODULES.keySet())
                .dataDirectory(dataDir).discoverPlugins(true)
                .onRound(outcome -> writeLastRound(dataDir, RoundPresenter.withProblems(outcome, channels.problems())));
        if (!once) {
            builder.onRound(presenter::present);
        }
        try (Monitor monitor = builder.build()) {
            return once ? runOnce(monitor, presenter, dataDir) : runScheduled(monitor, dataDir);
        } catch (IfmonException e) {
            spec.commandLine().getErr().println("ifmon: " + e.getMessage());
            return ExitCodes.CONFIG_OR_USAGE;
        }
    }

    /** A report path that is empty or names the config file would lose the report or overwrite the config. */
    private void checkReportPath() {
        if (reportJson == null) {
            return;
        }
        if (reportJson.toString().isBlank()) {
            throw new ParameterException(spec.commandLine(), "--report-json needs a file name, e.g. --report-json"
                    + " report.json");
        }
        Path config = options.config().toAbsolutePath().normalize();
        Path report = reportJson.toAbsolutePath().normalize();
        boolean same = config.equals(report);
        try {
            same |= Files.exists(report) && Files.isSameFile(config, report);
        } catch (IOException e) {
            // cannot tell: the writer reports a path it cannot use
        }
        if (same) {
            throw new ParameterException(spec.commandLine(), "--report-json names the config file " + config
                    + "; the report would overwrite it: give the report its own file, e.g. --report-json"
                    + " report.json");
        }
    }

    /** One round under the data lock, so that it never races a daemon on the same alert state. */
    private static int runOnce(Monitor monitor, RoundPresenter presenter, Path dataDir) {
        try (DataLock lock = DataLock.acquire(dataDir)) {
            RoundOutcome round = presenter.present(monitor.runOnce());
            return ExitCodes.forRound(round, presenter.reportWritten());
        }
    }

    private int runScheduled(Monitor monitor, Path dataDir) {
        if (monitor.config().hasErrors()) {
            // Every round would fail on it and check nothing while start.sh and status.sh look healthy.
            throw new IfmonException("the configuration cannot be used: " + monitor.config().problems().stream()
                    .filter(Problem::isError).map(Problem::format).collect(Collectors.joining("; "))
                    + " (run 'ifmon validate --config " + options.config() + "' for every problem); the schedule"
                    + " does not start");
        }
        String environment = monitor.config().environment();
        LOG.info("Schedule starting: config={} environment={} interval={} dataDir={}", options.config(),
                environment.isEmpty() ? "(none declared)" : environment, monitor.interval(), dataDir);
        Daemon daemon = Daemon.builder(stop -> RoundSummary.of(monitor.runOnce().report()), dataDir)
                .interval(monitor.interval())
                .enabled(monitor.enabled())
                .reloadWith(() -> {
                    monitor.reload();
                    return monitor.enabled();
                }, monitor::interval)
                .build();
        return daemon.run();
    }

    private Path dataDirectory(ChannelInspector config) {
        Path configDir = options.config().toAbsolutePath().getParent();
        return RunnerPaths.system().dataDir(config.monitorSetting("data_dir"), configDir);
    }

    private static void writeLastRound(Path dataDir, RoundOutcome outcome) {
        try {
            new LastRoundFile(dataDir).write(out -> JsonReportWriter.write(outcome.report(), out));
        } catch (IOException | UncheckedIOException | JacksonException e) {
            LOG.error("Last-round file not written: file={} reason=\"{}\"; bin/status.sh shows an older round until"
                    + " it can be written; the next round tries again", dataDir.resolve(LastRoundFile.FILE_NAME),
                    Failures.describe(e));
        }
    }
}
