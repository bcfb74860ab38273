package dev.ifmon.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.exc.JacksonIOException;

class AtomicFilesTest {

    @TempDir
    Path temp;

    @Nested
    class Write {

        @Test
        void replacesTheContentAndLeavesNoTemporaryFile() throws IOException {
            Path target = temp.resolve("data/state.json");
            AtomicFiles.write(target, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));

            AtomicFiles.write(target, "{\"v\":2,\"服务\":\"用户服务\"}".getBytes(StandardCharsets.UTF_8));

            assertThat(Files.readString(target)).isEqualTo("{\"v\":2,\"服务\":\"用户服务\"}");
            assertThat(files(target.getParent())).containsExactly("state.json");
        }

        @Test
        void aFailingWriterLeavesTheOldContentAndNoTemporaryFile() throws IOException {
            Path target = temp.resolve("outbox.json");
            AtomicFiles.write(target, "old".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
                out.write("half of the new".getBytes(StandardCharsets.UTF_8));
                throw new IOException("disk full");
            })).hasMessage("disk full");

            assertThat(Files.readString(target)).isEqualTo("old");
            assertThat(files(temp)).containsExactly("outbox.json");
        }

        @Test
        void aJsonWriterFailingOnAFullDiskIsAnIOExceptionNamingTheCause() throws IOException {
            Path target = temp.resolve("last-round.json");
            AtomicFiles.write(target, "old".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
                throw JacksonIOException.construct(new IOException("No space left on device"));
            })).isInstanceOf(IOException.class).hasMessageContaining("No space left on device");

            assertThat(Files.readString(target)).isEqualTo("old");
            assertThat(files(temp)).containsExactly("last-round.json");
        }
    }

    @Nested
    class LeftoversOfACrash {

        @Test
        void aTemporaryFileLeftBehindIsIgnoredByReadersAndRemovedAtStartUp() throws IOException {
            LastRoundFile lastRound = new LastRoundFile(temp);
            lastRound.write("{\"round\":1}");
            Files.writeString(temp.resolve(".last-round.json.123456.tmp"), "{\"round\":2,\"resu");

            assertThat(lastRound.read()).hasValue("{\"round\":1}");
            assertThat(lastRound.deleteStaleTemps()).isEqualTo(1);
            assertThat(files(temp)).containsExactly("last-round.json");
        }

        @Test
        void readingBeforeAnyRoundGivesNothing() throws IOException {
            assertThat(new LastRoundFile(temp.resolve("fresh")).read()).isEmpty();
        }
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
