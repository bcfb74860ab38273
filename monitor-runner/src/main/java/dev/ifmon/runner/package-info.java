/**
 * The standalone runner: the {@code ifmon} command line ({@link dev.ifmon.runner.IfmonMain}). It ties the
 * core and the notifier modules together; nothing depends on it.
 */
package dev.ifmon.runner;
