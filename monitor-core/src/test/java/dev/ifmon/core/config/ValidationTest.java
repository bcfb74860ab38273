package dev.ifmon.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Catalog;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.api.Severity;
import dev.ifmon.api.SourceContext;
import dev.ifmon.core.catalog.DirectoryEndpointSource;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {

    @TempDir
    Path dir;

    void write(String relative, byte[] bytes) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    void write(String relative, String text) throws IOException {
        write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    MonitorConfig config(String yaml) throws IOException {
        write("config.yaml", yaml);
        return ConfigLoader.load(dir.resolve("config.yaml"), null, Set.of("wechat"), Map.of());
    }

    Catalog catalog(MonitorConfig config) {
        return new DirectoryEndpointSource().load(new SourceContext() {
            @Override
            public Settings settings() {
                return config.docs();
            }

            @Override
            public Path baseDirectory() {
                return config.baseDirectory();
            }

            @Override
            public String environment() {
                return config.environment();
            }
        });
    }

    @Nested
    class TheBriefFiles {

        @Test
        void validateUnchangedWithOnlyThePlaceholderWarnings() throws IOException {
            write("Interface-pool/user/login/login-api.json",
                    dev.ifmon.core.catalog.DirectoryEndpointSourceTestTexts.BRIEF_DOC);
            MonitorConfig config = config(ConfigLoaderTest.BRIEF_CONFIG);

            Catalog catalog = catalog(config);
            List<Problem> problems = Validation.all(config, catalog);

            assertThat(catalog.endpoints()).hasSize(1);
            assertThat(problems).extracting(Problem::format).containsExactly(
                    "WARNING Interface-pool/user/login/login-api.json:6:27: 'params.username' holds the type name"
                            + " 'string' where a value belongs; it is sent as written (write a real example value)",
                    "WARNING Interface-pool/user/login/login-api.json:6:49: 'params.password' holds the type name"
                            + " 'string' where a value belongs; it is sent as written (write a real example value)");
        }
    }

    @Nested
    class ALargeCatalog {

        static final int SERVICES = 10;

        String services() {
            StringBuilder yaml = new StringBuilder("interface_docs:\n  root_path: ./pool\nservices:\n");
            for (int s = 0; s < SERVICES; s++) {
                yaml.append("  - name: svc").append(s).append("\n    base_url: http://localhost:1/s").append(s)
                        .append('\n');
            }
            return yaml.toString();
        }

        void writeGoodDocs() throws IOException {
            for (int i = 0; i < 1000; i++) {
                String path = "pool/svc" + i % SERVICES + "/mod" + i / 100 + "/doc" + i;
                if (i % 2 == 0) {
                    write(path + ".json", "{\n  \"name\": \"接口" + i + "\",\n  \"method\": \"GET\",\n"
                            + "  \"url\": \"/e/" + i + "\",\n  \"expect\": {\"status\": [200]}\n}\n");
                } else {
                    write(path + ".yaml", "name: 接口" + i + "\nmethod: POST\nurl: /e/" + i + "\nparams:\n  id: " + i
                            + "\nexpect:\n  status: 2xx\n");
                }
            }
        }

        void breakTen() throws IOException {
            write("pool/svc0/mod0/doc0.json", "{\n  \"name\": \"a\",\n  \"url\": \"/a\",\n}\n");
            write("pool/svc1/mod0/doc1.yaml", "name: b\nurl: /b\nheaders:\n\tX: 1\n");
            write("pool/svc2/mod0/doc2.json", "{\n  \"name\": \"c\",\n  \"url\": \"/c\",\n  \"url\": \"/d\"\n}\n");
            write("pool/svc3/mod0/doc3.yaml", "name: d\nurl: /d\nmethod: GETT\n");
            write("pool/svc4/mod0/doc4.json", "{\"url\": \"/e\",\n\"name\": \"中文名称\"}\n"
                    .getBytes(Charset.forName("GBK")));
            write("pool/svc5/mod0/doc5.yaml", "name: f\nurl: /f\nexpect:\n  status: 99\n");
            write("pool/svc6/mod0/doc6.json", "{\n  \"name\": \"g\",\n  \"url\": \"/g/${MISSING_ID}\"\n}\n");
            write("pool/svc7/mod0/doc7.yaml", "name: 接口17\nurl: /h\n");
            write("pool/svc8/mod0/doc8.json", "{\n  \"name\": \"i\",\n  \"url\": \"/i\",\n  \"expect\": {\n"
                    + "    \"body_regex\": \"[a-\"\n  }\n}\n");
            write("pool/svc9/mod0/doc9.yaml", "name: &n j\nurl: /j\ndescription: *n\n");
        }

        @Test
        void tenBrokenDocsGiveTenPreciseProblems() throws IOException {
            writeGoodDocs();
            breakTen();
            MonitorConfig config = config(services());

            Catalog catalog = catalog(config);
            List<Problem> problems = Validation.all(config, catalog);

            assertThat(catalog.endpoints().size()).as("endpoints loaded; doc6 loads but cannot resolve").isEqualTo(991);
            assertThat(problems).extracting(p -> p.severity() + " " + p.source() + ":" + p.line())
                    .containsExactlyInAnyOrder(
                            "ERROR pool/svc0/mod0/doc0.json:4",
                            "ERROR pool/svc1/mod0/doc1.yaml:4",
                            "ERROR pool/svc2/mod0/doc2.json:4",
                            "ERROR pool/svc3/mod0/doc3.yaml:3",
                            "ERROR pool/svc4/mod0/doc4.json:2",
                            "ERROR pool/svc5/mod0/doc5.yaml:4",
                            "ERROR pool/svc6/mod0/doc6.json:3",
                            "ERROR pool/svc7/mod0/doc7.yaml:1",
                            "ERROR pool/svc8/mod0/doc8.json:5",
                            "ERROR pool/svc9/mod0/doc9.yaml:3");
            assertThat(problems).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("GBK"))
                    .anySatisfy(m -> assertThat(m).contains("${MISSING_ID}"))
                    .anySatisfy(m -> assertThat(m).contains("duplicate endpoint 'svc7/mod0/接口17'"))
                    .anySatisfy(m -> assertThat(m).contains("'GETT'"));
        }
    }

    @Nested
    class CrossChecks {

        @Test
        void undeclaredServiceFoldersAndServicesWithoutDocsAreWarnings() throws IOException {
            write("Interface-pool/other/m/a.json", "{\"name\": \"a\", \"url\": \"http://localhost:1/a\"}");
            write("Interface-pool/other/m/b.json", "{\"name\": \"b\", \"url\": \"http://localhost:1/b\"}");
            MonitorConfig config = config("services:\n  - name: user\n  - name: off\n    enabled: false\n");

            List<Problem> problems = Validation.validate(config, catalog(config));

            assertThat(problems).extracting(Problem::severity).containsOnly(Severity.WARNING);
            assertThat(problems).extracting(Problem::message).containsExactly(
                    "the service folder 'other' is not declared under 'services' in " + config.file(),
                    "the service 'user' has no endpoint docs in the catalog");
        }

        @Test
        void aServiceWhoseDocsAllHadErrorsSaysSoInsteadOfHavingNoDocs() throws IOException {
            write("Interface-pool/user/m/a.json", "{\n  \"name\": \"a\",\n  \"url\": \"/a\",\n}\n");
            write("Interface-pool/user/m/b.yaml", "name: b\nurl: /b\nmethod: GETT\n");
            write("Interface-pool/user/n/c.yaml", "name: c\nurl: /c\ntimeout: never\nretries: many\n");
            write("Interface-pool/other/m/d.yaml", "name: d\nmethod: GETT\nurl: /d\n");
            write("Interface-pool/other/m/e.yaml", "name: e\nurl: /e\n");
            MonitorConfig config = config("services:\n  - name: user\n    base_url: http://localhost:1\n"
                    + "  - name: other\n    base_url: http://localhost:1\n");

            List<Problem> problems = Validation.validate(config, catalog(config));

            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.severity()).isEqualTo(Severity.WARNING);
                assertThat(problem.message()).isEqualTo("the service 'user' has no endpoint to check: its 3 docs"
                        + " have errors (Interface-pool/user/m/a.json:4, Interface-pool/user/m/b.yaml:3,"
                        + " Interface-pool/user/n/c.yaml:3)");
                assertThat(problem.message()).doesNotContain("no endpoint docs");
            });
        }

        @Test
        void aServiceWithManyBrokenDocsNamesTheFirstFiveAndCountsTheRest() throws IOException {
            for (int i = 0; i < 300; i++) {
                write("Interface-pool/user/m/d" + (100 + i) + ".yaml", "name: d\nurl: /d\nmethod: GETT\n");
            }
            MonitorConfig config = config("services:\n  - name: user\n    base_url: http://localhost:1\n");

            List<Problem> problems = Validation.validate(config, catalog(config));

            assertThat(problems).singleElement().satisfies(problem -> assertThat(problem.message()).endsWith(
                    "its 300 docs have errors (Interface-pool/user/m/d100.yaml:3, Interface-pool/user/m/d101.yaml:3,"
                    + " Interface-pool/user/m/d102.yaml:3, Interface-pool/user/m/d103.yaml:3,"
                    + " Interface-pool/user/m/d104.yaml:3 and 295 more)"));
        }

        @Test
        void aMissingVariableInADocIsReportedAtTheLineThatUsesIt() throws IOException {
            write("Interface-pool/user/m/a.yaml", "name: a\nurl: /a/${ID:-1}\nmethod: POST\nheaders:\n"
                    + "  X-Trace: t\n  Authorization: \"Bearer ${env:IFMON_NO_SUCH_TOKEN}\"\n");
            write("Interface-pool/user/m/b.json", "{\n  \"name\": \"b\",\n  \"method\": \"POST\",\n"
                    + "  \"url\": \"/b\",\n  \"params\": {\n    \"id\": 1,\n    \"who\": \"${WHO}\"\n  }\n}\n");
            MonitorConfig config = config("services:\n  - name: user\n    base_url: http://localhost:1\n");

            List<Problem> problems = Validation.validate(config, catalog(config));

            assertThat(problems).extracting(p -> p.source() + ":" + p.line()).containsExactly(
                    "Interface-pool/user/m/a.yaml:6", "Interface-pool/user/m/b.json:7");
            assertThat(problems.get(0).hint()).startsWith("set the environment variable IFMON_NO_SUCH_TOKEN, or give"
                    + " a default with ${env:IFMON_NO_SUCH_TOKEN:-...}");
            assertThat(problems.get(1).hint()).startsWith("define 'WHO' under the environment's variables or the"
                    + " service 'user' variables in config.yaml, set the environment variable WHO, or give a default"
                    + " with ${WHO:-...}");
        }

        @Test
        void disabledServicesAndEndpointsAreNotResolved() throws IOException {
            write("Interface-pool/off/m/a.json", "{\"name\": \"a\", \"url\": \"/relative\"}");
            write("Interface-pool/on/m/b.json", "{\"name\": \"b\", \"url\": \"/relative\", \"enabled\": false}");
            MonitorConfig config = config("services:\n  - name: off\n    enabled: false\n  - name: on\n");

            Catalog catalog = catalog(config);

            assertThat(Validation.validate(config, catalog)).isEmpty();
            assertThat(catalog.endpoints()).noneMatch(e -> Validation.isChecked(e, config));
        }

        @Test
        void latencyLimitsThatContradictEachOtherAreWarnings() throws IOException {
            write("Interface-pool/s/m/a.yaml", "name: a\nurl: http://localhost:1/a\ntimeout: 1\nexpect:\n"
                    + "  max_latency: 2s\n  warn_latency: 3s\n");
            MonitorConfig config = config("monitor:\n  enabled: false\n");

            List<Problem> problems = Validation.validate(config, catalog(config));

            assertThat(problems).extracting(Problem::message).containsExactly("monitor.enabled is false",
                    "'s/m/a' has warn_latency 3000ms, not below max_latency 2000ms",
                    "'s/m/a' has max_latency above its timeout");
        }
    }
}
