/** Logging support for the shipped {@code logback.xml}: the text/JSON format switch. */
package dev.ifmon.runner.logging;
