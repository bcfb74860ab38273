package dev.ifmon.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes small data files so that a reader, or the next start after {@code kill -9}, sees either the old
 * content or the new one, never a torn file: the bytes go to a temporary file in the same folder, are
 * forced to disk, then the temporary file is moved over the target with {@code ATOMIC_MOVE}, and the
 * folder is forced where the platform allows it. Stateless and thread-safe for different targets;
 * callers serialise writes to the same target.
 *
 * <p>Known limitation: on a file system without atomic rename the move falls back to a plain replace,
 * which is atomic on POSIX file systems but not guaranteed elsewhere.
 */
public final class AtomicFiles {

    private static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /**
     * Replaces a file's content atomically, creating its folder when needed.
     *
     * @param target the file to write
     * @param content the new content
     * @throws IOException when the file cannot be written; the old content is then unchanged
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + target.getFileName(), TEMP_SUFFIX);
        try {
            writeAndForce(temp, content);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }

        forceFolder(folder);
    }

    /**
     * @param name a file name
     * @return whether the name is one of the temporary files {@link #write} leaves behind when killed
     */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    private static void writeAndForce(Path temp, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a folder for reading; the rename itself is still atomic there.
        }
    }
}
