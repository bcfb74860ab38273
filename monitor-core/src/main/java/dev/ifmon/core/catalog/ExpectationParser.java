package dev.ifmon.core.catalog;

import dev.ifmon.api.CheckSpec;
import dev.ifmon.api.Durations;
import dev.ifmon.api.Expectation;
import dev.ifmon.api.JsonAssertion;
import dev.ifmon.api.Settings;
import dev.ifmon.api.StatusRange;
import dev.ifmon.core.config.tree.ListNode;
import dev.ifmon.core.config.tree.MapNode;
import dev.ifmon.core.config.tree.Node;
import dev.ifmon.core.config.tree.ScalarNode;
import dev.ifmon.api.Suggestions;
import dev.ifmon.core.config.tree.Trees;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads a doc's {@code expect} block into an {@link Expectation}. One per entry; not thread-safe. */
final class ExpectationParser {

    static final List<String> KEYS = List.of("status", "max_latency", "warn_latency", "json", "body_contains",
            "body_regex", "headers", "drift", "checks");
    static final List<String> OPERATORS = List.of("equals", "exists", "type", "regex", "length");
    static final List<String> JSON_TYPES = List.of("string", "number", "integer", "boolean", "object", "array",
            "null");
    /** The key that holds an assertion's JSON pointer, and its alias (the engine docs' spelling). */
    static final List<String> POINTER_KEYS = List.of("path", "pointer");

    /** Receives a problem at a node. */
    @FunctionalInterface
    interface Report {
        void add(Node at, String message, String hint);
    }

    private final Report error;
    private final Report warning;
    private final String display;

    ExpectationParser(Report error, Report warning, String display) {
        this.error = error;
        this.warning = warning;
        this.display = display;
    }

    Expectation parse(Node node, boolean hasResponse) {
        if (node == null || node instanceof ScalarNode scalar && scalar.isNull()) {
            return Expectation.none();
        }
        if (!(node instanceof MapNode block)) {
            error.add(node, "'expect' must be a block of keys, but is " + node.describe(),
                    "write e.g. 'expect: {status: 200}'");
            return Expectation.none();
        }
        checkKeys(block);
        boolean drift = drift(block.get("drift"));
        if (drift && !hasResponse) {
            warning.add(block.get("drift"), "'expect.drift' is on but the doc has no 'response' example",
                    "add a 'response' example to compare with");
        }
        return new Expectation(statuses(block.get("status")), latency(block.get("max_latency"), "max_latency"),
                latency(block.get("warn_latency"), "warn_latency"), json(block.get("json")),
                texts(block.get("body_contains"), "body_contains"), regex(block.get("body_regex"), "body_regex"),
                headers(block.get("headers")), drift, checks(block.get("checks")));
    }

    private void checkKeys(MapNode block) {
        for (MapNode.Entry entry : block.entries().values()) {
            if (!KEYS.contains(entry.key())) {
                error.add(entry.value(), "unknown key 'expect." + entry.key() + "'",
                        Suggestions.hint(entry.key(), KEYS));
            }
        }
    }

    private List<StatusRange> statuses(Node node) {
        List<StatusRange> ranges = new ArrayList<>();
        for (ScalarNode item : scalars(node, "expect.status")) {
            try {
                ranges.add(StatusRange.parse(item.text()));
            } catch (IllegalArgumentException e) {
                error.add(item, "'expect.status' holds '" + item.text() + "', which is not a status or range",
                        "write 200, 200-299 or 2xx, within 100-599");
            }
        }
        return ranges;
    }

