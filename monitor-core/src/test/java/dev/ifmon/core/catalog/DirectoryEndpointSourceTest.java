package dev.ifmon.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.AuthMode;
import dev.ifmon.api.Catalog;
import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.EndpointSource;
import dev.ifmon.api.JsonAssertion;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RequestBody;
import dev.ifmon.api.Severity;
import dev.ifmon.api.StatusRange;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;
import java.util.stream.Stream;

class DirectoryEndpointSourceTest {

    static final String BRIEF_DOC = DirectoryEndpointSourceTestTexts.BRIEF_DOC;


    @TempDir
    Path dir;

    CatalogFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new CatalogFixture(dir);
    }

    @Nested
    class TheBriefDoc {

        @Test
        void loadsUnchangedAsAPostWithAJsonBody() {
            fixture.write("user/login/login-api.json", BRIEF_DOC);

            Catalog catalog = fixture.load();

            EndpointDefinition login = catalog.endpoints().get(0);
            assertThat(catalog.endpoints()).hasSize(1);
            assertThat(login.id().toString()).isEqualTo("user/login/用户登录");
            assertThat(login.method()).isEqualTo("POST");
            assertThat(login.url()).isEqualTo("https://api.example.com/user/login");
            assertThat(login.headers()).containsExactly(Map.entry("Content-Type", "application/json"));
            assertThat(login.query()).isEmpty();
            assertThat(login.body()).isEqualTo(new RequestBody("application/json",
                    "{\"username\":\"string\",\"password\":\"string\"}"));
            assertThat(login.exampleResponse())
                    .isEqualTo("{\"success\":{\"code\":200,\"data\":{\"token\":\"string\",\"userId\":\"number\"}}}");
            assertThat(login.source().file()).isEqualTo("Interface-pool/user/login/login-api.json");
            assertThat(login.source().line()).isEqualTo(1);
            assertThat(login.auth()).isEqualTo(AuthMode.INHERIT);
            assertThat(login.enabled()).isTrue();
        }

        @Test
        void warnsAboutEachPlaceholderNamingTheField() {
            fixture.write("user/login/login-api.json", BRIEF_DOC);

            List<Problem> problems = fixture.load().problems();

            assertThat(problems).extracting(Problem::severity).containsOnly(Severity.WARNING);
            assertThat(problems).extracting(Problem::message).containsExactly(
                    "'params.username' holds the type name 'string' where a value belongs; it is sent as written",
                    "'params.password' holds the type name 'string' where a value belongs; it is sent as written");
            assertThat(problems).extracting(Problem::line).containsOnly(6);
        }
    }

    @Nested
    class TheFormat {

        @Test
        void readsEveryKeyOfAYamlDoc() {
            fixture.write("nurse/schedule/list.yaml", """
                    name: 排班列表
                    description: 查询排班
                    method: get
                    url: /schedules/${WARD}
                    headers:
                      X-Trace: "on"
                    query:
                      page: 007
                      size: 1.50
                    enabled: false
                    timeout: 2.5
                    retries: 3
                    follow_redirects: true
                    idempotent: true
                    auth: none
                    tags: [smoke, 核心]
                    expect:
                      status: [200, 3xx, 400-404]
                      max_latency: 800
                      warn_latency: 1s
                      json:
                        - {path: /code, equals: 0}
                        - {path: $.data.items, type: array}
                        - {path: /data/total, exists: true}
                        - {path: /msg, regex: "^ok"}
                        - {path: /data/items, length: 1-50}
                        - {pointer: /data/total, type: integer}
                      body_contains: 成功
                      body_regex: "\\\\d+"
                      headers: {Content-Type: json}
                      drift: true
                      checks:
                        - {type: cert-expiry, days: 14}
                    response: {code: 0, data: {items: [], total: 0}}
                    status_codes: {"404": 排班不存在, 5xx: 服务异常}
                    """);

            Catalog catalog = fixture.load();

            assertThat(catalog.problems()).isEmpty();
            EndpointDefinition endpoint = catalog.endpoints().get(0);
            assertThat(endpoint.id().toString()).isEqualTo("nurse/schedule/排班列表");
            assertThat(endpoint.description()).isEqualTo("查询排班");
            assertThat(endpoint.method()).isEqualTo("GET");
            assertThat(endpoint.url()).isEqualTo("/schedules/${WARD}");
            assertThat(endpoint.headers()).containsExactly(Map.entry("X-Trace", "on"));
            assertThat(endpoint.query()).containsExactly(Map.entry("page", "007"), Map.entry("size", "1.50"));
            assertThat(endpoint.body()).isNull();
            assertThat(endpoint.enabled()).isFalse();
            assertThat(endpoint.timeout()).isEqualTo(Duration.ofMillis(2500));
            assertThat(endpoint.retries()).isEqualTo(3);
            assertThat(endpoint.followRedirects()).isTrue();
            assertThat(endpoint.idempotent()).isTrue();
            assertThat(endpoint.auth()).isEqualTo(AuthMode.NONE);
            assertThat(endpoint.tags()).containsExactly("smoke", "核心");
            assertThat(endpoint.expect().statuses()).containsExactly(new StatusRange(200, 200),
                    new StatusRange(300, 399), new StatusRange(400, 404));
            assertThat(endpoint.expect().maxLatency()).isEqualTo(Duration.ofMillis(800));
            assertThat(endpoint.expect().warnLatency()).isEqualTo(Duration.ofSeconds(1));
            assertThat(endpoint.expect().json()).containsExactly(
                    new JsonAssertion("/code", JsonAssertion.Operator.EQUALS, new java.math.BigDecimal("0")),
                    new JsonAssertion("/data/items", JsonAssertion.Operator.TYPE, "array"),
                    new JsonAssertion("/data/total", JsonAssertion.Operator.EXISTS, null),
                    new JsonAssertion("/msg", JsonAssertion.Operator.REGEX, "^ok"),
                    new JsonAssertion("/data/items", JsonAssertion.Operator.LENGTH, "1-50"),
                    new JsonAssertion("/data/total", JsonAssertion.Operator.TYPE, "integer"));
            assertThat(endpoint.expect().bodyContains()).containsExactly("成功");
            assertThat(endpoint.expect().bodyRegex()).isEqualTo("\\d+");
            assertThat(endpoint.expect().headers()).containsExactly(Map.entry("Content-Type", "json"));
            assertThat(endpoint.expect().drift()).isTrue();
            assertThat(endpoint.expect().checks()).singleElement().satisfies(check -> {
                assertThat(check.type()).isEqualTo("cert-expiry");
                assertThat(check.settings().integer("days", 0)).isEqualTo(14);
            });
            assertThat(endpoint.exampleResponse()).isEqualTo("{\"code\":0,\"data\":{\"items\":[],\"total\":0}}");
            assertThat(endpoint.statusNotes()).containsExactly(Map.entry("404", "排班不存在"),
                    Map.entry("5xx", "服务异常"));
        }

        @ParameterizedTest(name = "{0} params go to the {1}")
        @CsvSource({"GET, query", "DELETE, query", "HEAD, query", "POST, body", "PUT, body", "PATCH, body"})
        void paramsFollowTheMethod(String method, String where) {
            fixture.write("user/order/o.json", "{\"name\": \"o\", \"method\": \"" + method
                    + "\", \"url\": \"/o\", \"params\": {\"id\": 12, \"price\": 1.50, \"tag\": \"a\"}}");

            EndpointDefinition endpoint = fixture.load().endpoints().get(0);

            if (where.equals("query")) {
                assertThat(endpoint.query()).containsExactly(Map.entry("id", "12"), Map.entry("price", "1.50"),
                        Map.entry("tag", "a"));
                assertThat(endpoint.body()).isNull();
            } else {
                assertThat(endpoint.query()).isEmpty();
                assertThat(endpoint.body()).isEqualTo(new RequestBody("application/json",
                        "{\"id\":12,\"price\":1.50,\"tag\":\"a\"}"));
            }
        }

        @Test
        void aRawTextBodyKeepsItsContentType() {
            fixture.write("user/order/o.yaml", """
                    name: 下单
                    method: POST
                    url: /orders
                    content_type: application/xml
                    body: |
                      <order id="1"/>
                    """);

            EndpointDefinition endpoint = fixture.load().endpoints().get(0);

            assertThat(endpoint.body()).isEqualTo(new RequestBody("application/xml", "<order id=\"1\"/>\n"));
        }

        @Test
        void aFileMayHoldAListAndASingleDocMayOmitItsName() {
            fixture.write("admin/system/many.yaml", """
                    - {name: a, url: /a}
                    - {name: b, url: /b}
                    """);
            fixture.write("admin/system/health.json", "{\"url\": \"/health\"}");

            Catalog catalog = fixture.load();

            assertThat(catalog.problems()).isEmpty();
            assertThat(catalog.endpoints()).extracting(e -> e.id().name()).containsExactly("health", "a", "b");
            assertThat(catalog.endpoints()).extracting(e -> e.source().line()).containsExactly(1, 1, 2);
        }
    }

    @Nested
    class Pitfalls {

        static Stream<Arguments> docMistakes() {
            return Stream.of(
                    Arguments.of("unknown method",
                            "a.yaml",
                            "name: a\nurl: /a\nmethod: POTS\n",
                            3,
                            "did you mean 'POST'"),
                    Arguments.of("no url", "a.yaml", "name: a\nmethod: GET\n", 1, "no 'url'"),
                    Arguments.of("url with a space", "a.yaml", "name: a\nurl: /a b\n", 2, "space"),
                    Arguments.of("ftp url", "a.yaml", "name: a\nurl: ftp://localhost/a\n", 2, "http(s)"),
                    Arguments.of("bad status", "a.yaml", "name: a\nurl: /a\nexpect:\n  status: 700\n", 4, "700"),
                    Arguments.of("bad regex",
                            "a.yaml",
                            "name: a\nurl: /a\nexpect:\n  body_regex: \"(\"\n",
                            4,
                            "not a valid regex"),
                    Arguments.of("unknown expect key",
                            "a.yaml",
                            "name: a\nurl: /a\nexpect:\n  stauts: 200\n",
                            4,
                            "expect.stauts"),
                    Arguments.of("auth mode", "a.yaml", "name: a\nurl: /a\nauth: bearer\n", 3, "inherit"),
                    Arguments.of("retries too high", "a.yaml", "name: a\nurl: /a\nretries: 99\n", 3, "retries"),
                    Arguments.of("enabled not a boolean",
                            "a.yaml",
                            "name: a\nurl: /a\nenabled: yes\n",
                            3,
                            "true or false"),
                    Arguments.of("timeout text", "a.yaml", "name: a\nurl: /a\ntimeout: soon\n", 3, "timeout"),
                    Arguments.of("timeout absurd",
                            "a.yaml",
                            "name: a\nurl: /a\ntimeout: 99999999999999999999\n",
                            3,
                            "'timeout' must be a positive duration of at most 10m"),
                    Arguments.of("timeout above the maximum", "a.yaml", "name: a\nurl: /a\ntimeout: 11m\n", 3,
                            "at most 10m"),
                    Arguments.of("params and body",
                            "a.yaml",
                            "name: a\nurl: /a\nmethod: POST\nparams: {x: 1}\nbody: {y: 2}\n",
                            4,
                            "both"),
                    Arguments.of("nested query value",
                            "a.yaml",
                            "name: a\nurl: /a\nquery:\n  x: {y: 1}\n",
                            4,
                            "query.x"),
                    Arguments.of("list entry not a block",
                            "a.yaml",
                            "- name: a\n  url: /a\n- just text\n",
                            3,
                            "list entry"),
                    Arguments.of("list entry without name", "a.yaml", "- url: /a\n", 1, "no 'name'"),
                    Arguments.of("json pointer",
                            "a.yaml",
                            "name: a\nurl: /a\nexpect:\n  json:\n    - {path: data.x, exists: true}\n",
                            5,
                            "JSON pointer"),
                    Arguments.of("json path and pointer both",
                            "a.yaml",
                            "name: a\nurl: /a\nexpect:\n  json:\n    - {path: /x, pointer: /y, exists: true}\n",
                            5,
                            "both 'path' and 'pointer'"),
                    Arguments.of("json type unknown",
                            "a.yaml",
                            "name: a\nurl: /a\nexpect:\n  json:\n    - {path: /x, type: int}\n",
                            5,
                            "string, number, integer, boolean"),
                    Arguments.of("scalar document", "a.yaml", "hello\n", 1, "a block of keys"),
                    Arguments.of("duplicate key", "a.yaml", "name: a\nurl: /a\nname: b\n", 3, "duplicate key 'name'"),
                    Arguments.of("yaml alias", "a.yaml", "name: &n a\nurl: /a\ndescription: *n\n", 3, "alias"),
                    Arguments.of("merge key", "a.yaml", "name: a\nurl: /a\nheaders:\n  <<: {X: 1}\n", 4, "merge key"),
                    Arguments.of("tab indentation", "a.yaml", "name: a\nheaders:\n\tX: 1\n", 3, "tab"),
                    Arguments.of("json syntax", "a.json", "{\"name\": \"a\",\n \"url\": \"/a\",\n}", 3,
                            "not valid JSON"),
                    Arguments.of("empty file", "a.json", "", 0, "empty"),
                    Arguments.of("only whitespace", "a.yaml", "  \n\n", 0, "empty"));
        }

        @Test
        void anInternationalisedHostNameIsAValidUrl() {
            fixture.write("svc/mod/idn.yaml", "name: idn\nurl: http://例子.invalid/x\n");

            Catalog catalog = fixture.load();

            assertThat(catalog.problems()).isEmpty();
            assertThat(catalog.endpoints()).extracting(EndpointDefinition::url)
                    .containsExactly("http://例子.invalid/x");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("docMistakes")
        void eachMistakeIsOneErrorWithItsLine(String name, String file, String text, int line, String fragment) {
            fixture.write("svc/mod/ok.json", "{\"name\": \"ok\", \"url\": \"/ok\"}");
            fixture.write("svc/mod/" + file, text);

            Catalog catalog = fixture.load();

            assertThat(catalog.endpoints()).as(name).extracting(e -> e.id().name()).contains("ok")
                    .doesNotContain("b");
            List<Problem> errors = catalog.problems().stream().filter(Problem::isError).toList();
            assertThat(errors).as(name).hasSize(1);
            assertThat(errors.get(0).source()).isEqualTo("Interface-pool/svc/mod/" + file);
            assertThat(errors.get(0).line()).isEqualTo(line);
            assertThat(errors.get(0).message() + " " + errors.get(0).hint()).contains(fragment);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "Windows line endings   | user/login/crlf.yaml",
            "BOM and CRLF in YAML   | user/login/bom.yml",
            "upper-case extension   | user/login/UPPER.JSON",
            "Chinese folder names   | 用户/登录/接口.yaml",
        })
        void filesAsPeopleSaveThemLoad(String name, String path) {
            String text = path.endsWith(".JSON") ? "{\"name\": \"x\",\r\n \"url\": \"/x\"}"
                    : (name.startsWith("BOM") ? "\uFEFF" : "") + "name: x\r\nurl: /x\r\nheaders:\r\n  A: 1\r\n";
            fixture.write(path, text);

            Catalog catalog = fixture.load();

            assertThat(catalog.problems()).isEmpty();
            assertThat(catalog.endpoints()).singleElement().satisfies(endpoint -> {
                assertThat(endpoint.id().toString()).isEqualTo(path.substring(0, path.lastIndexOf('/')) + "/x");
                assertThat(endpoint.url()).isEqualTo("/x");
            });
        }

        @Test
        void aUtf8ByteOrderMarkIsAccepted() {
            fixture.write("user/login/bom.json", "\uFEFF{\"name\": \"登录\", \"url\": \"/login\"}");

            Catalog catalog = fixture.load();

            assertThat(catalog.problems()).isEmpty();
            assertThat(catalog.endpoints()).extracting(e -> e.id().name()).containsExactly("登录");
        }

        @Test
        void aGbkFileIsNamedWithItsLikelyEncodingAndNeverGarbled() {
            fixture.write("user/login/gbk.yaml", "url: /login\nname: 用户登录\n".getBytes(Charset.forName("GBK")));

            Catalog catalog = fixture.load();

            assertThat(catalog.endpoints()).isEmpty();
            assertThat(catalog.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.source()).isEqualTo("Interface-pool/user/login/gbk.yaml");
                assertThat(problem.line()).isEqualTo(2);
                assertThat(problem.message()).contains("not valid UTF-8").contains("GBK");
            });
        }

        @Test
        void aFileAboveTheSizeCapIsSkippedWithoutBeingRead() throws IOException {
            Path big = fixture.write("user/login/big.json", "{}");
            try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
                raf.setLength(50L * 1024 * 1024);
            }

            Catalog catalog = fixture.load();

            assertThat(catalog.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.message()).contains("52428800 bytes").contains("1 MiB");
                assertThat(problem.source()).endsWith("big.json");
            });
        }

        @Test
        void aFolderNamedLikeADocIsAProblem() throws IOException {
            Files.createDirectories(fixture.root().resolve("user/login/folder.json"));

            assertThat(fixture.load().problems()).singleElement()
                    .satisfies(problem -> assertThat(problem.message()).contains("is a folder"));
        }

        @Test
        void symbolicLinkLoopsAreBoundedSkips() throws IOException {
            Path module = fixture.write("user/login/ok.json", "{\"name\": \"ok\", \"url\": \"/ok\"}").getParent();
            Files.createSymbolicLink(module.resolve("loop.json"), module.resolve("loop.json"));
            Files.createSymbolicLink(module.resolve("up"), module.getParent());
            Files.createSymbolicLink(fixture.root().resolve("user/self"), fixture.root().resolve("user"));

            Catalog catalog = fixture.load();

            assertThat(catalog.endpoints()).extracting(e -> e.id().toString())
                    .containsExactly("user/login/ok");
            assertThat(catalog.problems()).extracting(Problem::source).containsExactly(
                    "Interface-pool/user/login/loop.json", "Interface-pool/user/login/up",
                    "Interface-pool/user/self/login", "Interface-pool/user/self/self");
        }

        @Test
        void hiddenFilesBackupsAndOtherExtensionsAreIgnored() {
            fixture.write("user/login/ok.json", "{\"name\": \"ok\", \"url\": \"/ok\"}");
            for (String name : List.of(".hidden.json", "ok.json~", ".ok.json.swp", "ok.json.swp", "ok.json.bak",
                    "README.md", "notes.txt", ".DS_Store")) {
                fixture.write("user/login/" + name, "not a doc {{{");
            }
            fixture.write(".git/x/y.json", "not a doc {{{");

            Catalog catalog = fixture.load();

            assertThat(catalog.problems()).isEmpty();
            assertThat(catalog.endpoints()).hasSize(1);
        }

        @Test
        void misplacedDocsAreReportedAndNotRead() {
            fixture.write("top.json", "{}");
            fixture.write("user/not-in-module.yaml", "{}");
            fixture.write("user/login/deeper/x.json", "{}");

            List<Problem> problems = fixture.load().problems();

            assertThat(problems).extracting(Problem::severity).containsOnly(Severity.WARNING);
            assertThat(problems).extracting(Problem::source).containsExactly("Interface-pool/top.json",
                    "Interface-pool/user/login/deeper", "Interface-pool/user/not-in-module.yaml");
        }

        @Test
        void aDuplicateEndpointIsAnErrorNamingBothPlaces() {
            fixture.write("user/login/a.json", "{\"name\": \"登录\", \"url\": \"/a\"}");
            fixture.write("user/login/b.yaml", "- {name: x, url: /x}\n- {name: 登录, url: /b}\n");

            Catalog catalog = fixture.load();

            assertThat(catalog.endpoints()).extracting(EndpointDefinition::url).containsExactly("/a", "/x");
            assertThat(catalog.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.source()).isEqualTo("Interface-pool/user/login/b.yaml");
                assertThat(problem.line()).isEqualTo(2);
                assertThat(problem.message()).contains("user/login/登录")
                        .contains("Interface-pool/user/login/a.json:1");
            });
        }

        @Test
        void aMissingRootIsOneError() {
            Catalog catalog = fixture.load();

            assertThat(catalog.endpoints()).isEmpty();
            assertThat(catalog.problems()).singleElement()
                    .satisfies(problem -> assertThat(problem.message()).contains("Interface-pool"));
        }
    }

    @Nested
    class Registration {

        @Test
        void theServiceLoaderFindsTheDirectorySource() {
            List<String> types = ServiceLoader.load(EndpointSource.class).stream()
                    .map(provider -> provider.get().type()).toList();

            assertThat(types).contains("directory");
        }
    }
}
