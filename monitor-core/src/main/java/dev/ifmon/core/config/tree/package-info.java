/**
 * A JSON and YAML reader that keeps every value as written and every position, for configuration and
 * endpoint docs; it turns unreadable files into problems with file, line and column.
 */
package dev.ifmon.core.config.tree;
