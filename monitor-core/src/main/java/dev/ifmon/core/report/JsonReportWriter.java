package dev.ifmon.core.report;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.api.HttpResponseSnapshot;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RoundReport;
import dev.ifmon.core.store.Failures;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link RoundReport} as the JSON report, the public contract that scripts and CI jobs read.
 *
 * <p>The report is streamed result by result, so a round of many thousand endpoints never exists twice in
 * memory, and written atomically: readers see the old file or the new one, never a part. Field names and
 * outcome names never change; new fields may be added. Stateless and thread-safe.
 */
public final class JsonReportWriter {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private JsonReportWriter() {
    }

    /**
     * Writes the report to a file, replacing it atomically; creates missing parent folders.
     *
     * @param report the round's report
     * @param file where to write it
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(RoundReport report, Path file) {
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(temp)) {
                write(report, out);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | JacksonException e) {
            deleteQuietly(temp);
            String reason = Failures.describe(e);
            throw new UncheckedIOException("cannot write the JSON report to " + target + ": " + reason,
                    e instanceof IOException io ? io : new IOException(reason, e));
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The folder is unwritable or gone; the half-written temporary file is never read.
        }
    }

    /**
     * Writes the report to a stream, UTF-8, pretty-printed. The stream is not closed.
     *
     * @param report the round's report
     * @param out where to write it
     */
    public static void write(RoundReport report, OutputStream out) {
        try (JsonGenerator json = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringProperty("startedAt", ISO.format(report.startedAt()));
            json.writeStringProperty("finishedAt", ISO.format(report.finishedAt()));
            json.writeStringProperty("environment", report.environment());
            writeSummary(json, report);
            json.writeArrayPropertyStart("results");
            report.results().forEach(result -> writeResult(json, result));
            json.writeEndArray();
            json.writeArrayPropertyStart("problems");
            report.problems().forEach(problem -> writeProblem(json, problem));
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeSummary(JsonGenerator json, RoundReport report) {
        json.writeObjectPropertyStart("summary");
        json.writeNumberProperty("total", report.results().size());
        for (Map.Entry<Outcome, Integer> count : report.summary().entrySet()) {
            json.writeNumberProperty(count.getKey().name(), count.getValue());
        }
        json.writeNumberProperty("recoveredAfterRetry",
                report.results().stream().filter(CheckResult::recoveredAfterRetry).count());
        json.writeNumberProperty("problems", report.problems().size());
        json.writeEndObject();
    }

    private static void writeResult(JsonGenerator json, CheckResult result) {
        json.writeStartObject();
        json.writeStringProperty("service", result.id().service());
        json.writeStringProperty("module", result.id().module());
        json.writeStringProperty("name", result.id().name());
        json.writeStringProperty("method", result.method());
        json.writeStringProperty("url", result.url());
        json.writeStringProperty("outcome", result.outcome().name());
        json.writeStringProperty("reasonCode", result.reasonCode());
        json.writeStringProperty("reason", result.reason());
        if (result.status() == null) {
            json.writeNullProperty("status");
        } else {
            json.writeNumberProperty("status", result.status());
        }
        json.writeNumberProperty("latencyMs", result.latency().toMillis());
        json.writeNumberProperty("attempts", result.attempts());
        json.writeBooleanProperty("recoveredAfterRetry", result.recoveredAfterRetry());
        json.writeStringProperty("checkedAt", result.checkedAt().toString());
        writeStrings(json, "warnings", result.warnings());
        if (result.request() != null) {
            writeRequest(json, result.request());
        }
        if (result.response() != null) {
            writeResponse(json, result.response());
        }
        json.writeEndObject();
    }

    private static void writeRequest(JsonGenerator json, HttpRequestSnapshot request) {
        json.writeObjectPropertyStart("request");
        json.writeStringProperty("method", request.method());
        json.writeStringProperty("url", request.url());
        writeHeaders(json, request.headers());
        json.writeStringProperty("body", request.body());
        json.writeEndObject();
    }

    private static void writeResponse(JsonGenerator json, HttpResponseSnapshot response) {
        json.writeObjectPropertyStart("response");
        json.writeNumberProperty("status", response.status());
        writeHeaders(json, response.headers());
        json.writeStringProperty("body", response.body());
        json.writeBooleanProperty("bodyTruncated", response.bodyTruncated());
        json.writeNumberProperty("bodyBytes", response.bodyBytes());
        writeStrings(json, "redirects", response.redirects());
        json.writeEndObject();
    }

    private static void writeHeaders(JsonGenerator json, Map<String, List<String>> headers) {
        json.writeObjectPropertyStart("headers");
        headers.forEach((name, values) -> json.writeStringProperty(name, String.join(", ", values)));
        json.writeEndObject();
    }

    private static void writeProblem(JsonGenerator json, Problem problem) {
        json.writeStartObject();
        json.writeStringProperty("severity", problem.severity().name());
        json.writeStringProperty("file", problem.source());
        json.writeNumberProperty("line", problem.line());
        json.writeNumberProperty("column", problem.column());
        json.writeStringProperty("message", problem.message());
        json.writeStringProperty("hint", problem.hint());
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String name, List<String> values) {
        json.writeArrayPropertyStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
