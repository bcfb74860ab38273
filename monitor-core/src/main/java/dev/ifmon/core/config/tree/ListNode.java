package dev.ifmon.core.config.tree;

import java.util.List;

/**
 * A list (JSON array, YAML sequence). Immutable and thread-safe.
 *
 * @param items the items in the order written
 * @param line the 1-based line, 0 when unknown
 * @param column the 1-based column, 0 when unknown
 */
public record ListNode(List<Node> items, int line, int column) implements Node {

    /** Copies the items. */
    public ListNode {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return items.isEmpty() ? "an empty list" : "a list";
    }
}