    private Duration latency(Node node, String key) {
        if (node == null || node instanceof ScalarNode scalar && scalar.isNull()) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            try {
                return Durations.parse(scalar.text(), "ms");
            } catch (IllegalArgumentException e) {
                error.add(node, "'expect." + key + "' is '" + scalar.text() + "', which is not a duration",
                        "write milliseconds (800) or a unit (2s)");
                return null;
            }
        }
        error.add(node, "'expect." + key + "' must be a single value, but is " + node.describe(), "write 800ms");
        return null;
    }

    private List<JsonAssertion> json(Node node) {
        List<JsonAssertion> assertions = new ArrayList<>();
        if (node == null || node instanceof ScalarNode scalar && scalar.isNull()) {
            return assertions;
        }
        if (node instanceof MapNode shorthand) {
            for (MapNode.Entry entry : shorthand.entries().values()) {
                assertion(entry.value(), entry.key(), entry.value() instanceof MapNode ops ? ops : null, assertions);
            }
        } else if (node instanceof ListNode list) {
            for (Node item : list.items()) {
                listAssertion(item, assertions);
            }
        } else {
            error.add(node, "'expect.json' must be a list of assertions, but is " + node.describe(),
                    "write '- {path: /code, equals: 0}'");
        }
        return assertions;
    }

    private void listAssertion(Node item, List<JsonAssertion> assertions) {
        MapNode block = item instanceof MapNode map ? map : new MapNode(Map.of(), item.line(), item.column());
        List<String> keys = POINTER_KEYS.stream().filter(block::has).toList();
        if (keys.size() > 1) {
            error.add(item, "an 'expect.json' entry has both 'path' and 'pointer'",
                    "keep one; 'pointer' is another name for 'path'");
            return;
        }
        if (keys.isEmpty() || !(block.get(keys.get(0)) instanceof ScalarNode path)) {
            error.add(item, "an 'expect.json' entry needs 'path' (or 'pointer') and one operator", "write '- {path:"
                    + " /code, equals: 0}' with one of " + String.join(", ", OPERATORS));
            return;
        }
        Map<String, MapNode.Entry> ops = new LinkedHashMap<>(block.entries());
        ops.remove(keys.get(0));
        assertion(block, path.text(), new MapNode(ops, block.line(), block.column()), assertions);
    }

    private void assertion(Node at, String writtenPath, MapNode ops, List<JsonAssertion> assertions) {
        String pointer = pointer(at, writtenPath);
        if (pointer == null) {
            return;
        }
        if (ops == null) {
            assertions.add(new JsonAssertion(pointer, JsonAssertion.Operator.EQUALS, expected(at)));
            return;
        }
        if (ops.entries().size() != 1 || !OPERATORS.contains(ops.entries().keySet().iterator().next())) {
            String written = String.join(", ", ops.entries().keySet());
            error.add(at, "the assertion on '" + writtenPath + "' must have exactly one operator, but has '"
                    + written + "'", ops.entries().size() == 1 ? Suggestions.hint(written, OPERATORS)
                    : "use one of " + String.join(", ", OPERATORS));
            return;
        }
        MapNode.Entry op = ops.entries().values().iterator().next();
        JsonAssertion assertion = operator(pointer, op);
        if (assertion != null) {
            assertions.add(assertion);
        }
    }

    private JsonAssertion operator(String pointer, MapNode.Entry op) {
        Node value = op.value();
        return switch (op.key()) {
            case "equals" -> new JsonAssertion(pointer, JsonAssertion.Operator.EQUALS, expected(value));
            case "exists" -> new JsonAssertion(pointer, JsonAssertion.Operator.EXISTS, null);
            case "type" -> typeAssertion(pointer, value);
            case "regex" -> {
                String regex = regex(value, "expect.json regex");
                yield regex == null ? null : new JsonAssertion(pointer, JsonAssertion.Operator.REGEX, regex);
            }
            default -> lengthAssertion(pointer, value);
        };
    }

    private JsonAssertion typeAssertion(String pointer, Node value) {
        String type = value instanceof ScalarNode scalar ? scalar.text() : "";
        if (!JSON_TYPES.contains(type)) {
            error.add(value, "'type' must name a JSON type, but is " + value.describe(),
                    "use one of " + String.join(", ", JSON_TYPES));
            return null;
        }
        return new JsonAssertion(pointer, JsonAssertion.Operator.TYPE, type);
    }

    private JsonAssertion lengthAssertion(String pointer, Node value) {
        String length = value instanceof ScalarNode scalar ? scalar.text().replace(" ", "") : "";
        if (!length.matches("[0-9]{1,9}(-[0-9]{1,9})?")) {
            error.add(value, "'length' must be a number or a range like 1-10, but is " + value.describe(),
                    "write length: 3 or length: 1-10");
            return null;
        }
        return new JsonAssertion(pointer, JsonAssertion.Operator.LENGTH, length);
    }

    private String pointer(Node at, String written) {
        String path = written.strip();
        if (path.equals("$")) {
            return "";
        }
        if (path.startsWith("$.")) {
            return "/" + path.substring(2).replace("~", "~0").replace("/", "~1").replace('.', '/');
        }
        if (path.isEmpty() || path.startsWith("/")) {
            return path;
        }
        error.add(at, "'" + written + "' is not a JSON pointer", "write it as /" + path.replace('.', '/')
                + " (a JSON pointer) or $." + path);
        return null;
    }

    private Object expected(Node value) {
        if (value instanceof ScalarNode scalar) {
            return switch (scalar.kind()) {
                case NULL -> null;
                case STRING -> scalar.text();
                case NUMBER -> scalar.isJsonNumber() ? new BigDecimal(scalar.text()) : scalar.text();
                case BOOLEAN -> scalar.isJsonBoolean() ? Boolean.valueOf(scalar.text()) : scalar.text();
            };
        }
        return Trees.toPlain(value);
    }

    private List<String> texts(Node node, String key) {
        List<String> texts = new ArrayList<>();
        scalars(node, "expect." + key).forEach(item -> texts.add(item.text()));
        return texts;
    }

    private String regex(Node node, String key) {
        if (node == null || node instanceof ScalarNode scalar && scalar.isNull()) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            error.add(node, "'" + key + "' must be one regex, but is " + node.describe(), "write one regex");
            return null;
        }
        try {
            Pattern.compile(scalar.text());
            return scalar.text();
        } catch (PatternSyntaxException e) {
            error.add(node, "'" + key + "' is not a valid regex: '" + scalar.text() + "' (" + e.getDescription()
                    + ")", "fix the regex; escape special characters with \\");
            return null;
        }
    }

    private Map<String, String> headers(Node node) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node == null || node instanceof ScalarNode scalar && scalar.isNull()) {
            return headers;
        }
        if (!(node instanceof MapNode block)) {
            error.add(node, "'expect.headers' must be a block of header names and regexes, but is "
                    + node.describe(), "write 'headers: {Content-Type: json}'");
            return headers;
        }
        block.entries().values().forEach(entry -> {
            String regex = regex(entry.value(), "expect.headers." + entry.key());
            if (regex != null) {
                headers.put(entry.key(), regex);
            }
        });
        return headers;
    }

    private boolean drift(Node node) {
        if (node == null || node instanceof ScalarNode scalar && scalar.isNull()) {
            return false;
        }
        if (node instanceof ScalarNode scalar && scalar.text().matches("(?i)true|false")) {
            return Boolean.parseBoolean(scalar.text());
        }
        error.add(node, "'expect.drift' must be true or false, but is " + node.describe(), "write true or false");
        return false;
    }

    private List<CheckSpec> checks(Node node) {
        List<CheckSpec> checks = new ArrayList<>();
        if (node == null || node instanceof ScalarNode scalar && scalar.isNull()) {
            return checks;
        }
        List<Node> items = node instanceof ListNode list ? list.items() : List.of(node);
        for (Node item : items) {
            if (item instanceof MapNode block && block.get("type") instanceof ScalarNode type
                    && !type.text().isBlank()) {
                Map<String, Object> settings = Trees.toPlainMap(block);
                settings.remove("type");
                checks.add(new CheckSpec(type.text().strip(), Settings.of(display + ":" + item.line()
                        + ": expect.checks[" + type.text().strip() + "]", settings)));
            } else {
                error.add(item, "an 'expect.checks' entry needs a 'type'", "write '- {type: NAME, ...}'");
            }
        }
        return checks;
    }

    private List<ScalarNode> scalars(Node node, String key) {
        List<ScalarNode> scalars = new ArrayList<>();
        if (node == null || node instanceof ScalarNode scalar && scalar.isNull()) {
            return scalars;
        }
        List<Node> items = node instanceof ListNode list ? list.items() : List.of(node);
        for (Node item : items) {
            if (item instanceof ScalarNode scalar && !scalar.isNull()) {
                scalars.add(scalar);
            } else {
                error.add(item, "'" + key + "' must hold single values, but holds " + item.describe(),
                        "write one value or a list of values");
            }
        }
        return scalars;
    }
}
