package dev.ifmon.core.auth.internal;

import dev.ifmon.api.Suggestions;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.core.mask.Masker;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects the problems of one {@code auth} block: unknown keys (with a did-you-mean), missing keys, values
 * that cannot be read. Problems name the block's origin and never quote a secret value. Not thread-safe:
 * one instance per validation.
 */
public final class SettingsCheck {

    /** Keys every {@code auth} block may carry, whatever its type. */
    public static final Set<String> COMMON_KEYS = Set.of("type", "rejected_statuses");

    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@");

    private final Settings settings;
    private final List<Problem> problems = new ArrayList<>();

    /** @param settings the block to check */
    public SettingsCheck(Settings settings) {
        this.settings = settings;
    }

    /**
     * Reports every key outside {@code known} and {@link #COMMON_KEYS} as a warning with a did-you-mean.
     *
     * @param known the keys the authenticator reads
     * @return this check
     */
    public SettingsCheck onlyKeys(Set<String> known) {
        List<String> all = new ArrayList<>(known);
        all.addAll(COMMON_KEYS);
        for (String key : settings.asMap().keySet()) {
            if (!all.contains(key)) {
                problems.add(Problem.warning(settings.origin(), "unknown key '" + key + "' is ignored",
                        didYouMean(key, all).map(k -> "did you mean '" + k + "'?")
                                .orElse("known keys: " + String.join(", ", all.stream().sorted().toList()))));
            }
        }
        return this;
    }

    /**
     * Reports a missing or empty key as an error.
     *
     * @param key the key
     * @param example what a value looks like, for the hint
     * @return this check
     */
    public SettingsCheck required(String key, String example) {
        if (text(key).map(String::isBlank).orElse(true)) {
            problems.add(Problem.error(settings.origin(), "'" + key + "' is missing",
                    "set it, e.g. " + key + ": " + example));
        }
        return this;
    }

    /**
     * Reports a URL that is not absolute http(s). The URL is quoted with its query left out.
     *
     * @param key the key holding the URL
     * @return this check
     */
    public SettingsCheck httpUrl(String key) {
        Optional<String> url = text(key).filter(value -> !value.isBlank());
        if (url.isPresent() && !isHttpUrl(url.get())) {
            problems.add(Problem.error(settings.origin(), "'" + key + "' is not an absolute http(s) URL: '"
                    + safeUrl(url.get()) + "'", "write it as http://host/path or https://host/path"));
        }
        return this;
    }

    /**
     * Reports a value that is not a JSON pointer.
     *
     * @param key the key
     * @return this check
     */
    public SettingsCheck pointer(String key) {
        text(key).filter(value -> !value.isEmpty() && !value.startsWith("/")).ifPresent(value ->
                problems.add(Problem.error(settings.origin(), "'" + key + "' is not a JSON pointer: '" + value + "'",
                        "write it as " + asPointer(value))));
        return this;
    }

    /**
     * Reports a value that is not one of {@code allowed} (compared without case).
     *
     * @param key the key
     * @param allowed the allowed values, lower case
     * @return this check
     */
    public SettingsCheck oneOf(String key, Collection<String> allowed) {
        text(key).filter(value -> !allowed.contains(value.toLowerCase(Locale.ROOT))).ifPresent(value ->
                problems.add(Problem.error(settings.origin(), "'" + key + "' is '" + value + "'",
                        didYouMean(value.toLowerCase(Locale.ROOT), allowed).map(k -> "did you mean '" + k + "'?")
                                .orElse("use one of: " + String.join(", ", allowed)))));
        return this;
    }

    /**
     * Reports a value that is present but not a block of keys.
     *
     * @param key the key
     * @return this check
     */
    public SettingsCheck block(String key) {
        Object value = settings.asMap().get(key);
        if (value != null && !(value instanceof Map)) {
            problems.add(Problem.error(settings.origin(), "'" + key + "' must be a block of keys",
                    "write it as " + key + ": {Name: value}"));
        }
        return this;
    }

    /**
     * Reports a value that cannot be read as a duration.
     *
     * @param key the key
     * @return this check
     */
    public SettingsCheck duration(String key) {
        try {
            settings.duration(key, null);
        } catch (IfmonException e) {
            problems.add(Problem.error(settings.origin(), e.getMessage(), "write a duration such as 3600, 30m or 1h"));
        }
        return this;
    }

    /**
     * Adds a problem found by the caller.
     *
     * @param problem the problem
     * @return this check
     */
    public SettingsCheck add(Problem problem) {
        problems.add(problem);
        return this;
    }

    /** @return the problems found so far */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /**
     * Finds the closest candidate to a mistyped word.
     *
     * @param word what was written
     * @param candidates what could have been meant
     * @return the closest candidate within a small edit distance, or empty
     */
    public static Optional<String> didYouMean(String word, Collection<String> candidates) {
        return Suggestions.closest(word, candidates);
    }

    /**
     * @param path a dotted path such as {@code data.token}, or a pointer
     * @return the JSON pointer, e.g. {@code /data/token}
     */
    public static String asPointer(String path) {
        return path.startsWith("/") ? path : "/" + path.replace('.', '/');
    }

    /**
     * @param url a URL
     * @return whether it is an absolute http or https URL with a host
     */
    public static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * @param url a URL
     * @return the URL without its query and fragment and with its user info hidden, since all three may carry
     *     secrets
     */
    public static String safeUrl(String url) {
        int cut = url.length();
        for (char mark : new char[] {'?', '#'}) {
            int at = url.indexOf(mark);
            cut = at >= 0 ? Math.min(cut, at) : cut;
        }
        String kept = cut < url.length() ? url.substring(0, cut) + "?..." : url;
        return USER_INFO.matcher(kept).replaceFirst("$1" + Masker.MASK.replace("$", "\\$") + "@");
    }

    private Optional<String> text(String key) {
        Object value = settings.asMap().get(key);
        return value == null || value instanceof Map || value instanceof List
                ? Optional.empty() : Optional.of(value.toString());
    }
}
