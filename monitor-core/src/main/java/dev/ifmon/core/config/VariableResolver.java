package dev.ifmon.core.config;

import java.util.Set;

/**
 * Resolves {@code ${NAME}} (the environment's variables, then the process environment) and
 * {@code ${env:NAME}} (the process environment only) in texts. Thread-safe.
 */
public interface VariableResolver {

    /**
     * Resolves every variable in a text.
     *
     * @param text the text as written; {@code null} gives {@code null}
     * @return the text with variables replaced
     * @throws MissingVariableException naming the first variable that has no value
     */
    String resolve(String text);

    /**
     * @return the values that came from {@code ${env:...}} or from variables marked secret: everything
     *     the masker must hide
     */
    Set<String> secretValues();

    /** Thrown when a text names a variable that has no value. */
    final class MissingVariableException extends dev.ifmon.api.IfmonException {

        private static final long serialVersionUID = 1L;

        private final String variable;

        /** @param variable the name as written, e.g. {@code env:TOKEN} */
        public MissingVariableException(String variable) {
            super("variable '${" + variable + "}' has no value");
            this.variable = variable;
        }

        /** @return the name as written */
        public String variable() {
            return variable;
        }
    }
}
