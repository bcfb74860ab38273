package dev.ifmon.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known key closest to a mistyped one, for "did you mean ..." hints in {@link Problem}s. The core
 * and the built-in plug-ins use it; plug-ins may too, so that every hint reads alike. Stateless and
 * thread-safe.
 */
public final class Suggestions {

    private static final int SHORT_WORD_EDITS = 3;

    private Suggestions() {
    }

    /**
     * @param written the unknown key as written
     * @param known the keys allowed there
     * @return the known key the written one begins (when at least 3 characters are written), else the
     *     closest within a third of its length in edits (2 or 3 for short words), if any; case and {@code -}/{@code _}
     *     are ignored
     */
    public static Optional<String> closest(String written, Collection<String> known) {
        String target = normalize(written);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String normalized = normalize(candidate);
            int distance = target.length() >= 3 && normalized.startsWith(target) ? 0 : distance(target, normalized);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(target.length() / 3, Math.min(SHORT_WORD_EDITS, Math.max(2, (target.length() + 1) / 2)));
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    private static String normalize(String word) {
        return word.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * @param written the unknown key as written
     * @param known the keys allowed there
     * @return a hint: "did you mean 'x'?" when one is close, else the list of allowed keys
     */
    public static String hint(String written, Collection<String> known) {
        return closest(written, known).map(key -> "did you mean '" + key + "'?")
                .orElse("allowed keys here: " + String.join(", ", known));
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
