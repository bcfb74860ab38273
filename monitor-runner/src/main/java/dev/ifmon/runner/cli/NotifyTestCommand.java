package dev.ifmon.runner.cli;

import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Problem;
import dev.ifmon.core.Monitor;
import dev.ifmon.runner.logging.ControlCharacters;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ifmon notify-test}: sends a short test message through every configured channel. */
@Command(name = "notify-test", mixinStandardHelpOptions = true,
        description = "Send a short test message through every configured channel and report each result.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every channel confirmed delivery", "1:some channel did not confirm delivery",
            "2:no channel configured, a channel's module is missing, or usage error"})
public final class NotifyTestCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ChannelInspector channels = ChannelInspector.inspect(options.config(), options.environment());
        List<Problem> problems = channels.problems();
        problems.forEach(problem -> out.println(ControlCharacters.escapeLine(problem.format())));
        Map<String, DeliveryResult> results = new LinkedHashMap<>();
        try (Monitor monitor = Monitor.builder().config(options.config()).environment(options.environment())
                .channelBlocks(ChannelInspector.MODULES.keySet())
                .discoverPlugins(true).build()) {
            // named by the config key the user wrote (wechat), as the summary does, not the notifier type (wecom)
            Map<String, Notifier> notifiers = monitor.plugins().notifiers();
            monitor.notifyTest(message()).forEach((type, result) -> results.put(
                    notifiers.containsKey(type) ? notifiers.get(type).configKey() : type, result));
        } catch (IfmonException e) {
            spec.commandLine().getErr().println("ifmon: " + ControlCharacters.escapeLine(e.getMessage()));
            return ExitCodes.CONFIG_OR_USAGE;
        }
        results.forEach((channel, result) -> out.println(ControlCharacters.escapeLine(channel + ": "
                + result.status() + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")"))));
        out.flush();
        return exitCode(out, results, problems);
    }

    private int exitCode(PrintWriter out, Map<String, DeliveryResult> results, List<Problem> problems) {
        if (results.isEmpty()) {
            out.println("no channel configured: nothing sent (set wechat.webhook_url or another channel's block)");
            out.flush();
            return ExitCodes.CONFIG_OR_USAGE;
        }
        if (results.values().stream().anyMatch(result -> result.status() != DeliveryResult.Status.DELIVERED)) {
            return ExitCodes.FAILED;
        }
        return problems.stream().anyMatch(Problem::isError) ? ExitCodes.CONFIG_OR_USAGE : ExitCodes.OK;
    }

    private static String message() {
        return "ifmon 通知测试 / notification test, " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
