package dev.ifmon.runner.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <data>/last-round.json}: the last round's JSON report, replaced atomically after every round so that
 * {@code bin/status.sh} and monitoring scripts always read a complete document.
 *
 * <p>The JSON itself is the report contract written by the core's report writer; this class only places it.
 * Thread-safe: each write is a complete atomic replacement.
 */
public final class LastRoundFile {

    /** The file name inside the data folder. */
    public static final String FILE_NAME = "last-round.json";

    private final Path path;

    /**
     * @param dataDir the runner's data folder; created on the first write when missing
     */
    public LastRoundFile(Path dataDir) {
        this.path = dataDir.resolve(FILE_NAME);
    }

    /** @return where the file lives */
    public Path path() {
        return path;
    }

    /**
     * Replaces the file with {@code json}.
     *
     * @param json the complete report, UTF-8
     * @throws IOException when it cannot be written; the previous file is then unchanged
     */
    public void write(byte[] json) throws IOException {
        AtomicFiles.write(path, json);
    }

    /**
     * Replaces the file with the report as a string.
     *
     * @param json the complete report
     * @throws IOException when it cannot be written; the previous file is then unchanged
     */
    public void write(String json) throws IOException {
        write(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces the file with what {@code writer} streams, e.g. a JSON writer that serialises the report.
     *
     * @param writer writes the complete report
     * @throws IOException when it cannot be written; the previous file is then unchanged
     */
    public void write(AtomicFiles.ContentWriter writer) throws IOException {
        AtomicFiles.write(path, writer);
    }

    /**
     * @return the last complete report, or empty when no round has finished yet
     * @throws IOException when the file exists but cannot be read
     */
    public Optional<String> read() throws IOException {
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes temporary files an interrupted write left behind; call it once at start-up, holding the data lock.
     *
     * @return how many were removed
     * @throws IOException when the data folder cannot be listed
     */
    public int deleteStaleTemps() throws IOException {
        return AtomicFiles.deleteStaleTemps(path);
    }
}
