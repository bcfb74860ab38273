package dev.ifmon.core.config.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Problem;
import dev.ifmon.core.config.tree.TreeReader.Format;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TreeReaderTest {

    @Nested
    class ValuesAsWritten {

        @ParameterizedTest(name = "YAML {0} goes into JSON as {1}")
        @CsvSource(delimiter = '|', value = {
            "007          | \"007\"",
            "1.50         | 1.50",
            "0x1F         | \"0x1F\"",
            "yes          | \"yes\"",
            "on           | \"on\"",
            "true         | true",
            "True         | \"True\"",
            "1e3          | 1e3",
            "\"12\"       | \"12\"",
            "1_000        | \"1_000\"",
            "+5           | \"+5\"",
            "null         | null",
            "2024-01-01   | \"2024-01-01\"",
            "12345678901234567890123 | 12345678901234567890123",
        })
        void yamlScalarsKeepTheirText(String written, String json) {
            TreeReader.Result result = TreeReader.parse("v: " + written + "\n", Format.YAML, "t.yaml");

            assertThat(result.problems()).isEmpty();
            assertThat(Trees.toJson(result.root())).isEqualTo("{\"v\":" + json + "}");
        }

        @Test
        void jsonNumbersKeepTheirDigits() {
            TreeReader.Result result = TreeReader.parse("{\"a\": 1.50, \"b\": 1e3, \"c\": -0.0, \"d\": \"中文\"}",
                    Format.JSON, "t.json");

            assertThat(Trees.toJson(result.root())).isEqualTo("{\"a\":1.50,\"b\":1e3,\"c\":-0.0,\"d\":\"中文\"}");
        }
    }

    @Nested
    class RejectedYaml {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "anchor and alias | 'a: &x 1\\nb: *x\\n'                  | 2 | alias",
            "alias            | 'a: 1\\nb: *x\\n'                     | 0 | ",
            "block anchor     | 'base: &b {k: 1}\\nc: 2\\n'           | 1 | anchor '&b'",
            "list anchor      | 'l: &l [1]\\n'                         | 1 | anchor '&l'",
            "merge key        | 'base: {k: 1}\\nc:\\n  <<: {k: 2}\\n' | 3 | merge key",
            "duplicate key    | 'a: 1\\nb: 2\\na: 3\\n'               | 3 | duplicate key 'a'",
            "tab indentation  | 'a:\\n\\tb: 1\\n'                     | 2 | tab",
            "two documents    | 'a: 1\\n---\\nb: 2\\n'                | 0 | more than one document",
            "syntax error     | 'a: [1, 2\\nb: 3\\n'                  | 0 | not valid YAML",
            "tag              | 'a: !!str 5\\n'                       | 1 | tag",
        })
        void yamlPitfallsAreProblemsWithALine(String name, String text, int line, String fragment) {
            TreeReader.Result result = TreeReader.parse(text.replace("\\n", "\n").replace("\\t", "\t"),
                    Format.YAML, "t.yaml");

            assertThat(result.usable()).isFalse();
            Problem problem = result.problems().get(0);
            assertThat(problem.source()).isEqualTo("t.yaml");
            if (line > 0) {
                assertThat(problem.line()).isEqualTo(line);
            } else {
                assertThat(problem.line()).isPositive();
            }
            if (fragment != null) {
                assertThat(problem.message()).contains(fragment);
            }
        }
    }

    @Nested
    class Wording {

        @Test
        void aDuplicateKeySaysTheFileIsSkippedAsItIs() {
            TreeReader.Result result = TreeReader.parse("{\"url\": \"/a\", \"url\": \"/b\"}", Format.JSON, "d.json");

            assertThat(result.usable()).isFalse();
            assertThat(result.problems()).extracting(Problem::format).containsExactly("ERROR d.json:1:15: duplicate"
                    + " key 'url' (first written at line 1) (keep one of the two; the file is skipped until then)");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "unclosed block | '{\"name\": \"a\",\n\"url\": \"/x\"\n' | JSON | is not valid JSON: the file ends"
                + " before a '{' block is closed with '}'",
            "unclosed list  | '[{\"name\": \"a\"}\n'                 | JSON | is not valid JSON: the file ends"
                + " before a '[' list is closed with ']'",
            "bad character  | '{\"a\": x}'                            | JSON | is not valid JSON: Unrecognized token"
                + " 'x'",
            "trailing comma | '{\"a\": 1,\n}'                         | JSON | is not valid JSON: a name in double"
                + " quotes was expected here, but there is '}' (JSON allows no comma before '}')",
            "stray colon    | 'name: b\nurl: /y\n  bad: [\n'         | YAML | is not valid YAML: a ':' where YAML"
                + " expects no new key",
        })
        void aSyntaxErrorIsSaidInPlainWordsWithoutParserInternals(String name, String text, Format format,
                String message) {
            TreeReader.Result result = TreeReader.parse(text.replace("\\n", "\n"), format, "s.json");

            assertThat(result.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.message()).startsWith(message).doesNotContain("Source", "REDACTED", "`",
                        "StreamRead", "start marker");
                assertThat(problem.line()).isPositive();
            });
        }

        @Test
        void aFileBuiltFromAliasesListsTheFirstFiveAndSaysMoreFollow() {
            String bomb = "a: &a [x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\n";

            TreeReader.Result result = TreeReader.parse(bomb, Format.YAML, "bomb.yaml");

            assertThat(result.usable()).isFalse();
            assertThat(result.problems()).hasSize(6);
            assertThat(result.problems().get(5).message()).startsWith("more YAML anchors, aliases, merge keys or"
                    + " tags follow from here; only the first 5 are listed");
        }

        @Test
        void anEmptyListIsDescribedAsEmpty() {
            TreeReader.Result result = TreeReader.parse("[]", Format.JSON, "e.json");

            assertThat(result.root().describe()).isEqualTo("an empty list");
        }
    }

    @Nested
    class Limits {

        @ParameterizedTest(name = "{0} levels of {1}")
        @CsvSource({"501, JSON", "501, YAML", "2000, JSON"})
        void nestingBeyondTheParsersOwnLimitIsStillOneProblemInOurWords(int levels, Format format) {
            String deep = "a:\n  " + "[".repeat(levels) + "]".repeat(levels) + "\n";
            String text = format == Format.JSON ? "{\"a\":\n" + "[".repeat(levels) + "]".repeat(levels) + "}" : deep;

            TreeReader.Result result = TreeReader.parse(text, format, "deep");

            assertThat(result.usable()).isFalse();
            assertThat(result.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.message()).isEqualTo("blocks and lists are nested deeper than 64 levels");
                assertThat(problem.line()).isEqualTo(2);
            });
        }

        @Test
        void deepNestingIsOneProblemWithItsLine() {
            String deep = "{\"a\":\n" + "[".repeat(100) + "]".repeat(100) + "}";

            TreeReader.Result result = TreeReader.parse(deep, Format.JSON, "deep.json");

            assertThat(result.usable()).isFalse();
            assertThat(result.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.message()).contains("deeper than 64");
                assertThat(problem.line()).isEqualTo(2);
            });
        }
    }

    @Nested
    class FilesOnDisk {

        @TempDir
        Path dir;

        @Test
        void aByteOrderMarkIsSkipped() throws Exception {
            Path file = dir.resolve("a.json");
            Files.write(file, ("\uFEFF{\"name\": \"登录\"}").getBytes(StandardCharsets.UTF_8));

            TreeReader.Result result = TreeReader.read(file, "a.json");

            assertThat(result.problems()).isEmpty();
            assertThat(Trees.toJson(result.root())).isEqualTo("{\"name\":\"登录\"}");
        }

        @Test
        void gbkTextIsReportedAsLikelyGbkWithItsLine() throws Exception {
            Path file = dir.resolve("a.yaml");
            Files.write(file, "url: /x\nname: 用户登录\n".getBytes(Charset.forName("GBK")));

            TreeReader.Result result = TreeReader.read(file, "a.yaml");

            assertThat(result.root()).isNull();
            assertThat(result.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.message()).contains("not valid UTF-8").contains("GBK");
                assertThat(problem.line()).isEqualTo(2);
            });
        }
    }
}
