package dev.ifmon.core.config.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts {@link Node} trees to plain Java values and to JSON text. Stateless and thread-safe. */
public final class Trees {

    private Trees() {
    }

    /**
     * Converts a tree to the values {@link dev.ifmon.api.Settings} holds: maps, lists, and scalars converted
     * by {@link ScalarNode#toPlain()}.
     *
     * @param node a tree, or {@code null}
     * @return the plain value
     */
    public static Object toPlain(Node node) {
        return switch (node) {
            case null -> null;
            case ScalarNode scalar -> scalar.toPlain();
            case ListNode list -> {
                List<Object> items = new ArrayList<>();
                list.items().forEach(item -> items.add(toPlain(item)));
                yield items;
            }
            case MapNode map -> toPlainMap(map);
        };
    }

    /**
     * @param map a block of keys
     * @return its keys and plain values, in order
     */
    public static Map<String, Object> toPlainMap(MapNode map) {
        Map<String, Object> values = new LinkedHashMap<>();
        map.entries().forEach((key, entry) -> values.put(key, toPlain(entry.value())));
        return values;
    }

    /**
     * Writes a tree as compact JSON, keeping values as written: a number goes out with its digits as written
     * ({@code 1.50} stays {@code 1.50}); a YAML value that is not a JSON literal ({@code 0x1F}, {@code yes},
     * {@code 007}) goes out as a string of its text.
     *
     * @param node the tree
     * @return the JSON text
     */
    public static String toJson(Node node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(Node node, StringBuilder out) {
        switch (node) {
            case ScalarNode scalar -> writeScalar(scalar, out);
            case ListNode list -> {
                out.append('[');
                for (int i = 0; i < list.items().size(); i++) {
                    out.append(i > 0 ? "," : "");
                    write(list.items().get(i), out);
                }
                out.append(']');
            }
            case MapNode map -> {
                out.append('{');
                boolean first = true;
                for (MapNode.Entry entry : map.entries().values()) {
                    out.append(first ? "" : ",");
                    quote(entry.key(), out);
                    out.append(':');
                    write(entry.value(), out);
                    first = false;
                }
                out.append('}');
            }
        }
    }

    private static void writeScalar(ScalarNode scalar, StringBuilder out) {
        if (scalar.isJsonNumber() || scalar.isJsonBoolean()) {
            out.append(scalar.text());
        } else if (scalar.isNull()) {
            out.append("null");
        } else {
            quote(scalar.text(), out);
        }
    }

    /**
     * Appends a JSON string literal.
     *
     * @param text the text
     * @param out where to append
     */
    public static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
