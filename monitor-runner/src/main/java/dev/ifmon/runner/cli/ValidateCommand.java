package dev.ifmon.runner.cli;

import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Problem;
import dev.ifmon.core.Monitor;
import dev.ifmon.runner.logging.ControlCharacters;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ifmon validate}: lists every problem in the config and the catalog without sending a request. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check config.yaml and every endpoint doc; print each problem with file and line.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings may be listed)", "2:errors found, or usage error"})
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ChannelInspector channels = ChannelInspector.inspect(options.config(), options.environment());
        List<Problem> problems;
        try (Monitor monitor = Monitor.builder().config(options.config()).environment(options.environment())
                .channelBlocks(ChannelInspector.MODULES.keySet())
                .discoverPlugins(true).build()) {
            problems = new ArrayList<>(monitor.validate());
        } catch (IfmonException e) {
            spec.commandLine().getErr().println("ifmon: " + ControlCharacters.escapeLine(e.getMessage()));
            return ExitCodes.CONFIG_OR_USAGE;
        }
        problems.addAll(channels.problems());
        problems.forEach(problem -> out.println(ControlCharacters.escapeLine(problem.format())));
        if (channels.webhookMissing()) {
            out.println("note: " + ConsoleSummary.NO_WEBHOOK);
        }
        long errors = problems.stream().filter(Problem::isError).count();
        out.println(options.config() + ": " + Plural.of(errors, "error") + ", "
                + Plural.of(problems.size() - errors, "warning"));
        out.flush();
        return errors > 0 ? ExitCodes.CONFIG_OR_USAGE : ExitCodes.OK;
    }
}
