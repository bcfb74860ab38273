/**
 * The ifmon service-provider interface: the four plug-in points and the immutable values they exchange.
 *
 * <p>Plug-ins implement {@link dev.ifmon.api.EndpointSource}, {@link dev.ifmon.api.Authenticator},
 * {@link dev.ifmon.api.Check} or {@link dev.ifmon.api.Notifier}, declare the class in
 * {@code META-INF/services/<interface name>}, and are found by {@link java.util.ServiceLoader}. Each
 * provider answers {@code type()}, the name that configuration refers to; two providers of one kind with
 * the same type are rejected at start-up.
 *
 * <p>This package depends on the JDK only. Every value type here is immutable and safe to share between
 * threads. Collections handed in are copied; collections handed out cannot be modified.
 */
package dev.ifmon.api;
