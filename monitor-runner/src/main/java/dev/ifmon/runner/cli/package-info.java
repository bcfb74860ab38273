/**
 * The {@code ifmon} commands (picocli), the console summary, exit codes, and the runner's own checks of
 * notification channels. Commands are created per execution and are not shared between threads.
 */
package dev.ifmon.runner.cli;
