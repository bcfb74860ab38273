package dev.ifmon.core.config.tree;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a parser's syntax message into plain words: its internals (source descriptions, feature and
 * constraint names) are left out, and the commonest messages are said in our own words. The file, line and
 * column are the problem's own. Stateless and thread-safe.
 */
final class SyntaxMessages {

    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[[^\\]]*\\]\\)");
    private static final Pattern SOURCE = Pattern.compile("\\s*(?:at )?\\[Source: [^\\]]*\\]");
    private static final Pattern INTERNAL_NAME = Pattern.compile("\\s*\\([^()]*`[^`]*`[^()]*\\)|`[^`]*`");
    private static final Pattern END_OF_INPUT = Pattern.compile(
            "Unexpected end-of-input: expected close marker for (Object|Array).*");
    private static final Pattern NAME_EXPECTED = Pattern.compile(
            "Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting double-quote to start property name");
    private static final Pattern CHARACTER_CODE = Pattern.compile(
            "Unexpected character \\('(.+?)' \\(code \\d+\\)\\)");
    private static final String YAML_MAPPING = "mapping values are not allowed here";

    private SyntaxMessages() {
    }

    /**
     * @param message the first line of a parser's message
     * @return the message without parser internals, e.g. {@code the file ends before a '{' block is closed
     *     with '}'}
     */
    static String plain(String message) {
        String text = START_MARKER.matcher(message).replaceAll("");
        text = SOURCE.matcher(text).replaceAll("");
        text = INTERNAL_NAME.matcher(text).replaceAll("").strip();
        Matcher end = END_OF_INPUT.matcher(text);
        if (end.matches()) {
            return end.group(1).equals("Object") ? "the file ends before a '{' block is closed with '}'"
                    : "the file ends before a '[' list is closed with ']'";
        }
        Matcher name = NAME_EXPECTED.matcher(text);
        if (name.matches()) {
            return "a name in double quotes was expected here, but there is '" + name.group(1) + "'"
                    + (name.group(1).equals("}") ? " (JSON allows no comma before '}')" : "");
        }
        text = CHARACTER_CODE.matcher(text).replaceAll(match -> Matcher.quoteReplacement(
                "unexpected '" + match.group(1) + "'"));
        if (text.equals(YAML_MAPPING)) {
            return "a ':' where YAML expects no new key: check the indentation, or quote a value that holds ': '";
        }
        return text;
    }
}
