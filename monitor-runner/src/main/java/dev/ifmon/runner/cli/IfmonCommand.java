package dev.ifmon.runner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code ifmon} command; without a subcommand it prints usage and exits 2. */
@Command(name = "ifmon", mixinStandardHelpOptions = true, versionProvider = IfmonCommand.Version.class,
        description = "HTTP interface monitor: checks an Interface-pool catalog and alerts WeCom.",
        subcommands = {RunCommand.class, ValidateCommand.class, DemoCommand.class, NotifyTestCommand.class})
public final class IfmonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.CONFIG_OR_USAGE;
    }

    /** Reads the version the build wrote into {@code dev/ifmon/runner/version.properties}. */
    public static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = IfmonCommand.class.getResourceAsStream("/dev/ifmon/runner/version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"ifmon " + properties.getProperty("version", "(unknown version)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")"};
        }
    }
}
