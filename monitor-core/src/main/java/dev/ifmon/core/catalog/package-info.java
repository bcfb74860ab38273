/**
 * The endpoint catalog: the built-in {@code directory} source that reads {@code Interface-pool}, the endpoint
 * doc format, and {@link dev.ifmon.core.catalog.EndpointResolver}, which makes an endpoint ready to send for
 * the selected environment.
 */
package dev.ifmon.core.catalog;
