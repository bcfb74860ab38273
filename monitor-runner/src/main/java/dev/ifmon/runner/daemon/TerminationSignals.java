package dev.ifmon.runner.daemon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a graceful stop instead of the JVM's default (run shutdown hooks, exit 143/130).
 *
 * <p>It replaces the JVM's handlers for the two signals through {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}, present in every JDK 21+), reached by reflection so that the build does not depend on
 * that internal API. Where a signal cannot be handled (the JVM was started with {@code -Xrs}, the platform lacks
 * the signal, or the class is missing), it logs one WARN and the shutdown hook that {@link Daemon} installs
 * still stops the scheduler, but the exit code is then the JVM's. The callback runs on a JVM-owned thread, one
 * per signal received. Not instantiable.
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
            if (handle(name, onSignal)) {
                handled.add(name);
            }
        }
        return handled;
    }

    /**
     * @param name the signal's name without {@code SIG}, e.g. {@code TERM}
     * @param onSignal called with {@code name} whenever the signal arrives
     * @return whether the handler is installed
     */
    static boolean handle(String name, Consumer<String> onSignal) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object signal = signalType.getConstructor(String.class).newInstance(name);
            Object handler = Proxy.newProxyInstance(TerminationSignals.class.getClassLoader(),
                    new Class<?>[] {handlerType}, new Dispatch(name, onSignal));
            signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
            return true;
        } catch (InvocationTargetException e) {
            warn(name, e.getCause());
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            warn(name, e);
            return false;
        }
    }

    private static void warn(String name, Throwable cause) {
        LOG.warn("cannot handle SIG{}: {}; that signal stops the runner through the shutdown hook instead",
                name, cause.toString());
    }

    /** The {@code SignalHandler} implementation: forwards {@code handle} to the callback. */
    private record Dispatch(String name, Consumer<String> onSignal) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            return switch (method.getName()) {
                case "handle" -> {
                    onSignal.accept(name);
                    yield null;
                }
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "ifmon handler of SIG" + name;
            };
        }
    }
}
