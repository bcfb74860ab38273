package dev.ifmon.core.auth.internal;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Describes what a token API sent back without showing any value: the keys of a JSON reply with the type of
 * each value ({@code {"code":<number>,"data":{"user":<object>}}}), or the kind of a non-JSON reply ("an HTML
 * page of 512 bytes"). Stateless and thread-safe.
 */
public final class ReplyShape {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_DEPTH = 2;
    private static final int MAX_KEYS = 12;
    private static final int MAX_KEY_LENGTH = 40;

    private ReplyShape() {
    }

    /**
     * Parses a reply as JSON.
     *
     * @param body the reply body
     * @return the JSON tree, or empty when the body is not JSON
     */
    public static Optional<JsonNode> parse(String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || (text.charAt(0) != '{' && text.charAt(0) != '[')) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(text));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /**
     * Describes a reply body without its values.
     *
     * @param contentType the {@code Content-Type} header, or {@code ""}
     * @param body the body
     * @return e.g. {@code {"token":<string>}}, "an HTML page of 512 bytes", "an empty body"
     */
    public static String describe(String contentType, String body) {
        String text = body == null ? "" : body.strip();
        int bytes = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        if (text.isEmpty()) {
            return "an empty body";
        }
        Optional<JsonNode> json = parse(text);
        if (json.isPresent()) {
            return of(json.get());
        }
        return describeText(contentType == null ? "" : contentType, text, bytes);
    }

    /**
     * @param node a JSON value
     * @return its shape: objects show their keys two levels deep, every value shows only its type
     */
    public static String of(JsonNode node) {
        StringBuilder shape = new StringBuilder();
        append(shape, node, 0);
        return shape.toString();
    }

    /**
     * Names the OAuth2 error code of a reply (RFC 6749 section 5.2), which is a fixed vocabulary and never
     * secret, e.g. {@code " (error=invalid_client)"}.
     *
     * @param reply a JSON reply
     * @return the error code in parentheses with a leading space, or {@code ""} when there is none
     */
    public static String oauthError(JsonNode reply) {
        JsonNode error = reply.at("/error");
        return error.isString() && error.stringValue().matches("[a-z_]{1,40}")
                ? " (error=" + error.stringValue() + ")" : "";
    }

    private static String describeText(String contentType, String text, int bytes) {
        String lower = text.toLowerCase(Locale.ROOT);
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.contains("html") || lower.startsWith("<!doctype html") || lower.startsWith("<html")) {
            return "an HTML page of " + bytes + " bytes";
        }
        if (type.contains("xml") || lower.startsWith("<?xml")) {
            return "an XML document of " + bytes + " bytes";
        }
        if (lower.startsWith("{") || lower.startsWith("[")) {
            return "malformed JSON of " + bytes + " bytes";
        }
        String kind = contentType.isBlank() ? "no content type" : "content type " + contentType.strip();
        return "non-JSON text of " + bytes + " bytes (" + kind + ")";
    }

    private static void append(StringBuilder shape, JsonNode node, int depth) {
        if (node.isObject()) {
            appendObject(shape, node, depth);
        } else if (node.isArray()) {
            shape.append("<array of ").append(node.size()).append('>');
        } else if (node.isString()) {
            shape.append("<string>");
        } else if (node.isNumber()) {
            shape.append("<number>");
        } else if (node.isBoolean()) {
            shape.append("<boolean>");
        } else if (node.isNull()) {
            shape.append("null");
        } else {
            shape.append("<value>");
        }
    }

    private static void appendObject(StringBuilder shape, JsonNode node, int depth) {
        if (depth >= MAX_DEPTH) {
            shape.append(node.isEmpty() ? "{}" : "<object>");
            return;
        }
        shape.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        for (int count = 0; fields.hasNext(); count++) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (count == MAX_KEYS) {
                shape.append(",... ").append(node.size() - MAX_KEYS).append(" more");
                break;
            }
            shape.append(count == 0 ? "" : ",").append('"').append(key(field.getKey())).append("\":");
            append(shape, field.getValue(), depth + 1);
        }
        shape.append('}');
    }

    private static String key(String key) {
        String shortened = key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) + "..." : key;
        return shortened.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
