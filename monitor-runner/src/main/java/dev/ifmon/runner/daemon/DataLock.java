package dev.ifmon.runner.daemon;

import dev.ifmon.api.IfmonException;
import dev.ifmon.core.store.Failures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock on a data folder ({@code <data>/ifmon.lock}) that keeps a second runner from sharing the
 * first one's alert state, outbox and last-round file.
 *
 * <p>It is an operating-system file lock ({@link FileChannel#tryLock()}), so it is released when the process
 * ends, even by {@code kill -9}; a stale lock file never blocks a restart. The holder writes its pid into the
 * file so that a refused runner can name it. The lock file itself is left in place on release. A second
 * {@link #acquire} in the same JVM is refused too. Close it to release; {@link #close()} is idempotent.
 * Thread-safe.
 */
public final class DataLock implements AutoCloseable {

    /** The lock file's name inside the data folder. */
    public static final String FILE_NAME = "ifmon.lock";

    /**
     * Folders locked by this JVM. Checked before opening the lock file, because on Linux closing any channel on
     * the file would drop this process's lock.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the data folder's lock, creating the folder when missing, and records this process's pid in it.
     *
     * @param dataDir the runner's data folder
     * @return the held lock; close it to release
     * @throws DataLockedException when another runner holds it
     * @throws IfmonException when the folder or the lock file cannot be created or opened
     */
    public static DataLock acquire(Path dataDir) {
        Path folder = dataDir.toAbsolutePath().normalize();
        if (!HELD_HERE.add(folder)) {
            throw new DataLockedException(folder, OptionalLong.of(ProcessHandle.current().pid()));
        }
        try {
            return lock(folder);
        } catch (RuntimeException e) {
            HELD_HERE.remove(folder);
            throw e;
        }
    }

    private static DataLock lock(Path folder) {
        FileChannel channel = open(folder);
        FileLock lock = tryLock(channel);
        if (lock == null) {
            OptionalLong holder = readPid(channel);
            closeQuietly(channel);
            throw new DataLockedException(folder, holder);
        }
        writePid(folder, channel);
        return new DataLock(folder, channel, lock);
    }

    /** @return the locked data folder, absolute */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the lock file */
    public Path path() {
        return dataDir.resolve(FILE_NAME);
    }

    /** Releases the lock. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
        } catch (IOException e) {
            // The lock goes with the channel, closed below.
        }
        closeQuietly(channel);
        HELD_HERE.remove(dataDir);
    }

    private static FileChannel open(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        for (Path part = folder; part != null; part = part.getParent()) {
            if (Files.exists(part) && !Files.isDirectory(part)) {
                throw new IfmonException("data folder " + folder + " cannot be used: " + part + " is a file, not a"
                        + " folder; point monitor.data_dir (or IFMON_DATA_DIR) at a folder, or move the file away");
            }
        }
        try {
            Files.createDirectories(folder);
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IfmonException("cannot open lock file " + file + ": " + Failures.describe(e)
                    + "; check that the data folder exists and is writable by this user", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IfmonException("cannot lock " + FILE_NAME + ": " + e.getMessage()
                    + "; put the data folder on a local file system that supports file locks", e);
        }
    }

    private static OptionalLong readPid(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,18}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static void writePid(Path folder, FileChannel channel) {
        byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IfmonException("cannot write the pid into " + folder.resolve(FILE_NAME) + ": "
                    + Failures.describe(e) + "; no round ran: the lock needs a writable data folder (monitor.data_dir);"
                    + " free space there or make it writable, then run again", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing useful left to do with a channel that will not close.
            return;
        }
    }
}
