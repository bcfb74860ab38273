package dev.ifmon.runner.daemon;

import dev.ifmon.core.store.Failures;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import tools.jackson.core.JacksonException;

/**
 * Writes files so that a crash at any moment leaves either the old or the new content, never a partial file.
 *
 * <p>The content goes to a temporary file beside the target ({@code .<name>.<random>.tmp}), is forced to disk,
 * then renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}; the folder is forced too where the
 * platform allows it. A temporary file left behind by a crash is never read: readers open only the target, and
 * {@link #deleteStaleTemps(Path)} removes leftovers. There is no fallback to a non-atomic move: a file system
 * without atomic rename gets a clear {@link IOException}.
 *
 * <p>Thread-safe for different targets. Two writers of the same target at once each leave a complete file; the
 * last rename wins. Not instantiable.
 */
public final class AtomicFiles {

    private static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream; the stream is closed by {@link AtomicFiles}, not the writer. */
    @FunctionalInterface
    public interface ContentWriter {

        /**
         * @param out where to write the whole content
         * @throws IOException when writing fails; the target is then left unchanged
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code target} with {@code content} atomically, creating its folder when missing.
     *
     * @param target the file to write
     * @param content the complete new content
     * @throws IOException when the content cannot be written; the target is then unchanged
     */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /**
     * Replaces {@code target} with what {@code writer} writes, atomically, creating its folder when missing.
     *
     * @param target the file to write
     * @param writer writes the complete new content
     * @throws IOException when the content cannot be written, also when the writer throws an
     *     {@link UncheckedIOException} or Jackson's unchecked {@link JacksonException}; the target is then unchanged
     */
    public static void write(Path target, ContentWriter writer) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", TEMP_SUFFIX);
        try {
            writeAndForce(temp, writer);
            moveOver(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceFolder(folder);
    }

    /**
     * Deletes temporary files that an interrupted {@link #write} of {@code target} left behind.
     *
     * @param target the file whose leftovers to remove
     * @return how many were deleted
     * @throws IOException when the folder cannot be listed
     */
    public static int deleteStaleTemps(Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int deleted = 0;
        String glob = "." + target.getFileName() + ".*" + TEMP_SUFFIX;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, glob)) {
            for (Path temp : temps) {
                deleted += Files.deleteIfExists(temp) ? 1 : 0;
            }
        }
        return deleted;
    }

    private static void writeAndForce(Path temp, ContentWriter writer) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(channel);
            try {
                writer.writeTo(out);
            } catch (UncheckedIOException | JacksonException e) {
                // A JSON writer reports a full disk as Jackson's unchecked JacksonIOException.
                throw new IOException(temp + ": " + Failures.describe(e), e);
            }
            out.flush();
            channel.force(true);
        }
    }

    private static void moveOver(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically: the file system does not support"
                    + " atomic rename; put the data folder on a local file system", e);
        }
    }

    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a folder for syncing; the rename itself is still atomic.
            return;
        }
    }
}
