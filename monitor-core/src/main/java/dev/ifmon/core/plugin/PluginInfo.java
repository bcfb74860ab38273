package dev.ifmon.core.plugin;

/**
 * One loaded plug-in, for the start-up log line and diagnostics.
 *
 * @param kind the plug-in point, e.g. {@code Notifier}
 * @param type the type name configuration uses
 * @param className the implementing class
 * @param origin the jar it came from, {@code built-in} for the class path, or {@code instance} when passed
 *     by an embedder
 */
public record PluginInfo(String kind, String type, String className, String origin) {

    @Override
    public String toString() {
        return kind + " '" + type + "' (" + className + " from " + origin + ")";
    }
}
