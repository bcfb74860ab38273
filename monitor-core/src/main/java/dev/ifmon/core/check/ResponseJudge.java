package dev.ifmon.core.check;

import dev.ifmon.api.Check;
import dev.ifmon.api.CheckSpec;
import dev.ifmon.api.Exchange;
import dev.ifmon.api.Expectation;
import dev.ifmon.api.Headers;
import dev.ifmon.api.JsonAssertion;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Runs an endpoint's {@code expect} checks (latency, JSON assertions, body and header matches, drift) and
 * its plug-in checks on one response. Every failing check is listed in the reason; warnings make the
 * endpoint {@link Outcome#DEGRADED}. A plug-in that throws fails the endpoint with {@code CHECK_ERROR}
 * naming the plug-in; other endpoints are unaffected. Thread-safe if the plug-ins are.
 */
final class ResponseJudge {

    private final Map<String, Check> plugins;

    ResponseJudge(Map<String, Check> plugins) {
        this.plugins = Map.copyOf(plugins);
    }

    /** Collects failures and warnings with their codes while the checks run. */
    private static final class Findings {
        private final List<String> failures = new ArrayList<>();
        private final List<String> degraded = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private String failCode = "";
        private String degradedCode = "";

        void fail(String code, String reason) {
            failCode = failCode.isEmpty() ? code : failCode;
            failures.add(reason);
        }

        void degrade(String code, String reason) {
            degradedCode = degradedCode.isEmpty() ? code : degradedCode;
            degraded.add(reason);
            warnings.add(reason);
        }
    }

    /**
     * @param exchange the request and the response
     * @param warnings warnings found before the checks (dropped headers, certificate expiry, truncation)
     * @return the judgement
     */
    Judgement judge(Exchange exchange, List<String> warnings) {
        Expectation expect = exchange.endpoint().expect();
        Optional<String> unknown = unknownCheck(expect);
        if (unknown.isPresent()) {
            return new Judgement(Outcome.CONFIG_ERROR, "UNKNOWN_CHECK", unknown.get(), warnings);
        }
        Findings findings = new Findings();
        findings.warnings.addAll(warnings);
        try {
            runBuiltIns(exchange, expect, findings);
        } catch (PatternSyntaxException e) {
            return new Judgement(Outcome.CONFIG_ERROR, "INVALID_REGEX", "invalid regex in expect: "
                    + e.getDescription() + " in '" + e.getPattern() + "'; fix the endpoint doc", warnings);
        }
        runPlugins(exchange, expect, findings);
        return conclude(findings);
    }

    private Optional<String> unknownCheck(Expectation expect) {
        return expect.checks().stream().map(CheckSpec::type).filter(type -> !plugins.containsKey(type)).findFirst()
                .map(type -> "unknown check type '" + type + "' in expect.checks; known types: "
                        + plugins.keySet().stream().sorted().toList() + "; install the plug-in jar or fix the name");
    }

    private static void runBuiltIns(Exchange exchange, Expectation expect, Findings findings) {
        checkLatency(exchange.latency(), expect, findings);
        String body = exchange.response().body();
        String cut = exchange.response().bodyTruncated()
                ? " (only the first " + body.length() + " characters were read)" : "";
        checkJson(body, expect, findings, cut);
        for (String text : expect.bodyContains()) {
            if (!body.contains(text)) {
                findings.fail("ASSERTION", "body does not contain '" + text + "'" + cut);
            }
        }
        if (expect.bodyRegex() != null && !Patterns.get(expect.bodyRegex()).matcher(body).find()) {
            findings.fail("ASSERTION", "body does not match /" + expect.bodyRegex() + "/" + cut);
        }
        checkHeaders(exchange.response().headers(), expect.headers(), findings);
        if (expect.drift()) {
            checkDrift(exchange.endpoint().exampleResponse(), body, findings);
        }
    }

    private static void checkLatency(Duration latency, Expectation expect, Findings findings) {
        if (expect.maxLatency() != null && latency.compareTo(expect.maxLatency()) > 0) {
            findings.fail("LATENCY", "latency " + latency.toMillis() + " ms is above max_latency "
                    + expect.maxLatency().toMillis() + " ms");
        } else if (expect.warnLatency() != null && latency.compareTo(expect.warnLatency()) > 0) {
            findings.degrade("SLOW", "latency " + latency.toMillis() + " ms is above warn_latency "
                    + expect.warnLatency().toMillis() + " ms");
        }
    }

    private static void checkJson(String body, Expectation expect, Findings findings, String cut) {
        if (expect.json().isEmpty()) {
            return;
        }
        Optional<JsonNode> root = JsonChecks.parse(body);
        if (root.isEmpty()) {
            findings.fail("ASSERTION", "body is not JSON, so expect.json cannot be checked" + cut);
            return;
        }
        for (JsonAssertion assertion : expect.json()) {
            JsonChecks.evaluate(root.get(), assertion).ifPresent(reason -> findings.fail("ASSERTION", reason));
        }
    }

    private static void checkHeaders(Map<String, List<String>> headers, Map<String, String> expected,
            Findings findings) {
        expected.forEach((name, regex) -> {
            Optional<String> value = Headers.first(headers, name);
            if (value.isEmpty()) {
                findings.fail("ASSERTION", "header " + name + " is missing");
            } else if (!Patterns.get(regex).matcher(value.get()).find()) {
                findings.fail("ASSERTION", "header " + name + " is '" + value.get() + "', which does not match /"
                        + regex + "/");
            }
        });
    }

    private static void checkDrift(String example, String body, Findings findings) {
        if (example == null || example.isBlank()) {
            findings.warnings.add("drift: the doc has no example response to compare with");
            return;
        }
        Optional<JsonNode> expected = JsonChecks.parse(example);
        Optional<JsonNode> actual = JsonChecks.parse(body);
        if (expected.isEmpty() || actual.isEmpty()) {
            findings.degrade("DRIFT", "drift: " + (expected.isEmpty() ? "the example" : "the body")
                    + " is not JSON");
            return;
        }
        DriftDetector.compare(expected.get(), actual.get())
                .forEach(difference -> findings.degrade("DRIFT", "drift: " + difference));
    }

    private void runPlugins(Exchange exchange, Expectation expect, Findings findings) {
        for (CheckSpec spec : expect.checks()) {
            Verdict verdict;
            try {
                verdict = plugins.get(spec.type()).evaluate(exchange, spec.settings());
            } catch (RuntimeException | LinkageError e) {
                findings.fail("CHECK_ERROR", "check '" + spec.type() + "' failed with " + e.getClass().getName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                continue;
            }
            if (verdict == null) {
                findings.fail("CHECK_ERROR", "check '" + spec.type() + "' returned no verdict");
            } else if (verdict.level() == Verdict.Level.FAIL) {
                findings.fail("ASSERTION", "check '" + spec.type() + "': " + verdict.reason());
            } else if (verdict.level() == Verdict.Level.WARN) {
                findings.degrade("CHECK_WARNING", "check '" + spec.type() + "': " + verdict.reason());
            }
        }
    }

    private static Judgement conclude(Findings findings) {
        if (!findings.failures.isEmpty()) {
            return new Judgement(Outcome.ASSERTION_FAILED, findings.failCode, String.join("; ", findings.failures),
                    findings.warnings);
        }
        if (!findings.degraded.isEmpty()) {
            return new Judgement(Outcome.DEGRADED, findings.degradedCode, String.join("; ", findings.degraded),
                    findings.warnings);
        }
        return new Judgement(Outcome.OK, "", "", findings.warnings);
    }
}
