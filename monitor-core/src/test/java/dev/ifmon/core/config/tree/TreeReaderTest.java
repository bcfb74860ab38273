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
    class Limits {

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
