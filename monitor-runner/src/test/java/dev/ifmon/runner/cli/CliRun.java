package dev.ifmon.runner.cli;

import dev.ifmon.runner.IfmonMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One in-process execution of the {@code ifmon} command line with captured output.
 *
 * @param exitCode the exit code
 * @param out what was printed to stdout
 * @param err what was printed to stderr
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = IfmonMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
