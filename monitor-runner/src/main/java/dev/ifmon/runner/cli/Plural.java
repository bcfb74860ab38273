package dev.ifmon.runner.cli;

/** Counts in words for the console: {@code 1 error}, {@code 2 errors}, {@code 0 errors}. Stateless. */
public final class Plural {

    private Plural() {
    }

    /**
     * @param count how many
     * @param noun the singular noun, made plural with an {@code s} (every noun the runner counts takes one)
     * @return e.g. {@code 1 endpoint} or {@code 3 endpoints}
     */
    public static String of(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
