package dev.ifmon.core.check;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Compares a response body with the doc's example {@code response}: fields added, fields missing, types
 * changed. An example value that is a type word ({@code "string"}, {@code "number"}, ...) stands for that
 * type, as the brief's docs write them. Arrays are compared by their first element. Stateless and
 * thread-safe.
 */
final class DriftDetector {

    /** At most this many differences are listed. */
    static final int MAX_DIFFERENCES = 10;

    private DriftDetector() {
    }

    /**
     * @param example the example response
     * @param actual the response body
     * @return the differences, e.g. {@code missing field /data/token}; empty when the shapes agree
     */
    static List<String> compare(JsonNode example, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        walk("", example, actual, differences);
        return differences.size() > MAX_DIFFERENCES ? differences.subList(0, MAX_DIFFERENCES) : differences;
    }

    private static void walk(String path, JsonNode example, JsonNode actual, List<String> differences) {
        String expectedType = expectedType(example);
        String actualType = JsonChecks.typeName(actual);
        if (!compatible(expectedType, actual, actualType)) {
            differences.add("type of " + shown(path) + " changed from " + expectedType + " to " + actualType);
            return;
        }
        if (example.isObject()) {
            compareObjects(path, example, actual, differences);
        } else if (example.isArray() && !example.isEmpty() && !actual.isEmpty()) {
            walk(path + "/0", example.get(0), actual.get(0), differences);
        }
    }

    private static void compareObjects(String path, JsonNode example, JsonNode actual, List<String> differences) {
        for (Map.Entry<String, JsonNode> field : example.properties()) {
            JsonNode value = actual.get(field.getKey());
            String child = path + "/" + field.getKey();
            if (value == null) {
                differences.add("missing field " + child);
            } else {
                walk(child, field.getValue(), value, differences);
            }
        }
        Iterator<String> names = actual.propertyNames().iterator();
        while (names.hasNext()) {
            String name = names.next();
            if (!example.has(name)) {
                differences.add("added field " + path + "/" + name);
            }
        }
    }

    private static String expectedType(JsonNode example) {
        if (example.isString() && JsonChecks.typeWords().contains(example.asString())) {
            return example.asString();
        }
        return JsonChecks.typeName(example);
    }

    private static boolean compatible(String expectedType, JsonNode actual, String actualType) {
        if (actual.isNull() || expectedType.equals("null")) {
            return true;
        }
        if (expectedType.equals("integer")) {
            return actual.isIntegralNumber();
        }
        return expectedType.equals(actualType);
    }

    private static String shown(String path) {
        return path.isEmpty() ? "the document" : path;
    }
}
