/**
 * Running ifmon unattended for months: the round schedule, graceful stop on SIGTERM/SIGINT, the data-folder
 * lock, and crash-safe files.
 *
 * <p>The CLI builds a {@link dev.ifmon.runner.daemon.Daemon} around a {@link dev.ifmon.runner.daemon.RoundTask}
 * that runs one monitoring round, and calls {@link dev.ifmon.runner.daemon.Daemon#run()}. Everything written
 * into the data folder goes through {@link dev.ifmon.runner.daemon.AtomicFiles}, so a {@code kill -9} leaves
 * either the old or the new file, never a partial one.
 */
package dev.ifmon.runner.daemon;
