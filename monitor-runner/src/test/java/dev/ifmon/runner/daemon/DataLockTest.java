package dev.ifmon.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ifmon.api.IfmonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DataLockTest {

    @TempDir
    Path temp;

    @Nested
    class InOneJvm {

        @Test
        void aSecondHolderIsRefusedWithTheFolderAndPid() {
            Path data = temp.resolve("data");
            try (DataLock first = DataLock.acquire(data)) {
                assertThat(first.dataDir()).isEqualTo(data.toAbsolutePath());

                assertThatThrownBy(() -> DataLock.acquire(data))
                        .isInstanceOf(DataLockedException.class)
                        .hasMessageContaining("data folder " + data.toAbsolutePath())
                        .hasMessageContaining("pid " + ProcessHandle.current().pid())
                        .hasMessageContaining("stop that runner first");
            }
        }

        @Test
        void aDataFolderThatIsAFileIsSaidSo() throws Exception {
            Path data = Files.writeString(temp.resolve("data"), "not a folder");

            assertThatThrownBy(() -> DataLock.acquire(data)).isInstanceOf(IfmonException.class)
                    .hasMessage("data folder " + data.toAbsolutePath() + " cannot be used: " + data.toAbsolutePath()
                            + " is a file, not a folder; point monitor.data_dir (or IFMON_DATA_DIR) at a folder, or"
                            + " move the file away");
            assertThatThrownBy(() -> DataLock.acquire(data.resolve("below")))
                    .hasMessageContaining(data.toAbsolutePath() + " is a file, not a folder");
        }

        @Test
        void theLockCanBeTakenAgainAfterRelease() {
            Path data = temp.resolve("data");
            DataLock.acquire(data).close();

            try (DataLock again = DataLock.acquire(data)) {
                assertThat(again.path()).isEqualTo(data.toAbsolutePath().resolve("ifmon.lock"));
            }
        }

        @Test
        void theLockFileRecordsThePidOfTheHolder() throws Exception {
            try (DataLock lock = DataLock.acquire(temp)) {
                assertThat(Files.readString(lock.path()).strip())
                        .isEqualTo(Long.toString(ProcessHandle.current().pid()));
            }
        }
    }

    @Nested
    class AcrossProcesses {

        @Test
        void aRunnerInAnotherProcessIsRefusedWhileTheHolderLives() throws Exception {
            Path data = temp.resolve("data");
            try (ChildJvm holder = ChildJvm.start(temp, LockHolderMain.class, data.toString())) {
                holder.awaitOutput("LOCKED", Duration.ofSeconds(20));

                assertThatThrownBy(() -> DataLock.acquire(data))
                        .isInstanceOf(DataLockedException.class)
                        .hasMessageContaining(data.toAbsolutePath().toString())
                        .hasMessageContaining("pid " + holder.pid())
                        .satisfies(e -> assertThat(((DataLockedException) e).holderPid()).hasValue(holder.pid()));
            }
        }

        @Test
        void aKilledHolderLeavesNoStaleLock() throws Exception {
            Path data = temp.resolve("data");
            try (ChildJvm holder = ChildJvm.start(temp, LockHolderMain.class, data.toString())) {
                holder.awaitOutput("LOCKED", Duration.ofSeconds(20));
                holder.process().destroyForcibly();
                holder.awaitExit(Duration.ofSeconds(10));
            }

            try (DataLock lock = DataLock.acquire(data)) {
                assertThat(Files.readString(lock.path()).strip())
                        .isEqualTo(Long.toString(ProcessHandle.current().pid()));
            }
        }

        @Test
        void aRefusedSecondHolderInTheSameJvmDoesNotDropTheFirstLock() throws Exception {
            Path data = temp.resolve("data");
            try (DataLock first = DataLock.acquire(data)) {
                assertThatThrownBy(() -> DataLock.acquire(data)).isInstanceOf(DataLockedException.class);
                assertThat(first.path()).exists();

                try (ChildJvm other = ChildJvm.start(temp, LockHolderMain.class, data.toString())) {
                    int exit = other.awaitExit(Duration.ofSeconds(20));

                    assertThat(exit).isNotZero();
                    assertThat(other.output()).contains("is in use by another ifmon runner (pid "
                            + ProcessHandle.current().pid() + ")");
                }
            }
        }
    }
}
