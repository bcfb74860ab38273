package dev.ifmon.runner.cli;

import dev.ifmon.api.IfmonException;
import dev.ifmon.core.Monitor;
import dev.ifmon.runner.daemon.Daemon;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
        ChannelInspector channels = ChannelInspector.inspect(options.config(), options.environment());
        RoundPresenter presenter = new RoundPresenter(spec.commandLine().getOut(), channels, reportJson);
        Monitor.Builder builder = Monitor.builder().config(options.config()).environment(options.environment())
                .discoverPlugins(true);
        if (!once) {
            builder.onRound(presenter::present);
        }
        try (Monitor monitor = builder.build()) {
            if (once) {
                return ExitCodes.forRound(presenter.present(monitor.runOnce()));
            }
            LOG.info("starting the schedule config={} environment={} interval={}", options.config(),
                    options.environment() == null ? "(default)" : options.environment(), monitor.interval());
            return Daemon.run(monitor);
        } catch (IfmonException e) {
            spec.commandLine().getErr().println("ifmon: " + e.getMessage());
            return ExitCodes.CONFIG_OR_USAGE;
        }
    }
}
