package dev.ifmon.core.report;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.api.HttpResponseSnapshot;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RoundReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * STAND-IN of the lead's JSON report writer: writes a {@link RoundReport} as the public JSON report contract
 * (see the runner's docs). Stateless and thread-safe.
 */
public final class JsonReportWriter {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private JsonReportWriter() {
    }

    /**
     * Writes the report to a file, replacing it atomically.
     *
     * @param report the report
     * @param file where to write it
     * @throws IfmonException when the file cannot be written
     */
    public static void write(RoundReport report, Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                JSON.writerWithDefaultPrettyPrinter().writeValue(out, toTree(report));
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            throw new IfmonException(file + ": the JSON report cannot be written (" + e.getMessage()
                    + "); choose a writable path for --report-json", e);
        }
    }

    private static Map<String, Object> toTree(RoundReport report) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("startedAt", report.startedAt().toString());
        tree.put("finishedAt", report.finishedAt().toString());
        tree.put("environment", report.environment());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", report.results().size());
        for (Outcome outcome : Outcome.values()) {
            summary.put(outcome.name(), report.summary().get(outcome));
        }
        tree.put("summary", summary);
        tree.put("results", report.results().stream().map(JsonReportWriter::result).toList());
        tree.put("problems", report.problems().stream().map(JsonReportWriter::problem).toList());
        return tree;
    }

    private static Map<String, Object> result(CheckResult result) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("service", result.id().service());
        tree.put("module", result.id().module());
        tree.put("name", result.id().name());
        tree.put("method", result.method());
        tree.put("url", result.url());
        tree.put("outcome", result.outcome().name());
        tree.put("reasonCode", result.reasonCode());
        tree.put("reason", result.reason());
        tree.put("status", result.status());
        tree.put("latencyMs", result.latency().toMillis());
        tree.put("attempts", result.attempts());
        tree.put("recoveredAfterRetry", result.recoveredAfterRetry());
        tree.put("warnings", result.warnings());
        if (result.request() != null) {
            tree.put("request", request(result.request()));
        }
        if (result.response() != null) {
            tree.put("response", response(result.response()));
        }
        return tree;
    }

    private static Map<String, Object> request(HttpRequestSnapshot request) {
        return Map.of("method", request.method(), "url", request.url(), "headers", request.headers(),
                "body", request.body());
    }

    private static Map<String, Object> response(HttpResponseSnapshot response) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("status", response.status());
        tree.put("headers", response.headers());
        tree.put("body", response.body());
        tree.put("bodyTruncated", response.bodyTruncated());
        return tree;
    }

    private static Map<String, Object> problem(Problem problem) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("severity", problem.severity().name());
        tree.put("file", problem.source());
        tree.put("line", problem.line());
        tree.put("column", problem.column());
        tree.put("message", problem.message());
        tree.put("hint", problem.hint());
        return tree;
    }

}
