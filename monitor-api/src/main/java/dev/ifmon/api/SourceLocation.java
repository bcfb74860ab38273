package dev.ifmon.api;

import java.util.Map;
import java.util.Objects;

/**
 * Where a definition was written, for messages. Immutable and thread-safe.
 *
 * @param file the file, relative to the catalog root where possible, or a plug-in's description
 * @param line the 1-based line, or 0 when unknown
 * @param variableLines where each {@code ${...}} variable of the definition is first used: the name as
 *     written without a default ({@code NAME} or {@code env:NAME}) to the 1-based line of the value that
 *     holds it; empty when the source does not know
 */
public record SourceLocation(String file, int line, Map<String, Integer> variableLines) {

    /** Checks the components and copies the map. */
    public SourceLocation {
        Objects.requireNonNull(file, "file");
        line = Math.max(0, line);
        variableLines = variableLines == null ? Map.of() : Map.copyOf(variableLines);
    }

    /**
     * A location without variable lines.
     *
     * @param file the file, relative to the catalog root where possible, or a plug-in's description
     * @param line the 1-based line, or 0 when unknown
     */
    public SourceLocation(String file, int line) {
        this(file, line, Map.of());
    }

    /**
     * @param variable a variable's name as written without a default, e.g. {@code env:TOKEN}
     * @return the line where it is first used, or {@link #line()} when that is not known
     */
    public int lineOf(String variable) {
        return variableLines.getOrDefault(variable, line);
    }

    /** @return {@code file:line}, or the file alone when the line is unknown */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
