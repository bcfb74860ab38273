package dev.ifmon.api;

/** How serious a {@link Problem} is. */
public enum Severity {
    /** The thing it names cannot be used: an endpoint is skipped, or a run cannot start. */
    ERROR,
    /** The thing it names is used, but probably not as the user meant. */
    WARNING
}
