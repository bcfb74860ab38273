package dev.ifmon.notify.email.internal;

/**
 * A body cut to a length for the mail, never inside a surrogate pair.
 *
 * @param text the text shown
 * @param truncated whether something was cut, here or before the digest was made
 */
record Excerpt(String text, boolean truncated) {

    /**
     * @param body the whole body as the digest has it
     * @param limit the most characters to keep
     * @param truncatedBefore whether the core already cut the body
     * @return the excerpt
     */
    static Excerpt of(String body, int limit, boolean truncatedBefore) {
        if (body.length() <= limit) {
            return new Excerpt(body, truncatedBefore);
        }
        int end = Character.isHighSurrogate(body.charAt(limit - 1)) ? limit - 1 : limit;
        return new Excerpt(body.substring(0, end), true);
    }
}
