package dev.ifmon.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.api.HttpResponseSnapshot;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RoundReport;
import dev.ifmon.api.Severity;
import dev.ifmon.core.round.RoundRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON report matches its documented contract. The contract is read from {@code docs/cli.md} itself (the
 * field tables of "The JSON report" section), not from a copy in this test, so that the documentation cannot
 * drift from what {@link JsonReportWriter} writes: a field the doc lists must be in the report, a field the
 * report has must be in the doc, and every reason code written must be in the doc's reason-code table.
 */
class JsonReportContractTest {

    private static final Pattern FIELD_ROW = Pattern.compile("^\\| `([A-Za-z_]+)` \\| ([^|]*) \\|");
    private static final Pattern CODE_CELL = Pattern.compile("^\\| `?[A-Z_]*`? *\\| `([A-Z_<>a-z]*)` \\|");
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 12, 4, 9, 0, 0, 0, ZoneOffset.ofHours(8));

    @TempDir
    Path folder;

    private JsonNode report;

    /** Writes a real report file with one result of every outcome, the (auth) pseudo-endpoint and two problems. */
    @BeforeEach
    void writeAReportWithOneOfEachKind() throws IOException {
        List<CheckResult> results = new ArrayList<>();
        results.add(result("user", "login", "用户登录", Outcome.OK, "", 200, 1, null, null));
        results.add(result("user", "login", "慢接口", Outcome.DEGRADED, "SLOW", 200, 1, null, null));
        results.add(result("user", "order", "订单详情", Outcome.HTTP_ERROR, "HTTP_500", 500, 2, request(),
                new HttpResponseSnapshot(500, Map.of("Content-Type", List.of("application/json")),
                        "{\"code\":500}", false, 12, List.of("http://127.0.0.1:1/user/order/v2"))));
        results.add(result("nurse", "patient", "患者列表", Outcome.TIMEOUT, "HEADERS_TIMEOUT", null, 1, request(),
                null));
        results.add(result("admin", "system", "旧版探针", Outcome.NETWORK_ERROR, "REFUSED", null, 2, request(),
                null));
        results.add(result("admin", "system", "证书", Outcome.TLS_ERROR, "TLS_EXPIRED", null, 1, request(), null));
        results.add(new CheckResult(new EndpointId("billing", RoundRunner.SERVICE_MODULE, RoundRunner.AUTH_NAME),
                "POST", "http://127.0.0.1:1/billing/token", Outcome.AUTH_ERROR, "AUTH_FAILED", "login failed", null,
                Duration.ofMillis(8), 1, Instant.EPOCH, null, null, List.of()));
        results.add(result("nurse", "patient", "患者详情", Outcome.ASSERTION_FAILED, "ASSERTION", 200, 1, request(),
                new HttpResponseSnapshot(200, Map.of(), "{\"code\":1001}", true, 70000, List.of())));
        results.add(result("admin", "user", "坏正则", Outcome.CONFIG_ERROR, "INVALID_REGEX", null, 1, null, null));
        results.add(result("billing", "invoice", "发票", Outcome.NOT_CHECKED, "AUTH_FAILED", null, 0, null, null));
        List<Problem> problems = List.of(Problem.error("Interface-pool/user/x.json", "bad doc", "fix it"),
                new Problem(Severity.WARNING, "config.yaml", 3, 1, "unknown key 'x'", ""));
        Path file = folder.resolve("report.json");

        JsonReportWriter.write(new RoundReport("prod", START, START.plusSeconds(2), results, problems), file);

        report = JsonMapper.builder().build().readTree(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void everyDocumentedFieldIsWrittenAndEveryWrittenFieldIsDocumented() throws IOException {
        Map<String, Map<String, Boolean>> contract = contract();
        Map<String, List<JsonNode>> objects = Map.of(
                "Top level:", List.of(report),
                "`summary`:", List.of(report.path("summary")),
                "Each `results[]` item:", items(report.path("results")),
                "`request` (optional):", present(items(report.path("results")), "request"),
                "`response` (optional):", present(items(report.path("results")), "response"),
                "Each `problems[]` item:", items(report.path("problems")));

        assertThat(contract).containsOnlyKeys(objects.keySet());
        contract.forEach((section, fields) -> {
            List<JsonNode> nodes = objects.get(section);
            assertThat(nodes).as(section).isNotEmpty();
            fields.forEach((field, optional) -> {
                long having = nodes.stream().filter(node -> node.has(field)).count();
                if (optional) {
                    assertThat(having).as("%s field %s in some object", section, field).isPositive();
                } else {
                    assertThat(having).as("%s field %s in every object", section, field).isEqualTo(nodes.size());
                }
            });
            nodes.forEach(node -> assertThat(node.propertyNames()).as(section + " has only documented fields")
                    .isSubsetOf(fields.keySet()));
        });
    }

    @Test
    void headersAreANameToStringMap() {
        JsonNode headers = report.path("results").get(2).path("response").path("headers");

        assertThat(headers.isObject()).isTrue();
        assertThat(headers.path("Content-Type").isString()).isTrue();
        assertThat(report.path("results").get(2).path("request").path("headers").path("Accept").asString())
                .isEqualTo("application/json, text/plain");
    }

    @Test
    void theAuthPseudoEndpointIsAResultCountedInTheTotal() {
        JsonNode auth = items(report.path("results")).stream()
                .filter(node -> node.path("name").asString().equals("(auth)")).findFirst().orElseThrow();

        assertThat(auth.path("module").asString()).isEqualTo("*");
        assertThat(auth.path("reasonCode").asString()).isEqualTo("AUTH_FAILED");
        assertThat(report.path("summary").path("total").asInt()).isEqualTo(10);
        assertThat(report.path("summary").path("AUTH_ERROR").asInt()).isEqualTo(1);
    }

    @Test
    void everyReasonCodeWrittenIsInTheDocumentedTable() throws IOException {
        Set<String> documented = reasonCodes();

        for (JsonNode result : items(report.path("results"))) {
            if (result.path("reasonCode").asString().isEmpty()) {
                continue;
            }
            String code = result.path("reasonCode").asString().replaceFirst("^HTTP_\\d{3}$", "HTTP_<status>");
            assertThat(documented).as("reason codes in docs/cli.md").contains(code);
        }
    }

    @Test
    void writingToAStreamLeavesItOpenForTheCallerToSyncAndClose() {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        JsonReportWriter.write(new RoundReport("", START, START, List.of(), List.of()), bytes);

        assertThat(closed[0]).as("stream closed by the writer").isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\"startedAt\"").endsWith("}");
    }

    private static CheckResult result(String service, String module, String name, Outcome outcome, String code,
            Integer status, int attempts, HttpRequestSnapshot request, HttpResponseSnapshot response) {
        return new CheckResult(new EndpointId(service, module, name), "GET", "http://127.0.0.1:1/" + module,
                outcome, code, code.isEmpty() ? "" : "because " + code, status, Duration.ofMillis(5), attempts,
                Instant.parse("2026-12-04T01:00:01.500Z"), request, response,
                outcome == Outcome.OK ? List.of() : List.of("a note"));
    }

    private static HttpRequestSnapshot request() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("application/json", "text/plain"));
        headers.put("Authorization", List.of("******"));
        return new HttpRequestSnapshot("GET", "http://127.0.0.1:1/x", headers, "");
    }

    private static List<JsonNode> items(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<JsonNode> present(List<JsonNode> results, String field) {
        return results.stream().filter(node -> node.has(field)).map(node -> node.get(field)).toList();
    }

    /** @return section label (the line before its table) to field name to whether the field is optional */
    private static Map<String, Map<String, Boolean>> contract() throws IOException {
        Map<String, Map<String, Boolean>> sections = new LinkedHashMap<>();
        String label = null;
        for (String line : jsonReportSection()) {
            if (line.startsWith("### ")) {
                break;
            }
            Matcher row = FIELD_ROW.matcher(line);
            if (row.find() && label != null) {
                sections.computeIfAbsent(label, key -> new LinkedHashMap<>())
                        .put(row.group(1), row.group(2).contains("optional"));
            } else if (!line.isBlank() && !line.startsWith("|")) {
                label = line.strip();
            }
        }
        return sections;
    }

    private static Set<String> reasonCodes() throws IOException {
        Set<String> codes = new LinkedHashSet<>();
        boolean inTable = false;
        for (String line : jsonReportSection()) {
            inTable |= line.startsWith("### Reason codes");
            Matcher cell = CODE_CELL.matcher(line);
            if (inTable && cell.find()) {
                codes.add(cell.group(1));
            }
        }
        return codes;
    }

    /** @return the lines of docs/cli.md from "## The JSON report" up to the next "## " heading */
    private static List<String> jsonReportSection() throws IOException {
        List<String> lines = Files.readAllLines(cliDoc(), StandardCharsets.UTF_8);
        int start = lines.indexOf(lines.stream().filter(line -> line.startsWith("## The JSON report")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/cli.md has no '## The JSON report' section")));
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    private static Path cliDoc() {
        Path folder = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && folder != null; up++, folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("docs/cli.md"))) {
                return folder.resolve("docs/cli.md");
            }
        }
        throw new AssertionError("docs/cli.md not found above " + Path.of("").toAbsolutePath());
    }
}
