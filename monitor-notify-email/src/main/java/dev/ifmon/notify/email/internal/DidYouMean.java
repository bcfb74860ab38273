package dev.ifmon.notify.email.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Finds the known word closest to a misspelt one, for "did you mean" hints. Stateless and thread-safe. */
final class DidYouMean {

    private static final int MAX_EDITS = 3;

    private DidYouMean() {
    }

    /**
     * @param word what was written
     * @param known the words that would have been understood
     * @return the closest known word within a few edits, if any
     */
    static Optional<String> closest(String word, Collection<String> known) {
        String written = normalize(word);
        int allowed = Math.min(MAX_EDITS, Math.max(2, (written.length() + 1) / 2));
        return known.stream()
                .filter(candidate -> isPrefix(written, candidate) || distance(written, normalize(candidate)) <= allowed)
                .min(Comparator.comparing((String candidate) -> !isPrefix(written, candidate))
                        .thenComparingInt(candidate -> distance(written, normalize(candidate)))
                        .thenComparing(Comparator.naturalOrder()));
    }

    private static boolean isPrefix(String written, String candidate) {
        return written.length() >= 3 && normalize(candidate).startsWith(written);
    }

    private static String normalize(String word) {
        return word.toLowerCase(Locale.ROOT).replace('-', '_');
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
