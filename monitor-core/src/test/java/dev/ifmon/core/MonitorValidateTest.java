package dev.ifmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorValidateTest {

    @TempDir
    Path dir;

    private List<String> validate(String yaml) throws IOException {
        Path config = dir.resolve("c1.yaml");
        Files.writeString(config, yaml);
        Files.createDirectories(dir.resolve("Interface-pool"));
        try (Monitor monitor = Monitor.builder().config(config).dataDirectory(dir.resolve("data"))
                .discoverPlugins(true).build()) {
            return monitor.validate().stream().map(Problem::format).filter(line -> line.contains("auth")
                    || line.contains("beaer")).map(line -> line.replace(dir + "/", "")).toList();
        }
    }

    @Test
    void anAuthenticatorsProblemNamesTheRealFileAndTheLineOfTheAuthBlock() throws IOException {
        List<String> problems = validate("""
                services:
                  - name: y
                    auth: { type: basic, username: "a:b", password: "pw" }
                  - name: z
                    token_api: "ftp://x"
                """);

        assertThat(problems).containsExactly(
                "ERROR c1.yaml:3: services[y].auth: 'username' contains ':' (HTTP Basic cannot carry a user name"
                        + " with ':'; use another authenticator)",
                "ERROR c1.yaml:5: services[z].auth: 'url' is not an absolute http(s) URL: 'ftp://x' (write it as"
                        + " http://host/path or https://host/path)");
    }

    @Test
    void anUnknownAuthTypeIsOneErrorWithADidYouMeanAtItsLine() throws IOException {
        List<String> problems = validate("""
                services:
                  - name: x
                    auth: { type: beaer, token: x }
                """);

        assertThat(problems).containsExactly("ERROR c1.yaml:3: services[x].auth: unknown auth type 'beaer' (did you"
                + " mean 'bearer'? Known types: basic, bearer, header, oauth2-client-credentials, token)");
    }

    @Test
    void aMissingAuthTypeIsReportedOnceByTheConfigLoader() throws IOException {
        List<String> problems = validate("""
                services:
                  - name: x
                    auth: { token: x }
                """);

        assertThat(problems).singleElement().asString().contains("c1.yaml:3", "has no 'type'");
    }

    @Test
    void aNotifiersOwnProblemsAreInTheRoundAsInValidate() throws IOException {
        Path config = Files.writeString(dir.resolve("c1.yaml"), "pager:\n  url: nope\n");
        Files.createDirectories(dir.resolve("Interface-pool"));
        Notifier pager = new Notifier() {
            @Override
            public String type() {
                return "pager";
            }

            @Override
            public List<Problem> validate(Settings settings) {
                return List.of(Problem.error("pager", "'url' is not a URL", "write http://host/path"));
            }

            @Override
            public DeliveryResult deliver(Digest digest, Settings settings) {
                return DeliveryResult.delivered();
            }
        };
        try (Monitor monitor = Monitor.builder().config(config).dataDirectory(dir.resolve("data"))
                .discoverPlugins(false).addNotifier(pager).build()) {
            List<String> validated = monitor.validate().stream().map(Problem::format).toList();
            List<String> inRound = monitor.runOnce().report().problems().stream().map(Problem::format).toList();

            assertThat(validated).contains("ERROR pager: 'url' is not a URL (write http://host/path)");
            assertThat(inRound).containsExactlyInAnyOrderElementsOf(validated);
        }
    }
}
