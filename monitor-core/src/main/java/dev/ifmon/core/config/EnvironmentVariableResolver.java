package dev.ifmon.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link VariableResolver} of a loaded configuration: {@code ${NAME}} reads the selected environment's
 * variables, then the process environment; {@code ${env:NAME}} reads the process environment only;
 * {@code $${...}} is a literal {@code ${...}}. Either form may end in {@code :-DEFAULT}, as in a shell: the
 * default (taken as written, possibly empty) is used when the variable is unset or empty. Thread-safe.
 *
 * <p>Every value read from the process environment is remembered as a secret, so {@link #secretValues()}
 * grows as texts are resolved: build a masker after the texts of a round are resolved. Resolution is one
 * pass: a value that itself holds {@code ${...}} is not resolved again.
 */
public final class EnvironmentVariableResolver implements VariableResolver {

    private static final Pattern VARIABLE = Pattern.compile("\\$?\\$\\{([^{}]*)}");
    private static final String ENV_PREFIX = "env:";
    private static final String DEFAULT_MARK = ":-";

    private final Map<String, String> variables;
    private final Map<String, String> processEnv;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /**
     * @param variables the environment's variables, already resolved
     * @param processEnv the process environment (injectable for tests)
     */
    public EnvironmentVariableResolver(Map<String, String> variables, Map<String, String> processEnv) {
        this(variables, processEnv, Set.of());
    }

    /**
     * @param variables the environment's variables, already resolved
     * @param processEnv the process environment (injectable for tests)
     * @param knownSecrets values already known to come from the process environment, e.g. while the
     *     variables themselves were resolved
     */
    public EnvironmentVariableResolver(Map<String, String> variables, Map<String, String> processEnv,
            Set<String> knownSecrets) {
        this.variables = Map.copyOf(variables);
        this.processEnv = Map.copyOf(processEnv);
        this.secrets.addAll(knownSecrets);
    }

    @Override
    public String resolve(String text) {
        return substitute(text, this::lookup);
    }

    @Override
    public Set<String> secretValues() {
        return Collections.unmodifiableSet(secrets);
    }

    /**
     * Replaces every {@code ${...}} in a text.
     *
     * @param text the text; {@code null} gives {@code null}
     * @param lookup gives the value of a name as written ({@code NAME} or {@code env:NAME}, without any
     *     {@code :-DEFAULT}), or {@code null}
     * @return the text with variables replaced
     * @throws MissingVariableException naming the first variable without a value and without a default
     */
    public static String substitute(String text, Function<String, String> lookup) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group().startsWith("$$")
                    ? matcher.group().substring(1) : value(matcher.group(1), lookup);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * @param text a text as written; {@code null} gives none
     * @return the names of the variables it uses, as written without defaults ({@code NAME} or
     *     {@code env:NAME}), in order; a literal {@code $${...}} is not a use
     */
    public static List<String> references(String text) {
        List<String> names = new ArrayList<>();
        if (text != null && text.contains("${")) {
            Matcher matcher = VARIABLE.matcher(text);
            while (matcher.find()) {
                if (!matcher.group().startsWith("$$")) {
                    names.add(nameOf(matcher.group(1)));
                }
            }
        }
        return names;
    }

    /**
     * @param reference what stands between {@code ${} and {@code }}, e.g. {@code env:TOKEN:-none}
     * @return the name as written without the default, e.g. {@code env:TOKEN}
     */
    public static String nameOf(String reference) {
        int mark = reference.indexOf(DEFAULT_MARK);
        return (mark < 0 ? reference : reference.substring(0, mark)).strip();
    }

    private static String value(String reference, Function<String, String> lookup) {
        int mark = reference.indexOf(DEFAULT_MARK);
        String name = nameOf(reference);
        String value = lookup.apply(name);
        if (mark >= 0 && (value == null || value.isEmpty())) {
            return reference.substring(mark + DEFAULT_MARK.length());
        }
        if (value == null) {
            throw new MissingVariableException(name);
        }
        return value;
    }

    @Override
    public String lookup(String name) {
        if (name.startsWith(ENV_PREFIX)) {
            return fromProcess(name.substring(ENV_PREFIX.length()));
        }
        String value = variables.get(name);
        return value != null ? value : fromProcess(name);
    }

    private String fromProcess(String name) {
        String value = processEnv.get(name);
        if (value != null && !value.isEmpty()) {
            secrets.add(value);
        }
        return value;
    }

    /** @return the environment's variables */
    public Map<String, String> variables() {
        return variables;
    }

    @Override
    public String toString() {
        return "EnvironmentVariableResolver" + variables.keySet();
    }
}
