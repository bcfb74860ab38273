package dev.ifmon.core.config.tree;

import dev.ifmon.api.Problem;
import dev.ifmon.api.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads one JSON or YAML file into a {@link Node} tree that keeps every scalar as written, and turns every
 * way the file can be unusable into a {@link Problem} with the file, line and column. Stateless and
 * thread-safe.
 *
 * <p>Rules: files above {@link #MAX_BYTES} are not read; a UTF-8 byte order mark is skipped; bytes that are
 * not UTF-8 are a problem naming the likely encoding (GBK when the bytes read as GBK); a YAML line indented
 * with a tab, a YAML anchor, alias, merge key ({@code <<}) or tag, a second YAML document, and a duplicate
 * key are problems. Nesting deeper than {@link #MAX_DEPTH} is a problem.
 */
public final class TreeReader {

    /** The largest file read: 1 MiB. Larger files are reported and skipped. */
    public static final long MAX_BYTES = 1024 * 1024;
    /** The deepest nesting of blocks and lists read. */
    public static final int MAX_DEPTH = 64;

    private static final TokenStreamFactory JSON = new JsonFactory();
    private static final TokenStreamFactory YAML = new YAMLFactory();

    /** The document formats read. */
    public enum Format {
        /** Strict JSON. */
        JSON,
        /** YAML 1.2, without anchors, aliases, merge keys or tags. */
        YAML;

        /**
         * @param file a file name
         * @return {@link #JSON} for {@code .json}, else {@link #YAML}
         */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".json") ? JSON : YAML;
        }
    }

    /**
     * What reading a file gave.
     *
     * @param root the document, or {@code null} when it could not be read or held nothing
     * @param problems what was wrong; when any is an error the tree must not be used
     */
    public record Result(Node root, List<Problem> problems) {

        /** Copies the problems. */
        public Result {
            problems = List.copyOf(problems);
        }

        /** @return whether the tree can be used: present and no error */
        public boolean usable() {
            return root != null && problems.stream().noneMatch(Problem::isError);
        }
    }

    private TreeReader() {
    }

    /**
     * Reads a file.
     *
     * @param file the file
     * @param display the file's name in problems, e.g. relative to the catalog root
     * @return the tree and problems; never throws for bad content or unreadable files
     */
    public static Result read(Path file, String display) {
        try {
            byte[] bytes = readBounded(file, display);
            return parse(decode(bytes, display), Format.of(file), display);
        } catch (UnusableFileException e) {
            return new Result(null, List.of(e.problem));
        }
    }

    /**
     * Parses a text already in memory, e.g. for tests or embedded configuration.
     *
     * @param text the document
     * @param format its format
     * @param display the name in problems
     * @return the tree and problems
     */
    public static Result parse(String text, Format format, String display) {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (content.isBlank()) {
            return new Result(null, List.of(Problem.error(display, "the file is empty",
                    "write a document, or delete the file")));
        }
        if (format == Format.YAML) {
            Problem tab = findTabIndent(content, display);
            if (tab != null) {
                return new Result(null, List.of(tab));
            }
        }
        return new Builder(display, format).build(content);
    }

    private static byte[] readBounded(Path file, String display) throws UnusableFileException {
        try {
            if (Files.isDirectory(file)) {
                throw unusable(display, "is a folder, not a file", "move the docs inside it one level up, or"
                        + " rename the folder so it does not end in .json, .yaml or .yml");
            }
            if (!Files.isRegularFile(file)) {
                throw unusable(display, "is not a regular file (a device, pipe or broken link)",
                        "replace it with a regular file or remove it");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw unusable(display, "is " + size + " bytes, above the limit of " + MAX_BYTES + " bytes (1 MiB)",
                        "split it into smaller docs; the file is skipped");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw unusable(display, "grew above the limit of " + MAX_BYTES + " bytes while being read",
                            "split it into smaller docs; the file is skipped");
                }
                return bytes;
            }
        } catch (FileSystemLoopException | NoSuchFileException e) {
            throw unusable(display, "cannot be opened: a broken or looping symbolic link",
                    "point the link at a real file or remove it");
        } catch (IOException e) {
            String reason = e.getMessage() != null && e.getMessage().contains("symbolic links")
                    ? "a symbolic link loop" : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw unusable(display, "cannot be read (" + reason + ")", "check the file and its permissions");
        }
    }

    private static String decode(byte[] bytes, String display) throws UnusableFileException {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw unusable(display, "is saved as UTF-16", "save it as UTF-8");
        }
        try {
            return strict(StandardCharsets.UTF_8).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (MalformedInputException e) {
            throw notUtf8(bytes, display, e);
        } catch (CharacterCodingException e) {
            throw unusable(display, "is not valid UTF-8", "save it as UTF-8");
        }
    }

    private static UnusableFileException notUtf8(byte[] bytes, String display, MalformedInputException e) {
        int offset = firstBadByte(bytes);
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        String likely = looksLikeGbk(bytes) ? "it looks like GBK (a Chinese Windows encoding)"
                : "it may be Latin-1 or Windows-1252";
        Problem problem = new Problem(Severity.ERROR, display, line, 0,
                "is not valid UTF-8 (byte 0x" + String.format("%02X", bytes[offset] & 0xFF) + " at offset " + offset
                        + "); " + likely, "re-save the file as UTF-8; the file is skipped");
        return new UnusableFileException(problem);
    }

    private static int firstBadByte(byte[] bytes) {
        CharsetDecoder decoder = strict(StandardCharsets.UTF_8);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static boolean looksLikeGbk(byte[] bytes) {
        try {
            String text = strict(Charset.forName("GBK")).decode(ByteBuffer.wrap(bytes)).toString();
            return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return false;
        }
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static Problem findTabIndent(String content, String display) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            for (int c = 0; c < line.length() && (line.charAt(c) == ' ' || line.charAt(c) == '\t'); c++) {
                if (line.charAt(c) == '\t') {
                    return new Problem(Severity.ERROR, display, i + 1, c + 1, "a tab is used for indentation",
                            "YAML indentation must use spaces; replace the tab with spaces");
                }
            }
        }
        return null;
    }

    private static UnusableFileException unusable(String display, String what, String hint) {
        return new UnusableFileException(Problem.error(display, "the file " + what, hint));
    }

    /** Carries the problem that makes a file unusable out of the reading steps. */
    private static final class UnusableFileException extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient Problem problem;

        UnusableFileException(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    /** Builds the tree from a parser's tokens. One per document; not thread-safe. */
    private static final class Builder {

        private static final int MAX_YAML_FEATURE_PROBLEMS = 5;

        private final String display;
        private final Format format;
        private final List<Problem> problems = new ArrayList<>();
        private int yamlFeatures;
        private JsonParser parser;

        Builder(String display, Format format) {
            this.display = display;
            this.format = format;
        }

        Result build(String content) {
            TokenStreamFactory factory = format == Format.JSON ? JSON : YAML;
            try (JsonParser opened = factory.createParser(ObjectReadContext.empty(), content)) {
                parser = opened;
                JsonToken first = parser.nextToken();
                if (first == null) {
                    return new Result(null, List.of(Problem.error(display, "the file holds no document",
                            "write a document, or delete the file")));
                }
                Node root = value(first, 0);
                if (parser.nextToken() != null) {
                    problem(parser.currentTokenLocation(), "the file holds more than one document",
                            "keep one document per file; write several endpoints as a list");
                }
                return new Result(root, problems);
            } catch (TooDeepException e) {
                return new Result(null, problems);
            } catch (JacksonException e) {
                problems.add(syntax(e));
                return new Result(null, problems);
            } catch (RuntimeException e) {
                problems.add(Problem.error(display, "cannot be parsed: " + e.getMessage(), "fix the syntax"));
                return new Result(null, problems);
            }
        }

        private Node value(JsonToken token, int depth) {
            TokenStreamLocation at = parser.currentTokenLocation();
            checkYamlFeatures(at);
            if (depth > MAX_DEPTH && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
                problem(at, "blocks and lists are nested deeper than " + MAX_DEPTH + " levels",
                        "flatten the document; the file is skipped");
                throw new TooDeepException(); // stop here: reading on would only meet the parser's own limit
            }
            return switch (token) {
                case START_OBJECT -> map(at, depth);
                case START_ARRAY -> list(at, depth);
                case VALUE_STRING -> scalar(ScalarNode.Kind.STRING, at);
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> scalar(ScalarNode.Kind.NUMBER, at);
                case VALUE_TRUE, VALUE_FALSE -> scalar(ScalarNode.Kind.BOOLEAN, at);
                case VALUE_NULL -> new ScalarNode(nullText(), ScalarNode.Kind.NULL, at.getLineNr(), at.getColumnNr());
                default -> scalar(ScalarNode.Kind.STRING, at);
            };
        }

        private String nullText() {
            String text = parser.getString();
            return text == null ? "" : text;
        }

        private ScalarNode scalar(ScalarNode.Kind kind, TokenStreamLocation at) {
            return new ScalarNode(parser.getString(), kind, at.getLineNr(), at.getColumnNr());
        }

        private MapNode map(TokenStreamLocation start, int depth) {
            Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                TokenStreamLocation at = parser.currentTokenLocation();
                String key = parser.currentName();
                checkMergeKey(key, at);
                Node value = value(parser.nextToken(), depth + 1);
                if (entries.containsKey(key)) {
                    MapNode.Entry first = entries.get(key);
                    problem(at, "duplicate key '" + key + "' (first written at line " + first.line() + ")",
                            "keep one of the two; the file is skipped until then");
                } else {
                    entries.put(key, new MapNode.Entry(key, at.getLineNr(), at.getColumnNr(), value));
                }
            }
            return new MapNode(entries, start.getLineNr(), start.getColumnNr());
        }

        private ListNode list(TokenStreamLocation start, int depth) {
            List<Node> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                items.add(value(token, depth + 1));
            }
            return new ListNode(items, start.getLineNr(), start.getColumnNr());
        }

        private void checkYamlFeatures(TokenStreamLocation at) {
            if (!(parser instanceof YAMLParser yaml)) {
                return;
            }
            if (yaml.isCurrentAlias()) {
                yamlFeature(at, "the YAML alias '*" + parser.getString() + "' is not supported",
                        "write the value out in full; anchors, aliases and merge keys are rejected");
            } else if (yaml.getObjectId() != null) {
                yamlFeature(at, "the YAML anchor '&" + yaml.getObjectId() + "' is not supported",
                        "remove the anchor and write values out in full");
            }
            String tag = yaml.getRawTag();
            if (tag != null) {
                yamlFeature(at, "the YAML tag '" + tag + "' is not supported",
                        "remove it; values are always read as the text written");
            }
        }

        private void checkMergeKey(String key, TokenStreamLocation at) {
            if (format == Format.YAML && "<<".equals(key)) {
                yamlFeature(at, "the YAML merge key '<<' is not supported",
                        "write the merged keys out in full; anchors, aliases and merge keys are rejected");
            }
        }

        /** The first few are listed; a file built from aliases would otherwise give one line per use. */
        private void yamlFeature(TokenStreamLocation at, String message, String hint) {
            yamlFeatures++;
            if (yamlFeatures <= MAX_YAML_FEATURE_PROBLEMS) {
                problem(at, message, hint);
            } else if (yamlFeatures == MAX_YAML_FEATURE_PROBLEMS + 1) {
                problem(at, "more YAML anchors, aliases, merge keys or tags follow from here; only the first "
                        + MAX_YAML_FEATURE_PROBLEMS + " are listed", "write every value out in full");
            }
        }

        private void problem(TokenStreamLocation at, String message, String hint) {
            problems.add(new Problem(Severity.ERROR, display, at.getLineNr(), at.getColumnNr(), message, hint));
        }

        private Problem syntax(JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String message = e.getOriginalMessage();
            int cut = message == null ? -1 : message.indexOf('\n');
            String first = cut > 0 ? message.substring(0, cut) : String.valueOf(message);
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            return new Problem(Severity.ERROR, display, line, column,
                    "is not valid " + format.name() + ": " + SyntaxMessages.plain(first),
                    "fix the syntax at this place");
        }
    }

    /** Ends reading a document nested too deep, once its problem is recorded. */
    private static final class TooDeepException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TooDeepException() {
            super(null, null, false, false);
        }
    }
}
