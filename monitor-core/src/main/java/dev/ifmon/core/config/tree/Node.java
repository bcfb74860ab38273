package dev.ifmon.core.config.tree;

/**
 * One value of a JSON or YAML document as written, with where it starts. Immutable and thread-safe.
 *
 * <p>Unlike a data-binding tree, scalars keep the text exactly as the user wrote it, so that a value
 * sent in a request is never rewritten by type guessing ({@code 007} stays {@code 007}, {@code 1.50}
 * stays {@code 1.50}).
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {

    /** @return the 1-based line where the value starts, 0 when unknown */
    int line();

    /** @return the 1-based column where the value starts, 0 when unknown */
    int column();

    /** @return a short name of the kind of value, for messages: {@code a block of keys}, {@code a list}, ... */
    String describe();
}
