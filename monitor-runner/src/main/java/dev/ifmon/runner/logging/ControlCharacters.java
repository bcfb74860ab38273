package dev.ifmon.runner.logging;

/**
 * Makes text from monitored servers safe for a terminal or a log file: every C0 and C1 control character and
 * DEL becomes a visible escape such as {@code \u001b}, so that an ESC sequence in a status line, a reason or a
 * body excerpt ({@code \u001b[2J} clears the screen) or a NUL cannot act on the console or forge log lines.
 * Stateless and thread-safe.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /**
     * @param text any text, or {@code null}
     * @return the text with every control character but tab escaped, newlines included: one console line
     *     stays one line; {@code null} stays {@code null}
     */
    public static String escapeLine(String text) {
        return escape(text, false);
    }

    /**
     * @param text any text, or {@code null}
     * @return the text with every control character but tab and line feed escaped; {@code null} stays
     *     {@code null}
     */
    public static String escapeKeepingNewlines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepNewlines) {
        if (text == null || text.chars().noneMatch(c -> needsEscape(c, keepNewlines))) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (needsEscape(c, keepNewlines)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(int c, boolean keepNewlines) {
        return Character.isISOControl(c) && c != '\t' && !(keepNewlines && c == '\n');
    }
}
