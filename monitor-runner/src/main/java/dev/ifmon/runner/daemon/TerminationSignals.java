package dev.ifmon.runner.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a graceful stop instead of the JVM's default (run shutdown hooks, exit 143/130).
 *
 * <p>It replaces the JVM's handlers for the two signals through {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}, present in every JDK 21+), so the runner can finish its round, flush, and exit 0. Where
 * a signal cannot be handled (the JVM was started with {@code -Xrs}, or the platform lacks it), the shutdown hook
 * that {@link Daemon} installs still stops the scheduler, but the exit code is then the JVM's. The handler runs
 * on a JVM-owned thread. Not instantiable.
 */
final class TerminationSignals {

    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);

    private static final List<String> NAMES = List.of("TERM", "INT");

    private TerminationSignals() {
    }

    /**
     * @param onSignal called with the signal's name ({@code TERM}, {@code INT}) on a JVM-owned thread
     * @return the names of the signals now handled
     */
    static List<String> install(Consumer<String> onSignal) {
        List<String> handled = new ArrayList<>();
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), signal -> onSignal.accept(signal.getName()));
                handled.add(name);
            } catch (IllegalArgumentException e) {
                LOG.warn("cannot handle SIG{}: {}; that signal stops the runner through the shutdown hook",
                        name, e.getMessage());
            }
        }
        return handled;
    }
}
