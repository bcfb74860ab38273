package dev.ifmon.notify.wecom.internal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Makes foreign text (from responses, endpoint docs, config) safe to place inside WeCom markdown, and cuts
 * text to a UTF-8 byte budget. Stateless and thread-safe.
 *
 * <p>Escaping replaces every character that WeCom markdown gives meaning to with a look-alike full-width
 * character ({@code <} becomes {@code ＜}, a backtick becomes {@code ｀}, and so on) and folds line breaks
 * into spaces. Escaped text therefore contains no markup at all: it cannot open a {@code <font>} tag, write a
 * mention such as {@code <@all>}, close a code span or start a heading or quote, and it can be cut anywhere
 * between two code points without breaking a construct.
 */
public final class Text {

    /** What marks text that was cut. */
    public static final String ELLIPSIS = "…";

    private static final Pattern ENTITY = Pattern.compile("&(?=#?[A-Za-z0-9]{1,10};)");
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    private static final Pattern SCRIPT = Pattern.compile(
            "(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]{0,2000}>");

    private Text() {
    }

    /**
     * @param text any text, may be {@code null}
     * @return the text with no markdown meaning left, on one line
     */
    public static String escape(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String withoutEntities = ENTITY.matcher(text).replaceAll("＆");
        StringBuilder out = new StringBuilder(withoutEntities.length());
        withoutEntities.codePoints().forEach(cp -> appendEscaped(out, cp));
        return SPACES.matcher(out).replaceAll(" ").strip();
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        switch (cp) {
            case '<' -> out.append('＜');
            case '>' -> out.append('＞');
            case '`' -> out.append('｀');
            case '*' -> out.append('＊');
            case '[' -> out.append('［');
            case ']' -> out.append('］');
            case '\\' -> out.append('＼');
            case '~' -> out.append('～');
            case '|' -> out.append('｜');
            case '\r', '\n', '\t', 0x2028, 0x2029, 0x85 -> out.append(' ');
            default -> {
                if (!Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT) {
                    out.appendCodePoint(cp);
                }
            }
        }
    }

    /**
     * Escapes and cuts text to a byte budget.
     *
     * @param text any text, may be {@code null}
     * @param maxBytes the most UTF-8 bytes the result may take
     * @return the escaped text, cut with {@link #ELLIPSIS} when too long
     */
    public static String escape(String text, int maxBytes) {
        return truncate(escape(text), maxBytes);
    }

    /**
     * @param text any text
     * @return how many bytes it takes in UTF-8
     */
    public static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Cuts text between two code points so that it and a trailing {@link #ELLIPSIS} fit the budget.
     *
     * @param text the text, not {@code null}
     * @param maxBytes the most UTF-8 bytes the result may take
     * @return the text unchanged when it fits, else its longest prefix that fits, followed by the ellipsis
     */
    public static String truncate(String text, int maxBytes) {
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        int budget = maxBytes - utf8Length(ELLIPSIS);
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = utf8Length(new String(Character.toChars(cp)));
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return budget <= 0 ? "" : text.substring(0, end) + ELLIPSIS;
    }

    /**
     * Reduces an HTML page to its readable text: drops scripts, styles and tags, decodes common entities.
     *
     * @param html the page
     * @return the text, whitespace collapsed
     */
    public static String htmlToText(String html) {
        String text = SCRIPT.matcher(html).replaceAll(" ");
        text = COMMENT.matcher(text).replaceAll(" ");
        text = TAG.matcher(text).replaceAll(" ");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        return text.replaceAll("\\s+", " ").strip();
    }

    /**
     * @param body a response or request body
     * @param contentType its content type, or {@code ""}
     * @return whether it should be read as HTML
     */
    public static boolean looksLikeHtml(String body, String contentType) {
        if (contentType.toLowerCase(java.util.Locale.ROOT).contains("html")) {
            return true;
        }
        String start = body.stripLeading().toLowerCase(java.util.Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    /**
     * @param text text
     * @return its bytes in UTF-8
     */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
