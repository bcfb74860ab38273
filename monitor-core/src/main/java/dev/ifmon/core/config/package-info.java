/**
 * Loading {@code config.yaml}: {@link dev.ifmon.core.config.ConfigLoader} builds a
 * {@link dev.ifmon.core.config.MonitorConfig} for one environment, with every problem collected;
 * {@link dev.ifmon.core.config.Validation} cross-checks it against a catalog.
 */
package dev.ifmon.core.config;
