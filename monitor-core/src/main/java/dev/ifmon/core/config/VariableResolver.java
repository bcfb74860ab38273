package dev.ifmon.core.config;

import java.util.Set;

/**
 * Resolves {@code ${NAME}} (the environment's variables, then the process environment) and
 * {@code ${env:NAME}} (the process environment only) in texts; either may end in {@code :-DEFAULT}, used when
 * the variable is unset or empty. Thread-safe.
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
     * Looks up one variable.
     *
     * @param name the name as written, {@code NAME} or {@code env:NAME}, without a default
     * @return its value, or {@code null} when it has none; the default resolves {@code ${name}}
     */
    default String lookup(String name) {
        try {
            return resolve("${" + name + "}");
        } catch (MissingVariableException e) {
            return null;
        }
    }

    /**
     * @return the values that came from {@code ${env:...}} or from variables marked secret: everything
     *     the masker must hide
     */
    Set<String> secretValues();

    /** Thrown when a text names a variable that has no value. */
    final class MissingVariableException extends dev.ifmon.api.IfmonException {

        private static final long serialVersionUID = 1L;

        private static final String ENV_PREFIX = "env:";

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

        /**
         * @param defineWhere for a {@code NAME} without {@code env:}, where it may be defined, e.g.
         *     {@code "under 'variables'"}
         * @return what to do: for {@code env:NAME}, set the environment variable or give a default; for
         *     {@code NAME}, define it where said, set it in the environment, or give a default
         */
        public String hint(String defineWhere) {
            if (variable.startsWith(ENV_PREFIX)) {
                String name = variable.substring(ENV_PREFIX.length());
                return "set the environment variable " + name + ", or give a default with ${env:" + name
                        + ":-...}";
            }
            return "define '" + variable + "' " + defineWhere + ", set the environment variable " + variable
                    + ", or give a default with ${" + variable + ":-...}";
        }
    }
}
