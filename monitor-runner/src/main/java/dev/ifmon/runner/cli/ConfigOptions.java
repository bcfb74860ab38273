package dev.ifmon.runner.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads a config shares: {@code --config FILE [--env NAME]}. */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
            description = "The config.yaml to use; relative paths in it resolve against its folder.")
    Path config;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME",
            description = "The environment to select (default: the config's default_environment).")
    String environment;

    /** @return the config file given */
    public Path config() {
        return config;
    }

    /** @return the environment given, or {@code null} for the config's default */
    public String environment() {
        return environment;
    }
}
