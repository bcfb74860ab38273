package dev.ifmon.core.config.tree;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known key closest to a mistyped one, for "did you mean ..." hints. Stateless and thread-safe. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * @param written the unknown key as written
     * @param known the keys allowed there
     * @return the closest known key within an edit distance of about a third of its length, if any
     */
    public static Optional<String> closest(String written, Collection<String> known) {
        String target = written.toLowerCase(Locale.ROOT).replace('-', '_');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(target, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, target.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
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
