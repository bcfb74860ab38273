package dev.ifmon.api;

import java.util.List;

/**
 * A plug-in point: judges one exchange. Built-in checks implement the doc's {@code expect} keys; plug-in
 * checks run when an endpoint names them under {@code expect.checks: [{type: ..., ...options}]}.
 *
 * <p><b>Who calls it, when:</b> the core calls {@link #evaluate} after an exchange that got a response,
 * once per check named by the endpoint, from many virtual threads at once. Implementations must be
 * thread-safe and should be stateless; they must not block for long (no network calls).
 *
 * <p><b>Errors:</b> a check says no by returning {@link Verdict#fail(String)}. An exception it throws is
 * caught by the core and turned into {@link Outcome#ASSERTION_FAILED} for that endpoint, naming the check;
 * other endpoints are unaffected.
 *
 * <p>Implementations need a public no-argument constructor for {@link java.util.ServiceLoader}.
 */
public interface Check {

    /** @return the name endpoint docs use for this check, e.g. {@code json-schema}; never {@code null} */
    String type();

    /**
     * Checks the options an endpoint wrote for this check, when the catalog is loaded. The default finds
     * nothing wrong.
     *
     * @param settings the options written beside {@code type}
     * @return problems found, empty when none
     */
    default List<Problem> validate(Settings settings) {
        return List.of();
    }

    /**
     * Judges one exchange.
     *
     * @param exchange the request and response, never {@code null}
     * @param settings the options the endpoint wrote for this check, never {@code null}
     * @return the verdict, never {@code null}
     */
    Verdict evaluate(Exchange exchange, Settings settings);
}
