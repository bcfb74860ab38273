package dev.ifmon.api;

import java.util.Objects;

/**
 * Where a definition was written, for messages.
 *
 * @param file the file, relative to the catalog root where possible, or a plug-in's description
 * @param line the 1-based line, or 0 when unknown
 */
public record SourceLocation(String file, int line) {

    /** Checks the components. */
    public SourceLocation {
        Objects.requireNonNull(file, "file");
        line = Math.max(0, line);
    }

    /** @return {@code file:line}, or the file alone when the line is unknown */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
