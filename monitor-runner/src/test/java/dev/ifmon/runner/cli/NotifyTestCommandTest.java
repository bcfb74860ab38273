package dev.ifmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Notifier;
import dev.ifmon.runner.demo.RobotStandIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyTestCommandTest {

    @TempDir
    Path folder;

    Path config(String channels) throws IOException {
        Files.createDirectories(folder.resolve("Interface-pool"));
        return Files.writeString(folder.resolve("config.yaml"),
                "interface_docs:\n  root_path: ./Interface-pool\nservices: []\n" + channels, StandardCharsets.UTF_8);
    }

    @Test
    void withoutAnyChannelNothingIsSentAndItExitsTwo() throws IOException {
        CliRun run = CliRun.execute("notify-test", "--config", config("").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
        assertThat(run.out()).contains("no channel configured: nothing sent");
    }

    @Test
    void sendsThroughTheWeComRobotOrNamesTheMissingModule() throws IOException {
        try (RobotStandIn robot = RobotStandIn.start()) {
            Path file = config("wechat:\n  webhook_url: \"" + robot.webhookUrl() + "\"\n");

            CliRun run = CliRun.execute("notify-test", "--config", file.toString());

            if (weComNotifierPresent()) {
                assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
                assertThat(robot.received()).singleElement().asString().contains("通知测试");
                assertThat(run.out()).contains("wechat: DELIVERED").doesNotContain("wecom:")
                        .doesNotContain(RobotStandIn.KEY);
            } else {
                assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
                assertThat(run.out()).contains("monitor-notify-wecom is missing");
                assertThat(robot.received()).isEmpty();
            }
        }
    }

    private static boolean weComNotifierPresent() {
        return StreamSupport.stream(ServiceLoader.load(Notifier.class).spliterator(), false)
                .anyMatch(notifier -> notifier.configKey().equals("wechat"));
    }
}
