package dev.ifmon.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DaemonTest {

    @TempDir
    Path data;

    @Test
    void aSecondDaemonOnTheSameDataFolderRefusesToStartAndRunsNoRound() throws Exception {
        CountDownLatch firstRound = new CountDownLatch(1);
        Daemon first = Daemon.builder(stop -> {
            firstRound.countDown();
            return RoundSummary.empty();
        }, data).handleSignals(false).interval(Duration.ofHours(1)).build();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(first::run);
        assertThat(firstRound.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger secondRounds = new AtomicInteger();
        Daemon second = Daemon.builder(stop -> {
            secondRounds.incrementAndGet();
            return RoundSummary.empty();
        }, data).handleSignals(false).build();

        assertThatThrownBy(second::run).isInstanceOf(DataLockedException.class)
                .hasMessageContaining(data.toAbsolutePath().toString());

        assertThat(secondRounds).hasValue(0);
        assertThat(first.stop()).isTrue();
        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(Daemon.EXIT_STOPPED);
    }

    @Test
    void startUpRemovesTemporaryFilesACrashLeftAndKeepsTheLastCompleteRound() throws Exception {
        Files.writeString(data.resolve("last-round.json"), "{\"round\":7}");
        Files.writeString(data.resolve(".last-round.json.991.tmp"), "{\"round\":8,\"par");
        Daemon[] self = new Daemon[1];
        self[0] = Daemon.builder(stop -> {
            self[0].requestStop();
            return RoundSummary.empty();
        }, data).handleSignals(false).build();

        int exit = self[0].run();

        assertThat(exit).isZero();
        assertThat(data.resolve(".last-round.json.991.tmp")).doesNotExist();
        assertThat(data.resolve("last-round.json")).hasContent("{\"round\":7}");
    }
}
