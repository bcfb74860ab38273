package dev.ifmon.runner;

import dev.ifmon.api.IfmonException;
import dev.ifmon.runner.cli.DemoCommand;
import dev.ifmon.runner.cli.ExitCodes;
import dev.ifmon.runner.cli.IfmonCommand;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The entry point of the {@code ifmon} command line. Output is UTF-8 so that Chinese names survive a
 * {@code C} locale; logs go to stderr, the round summary to stdout.
 */
public final class IfmonMain {

    private IfmonMain() {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     * @throws IOException when the demo's hosts file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && "demo".equals(args[0])) {
            DemoCommand.isolateNameResolution();
        }
        CommandLine commandLine = commandLine();
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(commandLine.execute(args));
    }

    /**
     * Creates the command line, ready to {@link CommandLine#execute(String...)}; set its out and err writers
     * to capture output. Usage errors exit 2; an unexpected exception is printed and exits 2.
     *
     * @return a new command line
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new IfmonCommand());
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof IfmonException) {
                line.getErr().println("ifmon: " + exception.getMessage());
            } else {
                exception.printStackTrace(line.getErr());
            }
            return ExitCodes.CONFIG_OR_USAGE;
        });
        return commandLine;
    }
}
