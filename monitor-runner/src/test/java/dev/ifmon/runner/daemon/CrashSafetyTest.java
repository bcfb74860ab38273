package dev.ifmon.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs, stopped by SIGTERM and by SIGKILL in the middle of a round. */
@Timeout(90)
class CrashSafetyTest {

    private static final Pattern DOCUMENT =
            Pattern.compile("\\{\"round\":(\\d+),\"payload\":\"(?:状态)+\",\"end\":(\\d+)}");

    @TempDir
    Path temp;

    @Nested
    class Sigterm {

        @Test
        void inTheMiddleOfARoundLetsItFinishFlushesAndExitsZero() throws Exception {
            Path data = temp.resolve("data");
            try (ChildJvm runner = ChildJvm.start(temp, SlowRoundMain.class, data.toString(), "1500")) {
                runner.awaitOutput("ROUND 1 STARTED", Duration.ofSeconds(20));

                runner.process().destroy();
                int exit = runner.awaitExit(Duration.ofSeconds(30));

                assertThat(exit).as(runner.output()).isZero();
                assertThat(runner.output()).contains("ROUND 1 DONE stopRequested=true", "FLUSHED", "EXIT 0")
                        .doesNotContain("ROUND 2 STARTED");
                assertThat(Files.readString(data.resolve("last-round.json")))
                        .isEqualTo("{\"round\":1,\"complete\":true}");
                assertThat(Files.readString(data.resolve("flushed.txt"))).isEqualTo("flushed after round 1");
            }
        }

        @Test
        void whileWaitingForTheNextRoundStopsAtOnceAndExitsZero() throws Exception {
            Path data = temp.resolve("data");
            try (ChildJvm runner = ChildJvm.start(temp, SlowRoundMain.class, data.toString(), "0")) {
                runner.awaitOutput("ROUND 1 DONE", Duration.ofSeconds(20));

                runner.process().destroy();
                int exit = runner.awaitExit(Duration.ofSeconds(20));

                assertThat(exit).as(runner.output()).isZero();
                assertThat(runner.output()).contains("FLUSHED");
            }
        }
    }

    @Nested
    class Sigkill {

        @Test
        void inTheMiddleOfWritesLeavesCompleteFilesAndARestartCarriesOn() throws Exception {
            Path data = temp.resolve("data");
            try (ChildJvm writer = ChildJvm.start(temp, CrashWriterMain.class, data.toString())) {
                writer.awaitOutput("WROTE 3", Duration.ofSeconds(30));

                writer.process().destroyForcibly();
                writer.awaitExit(Duration.ofSeconds(10));
            }

            int lastRound = completeDocument(data.resolve("last-round.json"));
            int state = completeDocument(data.resolve("state.json"));
            assertThat(state).isBetween(lastRound - 1, lastRound);
            try (ChildJvm restarted = ChildJvm.start(temp, SlowRoundMain.class, data.toString(), "0")) {
                restarted.awaitOutput("ROUND 1 DONE", Duration.ofSeconds(20));
                assertThat(restarted.output()).contains("PREVIOUS {\"round\":" + lastRound + ",\"payload\":");
                restarted.process().destroy();

                assertThat(restarted.awaitExit(Duration.ofSeconds(20))).isZero();
            }
            assertThat(Files.readString(data.resolve("last-round.json")))
                    .isEqualTo("{\"round\":1,\"complete\":true}");
            try (var files = Files.list(data)) {
                assertThat(files.map(path -> path.getFileName().toString()))
                        .noneMatch(name -> name.startsWith(".last-round.json."));
            }
        }

        private int completeDocument(Path file) throws Exception {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            Matcher matcher = DOCUMENT.matcher(text);

            assertThat(matcher.matches()).as("%s holds one complete document (%d chars)", file, text.length())
                    .isTrue();
            assertThat(matcher.group(1)).isEqualTo(matcher.group(2));
            return Integer.parseInt(matcher.group(1));
        }
    }
}
