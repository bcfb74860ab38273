package dev.ifmon.core.check;

import dev.ifmon.api.JsonAssertion;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates {@code expect.json} assertions (RFC 6901 pointers) and names JSON types. Stateless and
 * thread-safe.
 */
final class JsonChecks {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private JsonChecks() {
    }

    /**
     * @param text a body
     * @return the parsed tree, or empty when the text is not JSON
     */
    static Optional<JsonNode> parse(String text) {
        try {
            return Optional.ofNullable(MAPPER.readTree(text));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /**
     * @param root the parsed body
     * @param assertion one assertion
     * @return why it does not hold, or empty when it holds
     */
    static Optional<String> evaluate(JsonNode root, JsonAssertion assertion) {
        JsonNode node;
        try {
            node = root.at(assertion.pointer());
        } catch (IllegalArgumentException e) {
            return Optional.of("invalid JSON pointer '" + assertion.pointer() + "' (it must start with /)");
        }
        String where = assertion.pointer().isEmpty() ? "the document" : assertion.pointer();
        if (node.isMissingNode()) {
            return Optional.of("no value at " + where);
        }
        return switch (assertion.operator()) {
            case EXISTS -> Optional.empty();
            case EQUALS -> equalsCheck(node, assertion.expected(), where);
            case TYPE -> typeCheck(node, assertion.expected(), where);
            case REGEX -> regexCheck(node, assertion.expected(), where);
            case LENGTH -> lengthCheck(node, assertion.expected(), where);
        };
    }

    private static Optional<String> equalsCheck(JsonNode node, Object expected, String where) {
        if (valueEquals(node, expected)) {
            return Optional.empty();
        }
        return Optional.of(where + " is " + shown(node) + ", expected " + shownExpected(expected));
    }

    private static boolean valueEquals(JsonNode node, Object expected) {
        if (expected == null) {
            return node.isNull();
        }
        if (expected instanceof Number number && node.isNumber()) {
            return new BigDecimal(number.toString()).compareTo(node.decimalValue()) == 0;
        }
        if (expected instanceof String text && node.isValueNode() && !node.isNull()) {
            return text.equals(node.asString()) || numericText(node, text);
        }
        if (expected instanceof Boolean bool && node.isBoolean()) {
            return bool == node.booleanValue();
        }
        return MAPPER.valueToTree(expected).equals(node);
    }

    private static boolean numericText(JsonNode node, String text) {
        try {
            return node.isNumber() && new BigDecimal(text.trim()).compareTo(node.decimalValue()) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<String> typeCheck(JsonNode node, Object expected, String where) {
        String wanted = String.valueOf(expected).trim().toLowerCase(Locale.ROOT);
        boolean ok = wanted.equals("integer") ? node.isIntegralNumber() : typeName(node).equals(wanted);
        return ok ? Optional.empty() : Optional.of(where + " is of type " + typeName(node) + ", expected " + wanted);
    }

    private static Optional<String> regexCheck(JsonNode node, Object expected, String where) {
        String text = node.isValueNode() ? node.asString() : node.toString();
        if (Patterns.get(String.valueOf(expected)).matcher(text).find()) {
            return Optional.empty();
        }
        return Optional.of(where + " is " + shown(node) + ", which does not match /" + expected + "/");
    }

    private static Optional<String> lengthCheck(JsonNode node, Object expected, String where) {
        int length = node.isString() ? node.asString().length() : node.size();
        if (!node.isString() && !node.isContainer()) {
            return Optional.of(where + " is of type " + typeName(node) + ", which has no length");
        }
        String range = String.valueOf(expected).trim();
        int dash = range.indexOf('-', 1);
        int min = Integer.parseInt((dash > 0 ? range.substring(0, dash) : range).trim());
        int max = dash > 0 ? Integer.parseInt(range.substring(dash + 1).trim()) : min;
        if (length >= min && length <= max) {
            return Optional.empty();
        }
        return Optional.of(where + " has length " + length + ", expected " + range);
    }

    /**
     * @param node a JSON value
     * @return {@code string}, {@code number}, {@code boolean}, {@code object}, {@code array} or {@code null}
     */
    static String typeName(JsonNode node) {
        if (node.isString()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isObject()) {
            return "object";
        }
        return node.isArray() ? "array" : "null";
    }

    private static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static String shownExpected(Object expected) {
        return expected instanceof String text ? "\"" + text + "\"" : String.valueOf(expected);
    }

    /** @return the types an example response may name with a type word, e.g. {@code "string"} */
    static List<String> typeWords() {
        return List.of("string", "number", "integer", "boolean", "object", "array");
    }
}
