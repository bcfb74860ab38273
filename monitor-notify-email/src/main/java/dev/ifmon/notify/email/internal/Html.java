package dev.ifmon.notify.email.internal;

/** HTML escaping for text and attribute values. Stateless and thread-safe. */
final class Html {

    private Html() {
    }

    /**
     * @param text any text
     * @return the text with {@code & < > " '} replaced by entities, and control characters other than tab and
     *     newline dropped
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n', '\t' -> out.append((char) c);
                default -> {
                    if (c >= 0x20 && c != 0x7f) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
