package dev.ifmon.core.check;

import static dev.ifmon.core.check.Fixtures.endpoint;
import static dev.ifmon.core.check.Fixtures.options;
import static dev.ifmon.core.check.Fixtures.service;
import static dev.ifmon.core.check.Fixtures.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.RequestBody;
import dev.ifmon.core.auth.ServiceCredentials;
import dev.ifmon.core.mask.Masker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class EndpointCheckerTest {

    private final Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper();
    private Loopback server;
    private EndpointChecker checker;

    @BeforeEach
    void start() throws IOException {
        server = new Loopback();
        checker = new EndpointChecker(options(Map.of()), Map.of(), Clock.systemUTC(), sleeper);
    }

    @AfterEach
    void stop() {
        checker.close();
        server.close();
    }

    private CheckResult check(EndpointDefinition endpoint) {
        return checker.check(endpoint, service(), ServiceCredentials.NONE, Masker.none());
    }

    @Nested
    class Classification {

        @ParameterizedTest(name = "status {0} gives {1} {2}")
        @CsvSource({
            "200, OK, ''",
            "204, OK, ''",
            "400, OK, ''",
            "404, HTTP_ERROR, HTTP_404",
            "500, HTTP_ERROR, HTTP_500",
            "501, HTTP_ERROR, HTTP_501",
            "503, HTTP_ERROR, HTTP_503",
            "302, HTTP_ERROR, HTTP_302",
        })
        void statusesAreJudgedAgainstTheDefaultFailingSet(int status, Outcome outcome, String code) {
            server.on("/s", (exchange, call) -> {
                exchange.getResponseHeaders().set("Location", "/login");
                Loopback.respond(exchange, status, "text/plain", status == 204 ? "" : "x");
            });

            CheckResult result = check(endpoint(server.url("/s")).retries(0).build());

            assertThat(result.outcome()).isEqualTo(outcome);
            assertThat(result.reasonCode()).isEqualTo(code);
            assertThat(result.status()).isEqualTo(status);
        }

        @Test
        void aPostSendsItsBodyAndContentTypeWithChineseIntact() {
            server.on("/echo", (exchange, call) -> {
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                Loopback.respond(exchange, 200, "text/plain; charset=UTF-8", type + " "
                        + exchange.getAttribute(Loopback.BODY));
            });
            EndpointDefinition endpoint = endpoint(server.url("/echo")).method("POST")
                    .body(new RequestBody("application/json; charset=UTF-8", "{\"username\":\"张三\"}"))
                    .expect(Fixtures.expect(List.of(), null, null, List.of(),
                            List.of("application/json; charset=UTF-8 {\"username\":\"张三\"}"), null, Map.of(),
                            false, List.of())).build();

            CheckResult result = check(endpoint);

            assertThat(result.outcome()).as(result.reason()).isEqualTo(Outcome.OK);
        }

        @Test
        void queryParametersAreSentPercentEncodedAsUtf8() {
            server.on("/q", (exchange, call) -> Loopback.respond(exchange, 200, null,
                    "raw:" + exchange.getRequestURI().getRawQuery()));
            EndpointDefinition endpoint = endpoint(server.url("/q") + "?name=张三").query(Map.of("ward", "3 A"))
                    .expect(Fixtures.expect(List.of(), null, null, List.of(),
                            List.of("raw:name=%E5%BC%A0%E4%B8%89&ward=3%20A"), null, Map.of(), false, List.of()))
                    .build();

            CheckResult result = check(endpoint);

            assertThat(result.outcome()).as(result.reason()).isEqualTo(Outcome.OK);
        }

        @Test
        void aRedirectIsOkWhenTheDocExpectsIt() {
            server.on("/r", (exchange, call) -> {
                exchange.getResponseHeaders().set("Location", "/login");
                Loopback.respond(exchange, 302, null, "");
            });

            CheckResult result = check(endpoint(server.url("/r")).expect(statuses("302")).build());

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
        }

        @Test
        void aStatusOutsideTheExpectedRangesFailsWithTheRangesInTheReason() {
            server.answer("/e", 201, "text/plain", "made");

            CheckResult result = check(endpoint(server.url("/e")).expect(statuses("200")).build());

            assertThat(result.outcome()).isEqualTo(Outcome.HTTP_ERROR);
            assertThat(result.reason()).contains("201").contains("200");
        }

        @Test
        void aFailureCarriesTheRequestAndResponseSnapshotsAndASuccessDoesNot() {
            server.answer("/bad", 500, "application/json", "{\"error\":\"数据库不可用\"}");
            server.answer("/good", 200, "application/json", "{}");

            CheckResult bad = check(endpoint(server.url("/bad")).retries(0).build());
            CheckResult good = check(endpoint(server.url("/good")).build());

            assertThat(bad.request().url()).isEqualTo(server.url("/bad"));
            assertThat(bad.response().body()).contains("数据库不可用");
            assertThat(good.request()).isNull();
            assertThat(good.response()).isNull();
        }
    }

    @Nested
    class SecretHeaders {

        @Test
        void aCookieOrAuthorizationOfTheDocEchoedByTheServerIsMaskedInTheResult() {
            server.on("/echo", (exchange, call) -> Loopback.respond(exchange, 500, "text/plain", "you sent "
                    + exchange.getRequestHeaders().getFirst("Cookie") + " and "
                    + exchange.getRequestHeaders().getFirst("Authorization")));
            EndpointDefinition endpoint = endpoint(server.url("/echo")).retries(0).headers(Map.of(
                    "Cookie", "SESSIONID=ck-Rt58-secret; lang=zh-CN", "Authorization", "ApiKey az-Jd27-secret"))
                    .build();

            CheckResult result = check(endpoint);

            assertThat(result.outcome()).isEqualTo(Outcome.HTTP_ERROR);
            assertThat(result.response().body()).startsWith("you sent ").contains("******")
                    .doesNotContain("ck-Rt58-secret", "az-Jd27-secret");
            assertThat(result.response().body()).as("the whole Cookie header is one secret").doesNotContain("zh-CN");
            assertThat(result.request().headers()).containsKeys("Cookie", "Authorization");
            assertThat(result.toString()).doesNotContain("ck-Rt58-secret", "az-Jd27-secret");
        }

        @Test
        void literalSecretsOfHeadersQueryAndBodyFieldsEchoedByTheServerAreMaskedInTheResponse() {
            server.on("/echo", (exchange, call) -> {
                String echoed = "{\"headers\":{\"X-Token\":\"" + exchange.getRequestHeaders().getFirst("X-Token")
                        + "\",\"Cookie\":\"" + exchange.getRequestHeaders().getFirst("Cookie") + "\"},\"body\":"
                        + quoted((String) exchange.getAttribute(Loopback.BODY)) + ",\"query\":\""
                        + exchange.getRequestURI().getQuery() + "\"}";
                Loopback.respond(exchange, 500, "application/json", echoed);
            });
            String body = "{\"username\":\"u\",\"password\":\"LIT_PW_666\",\"pwd\":\"LIT_PWD_000\","
                    + "\"secret\":\"LIT_SEC_111\",\"passwd\":\"LIT_PASSWD_222\",\"token\":\"LIT_\\\"TOK\"}";
            EndpointDefinition endpoint = endpoint(server.url("/echo") + "?sign=LIT_SIGN_555").method("POST")
                    .idempotent(true).retries(0).query(Map.of("access_token", "LIT ACC 333", "page", "1"))
                    .headers(Map.of("X-Token", "LIT_XTOKEN_777", "Cookie", "JSESSIONID=LIT_JSESS_888"))
                    .body(new RequestBody("application/json", body)).build();

            CheckResult result = check(endpoint);

            assertThat(result.outcome()).isEqualTo(Outcome.HTTP_ERROR);
            assertThat(result.response().body()).contains("\"username\\\":\\\"u\\\"", "******")
                    .doesNotContain("LIT_", "LIT ACC", "LIT%20ACC");
            assertThat(result.toString()).doesNotContain("LIT_", "LIT ACC", "LIT%20ACC");
        }

        private static String quoted(String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    @Nested
    class NetworkFailures {

        @Test
        void anUnknownHostIsADnsNetworkError() {
            CheckResult result = check(endpoint("http://no-such-host.invalid/ping").retries(0).build());

            assertThat(result.outcome()).isEqualTo(Outcome.NETWORK_ERROR);
            assertThat(result.reasonCode()).isEqualTo("DNS");
            assertThat(result.reason()).contains("no-such-host.invalid");
            assertThat(result.status()).isNull();
        }

        @Test
        void anInternationalisedHostNameIsLookedUpInItsAsciiForm() {
            CheckResult result = check(endpoint("http://例子.invalid/x?q=值").retries(0).build());

            assertThat(result.outcome()).as(result.reason()).isEqualTo(Outcome.NETWORK_ERROR);
            assertThat(result.reasonCode()).isEqualTo("DNS");
            assertThat(result.reason()).isEqualTo("cannot resolve host name xn--fsqu00a.invalid");
            assertThat(result.url()).isEqualTo("http://xn--fsqu00a.invalid/x?q=%E5%80%BC");
        }

        @Test
        void aClosedPortIsRefusedAndRetried() throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }

            CheckResult result = check(endpoint("http://127.0.0.1:" + port + "/").retries(2).build());

            assertThat(result.outcome()).isEqualTo(Outcome.NETWORK_ERROR);
            assertThat(result.reasonCode()).isEqualTo("REFUSED");
            assertThat(result.attempts()).isEqualTo(3);
            assertThat(sleeper.waits).hasSize(2);
        }

        @Test
        void aConnectionClosedWithoutAnAnswerIsAReset() throws IOException {
            try (RawServer raw = new RawServer((socket, out) -> socket.setSoLinger(true, 0))) {

                CheckResult result = check(endpoint(raw.url("/")).retries(0).build());

                assertThat(result.outcome()).isEqualTo(Outcome.NETWORK_ERROR);
                assertThat(result.reasonCode()).isEqualTo("RESET");
            }
        }

        @Test
        void aBodyShorterThanItsContentLengthIsAReset() throws IOException {
            try (RawServer raw = new RawServer((socket, out) ->
                    RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten!!"))) {

                CheckResult result = check(endpoint(raw.url("/")).retries(0).build());

                assertThat(result.outcome()).isEqualTo(Outcome.NETWORK_ERROR);
                assertThat(result.reasonCode()).isEqualTo("RESET");
                assertThat(result.reason()).contains("status 200");
            }
        }

        @Test
        void aPooledConnectionClosedByTheServerBetweenRoundsIsNoFailure() throws IOException {
            try (RawServer raw = new RawServer((socket, out) -> {
                RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                Thread.sleep(50);
            })) {

                CheckResult first = check(endpoint(raw.url("/")).retries(0).build());
                CheckResult second = check(endpoint(raw.url("/")).retries(0).build());

                assertThat(first.outcome()).isEqualTo(Outcome.OK);
                assertThat(second.outcome()).isEqualTo(Outcome.OK);
                assertThat(raw.connections()).isEqualTo(2);
            }
        }
    }

    @Nested
    class Timeouts {

        @Test
        void aServerThatNeverAnswersTimesOutInTheHeadersPhase() throws IOException {
            try (RawServer raw = new RawServer((socket, out) -> Thread.sleep(3_000))) {
                long start = System.nanoTime();

                CheckResult result = check(endpoint(raw.url("/")).timeout(Fixtures.TINY).build());

                assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
                assertThat(result.reasonCode()).isEqualTo("HEADERS_TIMEOUT");
                assertThat(result.reason()).as("the configured limit, not the time left after sending")
                        .isEqualTo("no response headers within 500 ms (phase: headers)");
                assertThat(result.attempts()).isEqualTo(1);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_400));
            }
        }

        @Test
        void aServerThatStallsAfterTheHeadersTimesOutInTheBodyPhase() throws IOException {
            try (RawServer raw = new RawServer((socket, out) -> {
                RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nstart");
                Thread.sleep(3_000);
            })) {
                long start = System.nanoTime();

                CheckResult result = check(endpoint(raw.url("/")).timeout(Fixtures.TINY).build());

                assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
                assertThat(result.reasonCode()).isEqualTo("BODY_TIMEOUT");
                assertThat(result.reason()).contains("phase: body").contains("5 bytes")
                        .contains("not complete within 500 ms (");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_400));
            }
        }

        @Test
        void aTimedOutExchangeClosesItsConnection() throws Exception {
            java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
            try (RawServer raw = new RawServer((socket, out) -> {
                RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nstart");
                if (socket.getInputStream().read() < 0) {
                    closed.countDown();
                }
            })) {

                CheckResult result = check(endpoint(raw.url("/")).timeout(Fixtures.TINY).build());

                assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
                assertThat(closed.await(4, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
        }

        @Test
        void aServerThatTricklesItsBodyTimesOut() throws IOException {
            try (RawServer raw = new RawServer((socket, out) -> {
                RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
                for (int i = 0; i < 100; i++) {
                    RawServer.write(out, "x");
                    Thread.sleep(50);
                }
            })) {

                CheckResult result = check(endpoint(raw.url("/")).timeout(Fixtures.TINY).build());

                assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
                assertThat(result.reasonCode()).isEqualTo("BODY_TIMEOUT");
            }
        }

        @Test
        void aServerWhoseAcceptQueueIsFullGivesAConnectTimeoutAndIsRetried() throws IOException {
            checker.close();
            checker = new EndpointChecker(options(Map.of()).withTimeout(Fixtures.TINY), Map.of(), Clock.systemUTC(),
                    sleeper);
            List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                fillQueue(full, fillers);

                CheckResult result = check(endpoint("http://127.0.0.1:" + full.getLocalPort() + "/").retries(1)
                        .build());

                assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
                assertThat(result.reasonCode()).isEqualTo("CONNECT_TIMEOUT");
                assertThat(result.attempts()).isEqualTo(2);
            } finally {
                for (java.net.Socket filler : fillers) {
                    filler.close();
                }
            }
        }

        private static void fillQueue(ServerSocket full, List<java.net.Socket> fillers) throws IOException {
            for (int i = 0; i < 20; i++) {
                java.net.Socket socket = new java.net.Socket();
                fillers.add(socket);
                try {
                    socket.connect(full.getLocalSocketAddress(), 200);
                } catch (java.net.SocketTimeoutException e) {
                    return;
                }
            }
            org.junit.jupiter.api.Assumptions.abort("this system does not drop connections to a full accept queue");
        }

        @Test
        void anEndpointTimeoutOverridesTheMonitorTimeout() throws IOException {
            try (RawServer raw = new RawServer((socket, out) -> {
                Thread.sleep(1_000);
                RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            })) {

                CheckResult result = check(endpoint(raw.url("/")).timeout(Duration.ofMillis(300)).build());

                assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
                assertThat(result.latency()).isLessThan(Fixtures.SHORT);
            }
        }
    }

    @Nested
    class Bodies {

        @Test
        void aBodyLongerThanTheCapIsTruncatedAndNoted() {
            checker.close();
            checker = new EndpointChecker(options(Map.of("body_limit", "1KiB")), Map.of(), Clock.systemUTC(), sleeper);
            server.answer("/big", 500, "text/plain", "y".repeat(10_000));

            CheckResult result = check(endpoint(server.url("/big")).retries(0).build());

            assertThat(result.response().body()).hasSize(1024);
            assertThat(result.response().bodyTruncated()).isTrue();
            assertThat(result.response().bodyBytes()).isEqualTo(10_000);
            assertThat(result.warnings()).anyMatch(warning -> warning.contains("truncated"));
        }

        @Test
        void aGzipBodyIsDecodedWhenTheDocAskedForIt() {
            server.on("/gz", (exchange, call) -> {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
                byte[] body = gzip("{\"name\":\"护士排班\"}");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            });
            EndpointDefinition endpoint = endpoint(server.url("/gz")).header("Accept-Encoding", "gzip")
                    .expect(Fixtures.expect(List.of(), null, null, List.of(), List.of("护士排班"), null, Map.of(),
                            false, List.of())).build();

            CheckResult result = check(endpoint);

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
        }

        @Test
        void aDeflateBodyIsDecoded() {
            server.on("/deflate", (exchange, call) -> {
                exchange.getResponseHeaders().set("Content-Encoding", "deflate");
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (OutputStream out = new java.util.zip.DeflaterOutputStream(bytes)) {
                    out.write("病人列表".getBytes(StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(200, bytes.size());
                exchange.getResponseBody().write(bytes.toByteArray());
            });
            EndpointDefinition endpoint = endpoint(server.url("/deflate")).header("Accept-Encoding", "deflate")
                    .expect(Fixtures.expect(List.of(), null, null, List.of(), List.of("病人列表"), null, Map.of(),
                            false, List.of())).build();

            CheckResult result = check(endpoint);

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
        }

        @Test
        void anEmpty204WithAGzipHeaderIsFine() {
            server.on("/empty", (exchange, call) -> {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                exchange.sendResponseHeaders(204, -1);
            });

            CheckResult result = check(endpoint(server.url("/empty")).header("Accept-Encoding", "gzip").build());

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
        }

        @Test
        void anEncodingWeCannotDecodeIsAConfigurationProblemNotAnOutage() {
            server.on("/br", (exchange, call) -> {
                exchange.getResponseHeaders().set("Content-Encoding", "br");
                Loopback.respond(exchange, 200, "text/plain", "compressed?");
            });

            CheckResult result = check(endpoint(server.url("/br")).header("Accept-Encoding", "br").build());

            assertThat(result.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
            assertThat(result.reasonCode()).isEqualTo("UNSUPPORTED_ENCODING");
            assertThat(result.isFailure()).isFalse();
        }

        @Test
        void aBodyThatIsNotTheGzipItClaimsIsTheServersFailure() {
            server.on("/corrupt", (exchange, call) -> {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                Loopback.respond(exchange, 200, "text/plain", "not gzip at all");
            });

            CheckResult result = check(endpoint(server.url("/corrupt")).header("Accept-Encoding", "gzip").build());

            assertThat(result.outcome()).isEqualTo(Outcome.HTTP_ERROR);
            assertThat(result.reasonCode()).isEqualTo("BODY_CORRUPT");
            assertThat(result.isFailure()).isTrue();
            assertThat(result.reason()).contains("status 200", "15 bytes", "gzip: Not in GZIP format")
                    .doesNotContain("ask only");
            assertThat(result.response().body()).isEqualTo("(15 bytes that are not valid gzip: Not in GZIP format)");
        }

        @Test
        void aGzipBombIsDecodedOnlyUpToTheCap() throws IOException {
            checker.close();
            checker = new EndpointChecker(options(Map.of("body_limit", "1KiB")), Map.of(), Clock.systemUTC(), sleeper);
            byte[] bomb = gzip("0".repeat(4 * 1024 * 1024));
            server.on("/bomb", (exchange, call) -> {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                exchange.sendResponseHeaders(200, bomb.length);
                exchange.getResponseBody().write(bomb);
            });

            CheckResult result = check(endpoint(server.url("/bomb")).header("Accept-Encoding", "gzip").build());

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
            assertThat(result.warnings()).anyMatch(warning -> warning.contains("truncated"));
        }

        @Test
        void aTwoGibibyteBodyIsCountedButOnlyTheCapIsKept() throws IOException {
            long size = 2L * 1024 * 1024 * 1024;
            try (RawServer raw = new RawServer((socket, out) -> {
                RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n");
                byte[] chunk = new byte[256 * 1024];
                for (long sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk);
                }
                out.flush();
            })) {
                checker.close();
                checker = new EndpointChecker(options(Map.of()).withTimeout(Duration.ofSeconds(25)), Map.of(),
                        Clock.systemUTC(), sleeper);
                EndpointDefinition endpoint = endpoint(raw.url("/huge")).timeout(Duration.ofSeconds(25))
                        .expect(Fixtures.expect(List.of(), null, null, List.of(), List.of("never there"), null,
                                Map.of(), false, List.of())).build();

                CheckResult result = check(endpoint);

                assertThat(result.outcome()).isEqualTo(Outcome.ASSERTION_FAILED);
                assertThat(result.response().bodyBytes()).isEqualTo(size);
                assertThat(result.response().body().length()).isLessThanOrEqualTo(EngineOptions.DEFAULT_BODY_LIMIT);
                assertThat(result.response().bodyTruncated()).isTrue();
            }
        }
    }

    @Nested
    class Retries {

        @Test
        void aTransientStatusThatRecoversIsOkAndRecordedAsRecovered() {
            server.on("/flaky", (exchange, call) -> Loopback.respond(exchange, call == 1 ? 503 : 200, null, "ok"));

            CheckResult result = check(endpoint(server.url("/flaky")).retries(2).build());

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(result.recoveredAfterRetry()).isTrue();
            assertThat(sleeper.waits).hasSize(1);
        }

        @Test
        void aStatusThatKeepsFailingReportsEveryAttempt() {
            server.answer("/down", 503, null, "busy");

            CheckResult result = check(endpoint(server.url("/down")).retries(2).build());

            assertThat(result.outcome()).isEqualTo(Outcome.HTTP_ERROR);
            assertThat(result.attempts()).isEqualTo(3);
            assertThat(server.calls("/down")).isEqualTo(3);
            assertThat(result.reason()).contains("after 3 attempts");
        }

        @Test
        void backOffGrowsExponentiallyWithJitter() {
            checker.close();
            checker = new EndpointChecker(options(Map.of("retry_backoff", "100ms", "retries", 3)), Map.of(),
                    Clock.systemUTC(), sleeper);
            server.answer("/down", 502, null, "busy");

            check(endpoint(server.url("/down")).build());

            assertThat(sleeper.waits).hasSize(3);
            assertThat(sleeper.waits.get(0).toMillis()).isBetween(50L, 150L);
            assertThat(sleeper.waits.get(2).toMillis()).isBetween(200L, 600L);
        }

        @Test
        void aNonTransientStatusIsNotRetried() {
            server.answer("/gone", 404, null, "");

            CheckResult result = check(endpoint(server.url("/gone")).retries(3).build());

            assertThat(result.attempts()).isEqualTo(1);
            assertThat(server.calls("/gone")).isEqualTo(1);
        }

        @Test
        void aPostIsNotRetriedUnlessTheDocMarksItIdempotent() {
            server.answer("/post", 503, null, "busy");
            server.answer("/idem", 503, null, "busy");
            RequestBody body = new RequestBody("application/json", "{\"username\":\"张三\"}");

            CheckResult post = check(endpoint(server.url("/post")).method("POST").body(body).retries(2).build());
            CheckResult idem = check(endpoint(server.url("/idem")).method("POST").body(body).retries(2)
                    .idempotent(true).build());

            assertThat(post.attempts()).isEqualTo(1);
            assertThat(idem.attempts()).isEqualTo(3);
        }

        @Test
        void theServiceRetriesApplyWhenTheEndpointSetsNone() {
            server.answer("/down", 503, null, "");

            CheckResult result = checker.check(endpoint(server.url("/down")).build(), service(Map.of("retries", 2)),
                    ServiceCredentials.NONE, Masker.none());

            assertThat(result.attempts()).isEqualTo(3);
        }

        @Test
        void theDefaultIsOneRetry() {
            server.answer("/down", 504, null, "");

            CheckResult result = check(endpoint(server.url("/down")).build());

            assertThat(result.attempts()).isEqualTo(1 + EngineOptions.DEFAULT_RETRIES);
        }
    }

    @Nested
    class Redirects {

        @Test
        void areFollowedWhenAskedAndTheChainIsShown() {
            server.on("/a", (exchange, call) -> {
                exchange.getResponseHeaders().set("Location", "/b");
                Loopback.respond(exchange, 301, null, "");
            });
            server.on("/b", (exchange, call) -> {
                exchange.getResponseHeaders().set("Location", server.url("/c"));
                Loopback.respond(exchange, 302, null, "");
            });
            server.answer("/c", 500, null, "final");

            CheckResult result = check(endpoint(server.url("/a")).followRedirects(true).retries(0).build());

            assertThat(result.status()).isEqualTo(500);
            assertThat(result.response().redirects()).containsExactly(server.url("/b"), server.url("/c"));
        }

        @Test
        void stopAfterTheConfiguredNumberOfHops() {
            server.on("/loop", (exchange, call) -> {
                exchange.getResponseHeaders().set("Location", "/loop");
                Loopback.respond(exchange, 302, null, "");
            });

            CheckResult result = check(endpoint(server.url("/loop")).followRedirects(true).build());

            assertThat(result.outcome()).isEqualTo(Outcome.HTTP_ERROR);
            assertThat(result.reasonCode()).isEqualTo("REDIRECT_LIMIT");
            assertThat(server.calls("/loop")).isEqualTo(EngineOptions.DEFAULT_FOLLOW_REDIRECTS_MAX + 1);
        }

        @Test
        void dropEveryCredentialHeaderWhenTheHopLeavesTheOrigin() throws IOException {
            Map<String, String> credentials = new LinkedHashMap<>();
            for (String name : List.of("Authorization", "Cookie", "X-Api-Key", "X-Token", "X-Access-Token",
                    "Api-Key", "X-Secret", "X-App-Secret", "X-Client-Key")) {
                credentials.put(name, "cred-" + name);
            }
            try (Loopback other = new Loopback()) {
                List<String> seen = new CopyOnWriteArrayList<>();
                List<String> sameOrigin = new CopyOnWriteArrayList<>();
                other.on("/land", (exchange, call) -> {
                    exchange.getRequestHeaders().keySet().forEach(name -> seen.add(name.toLowerCase(Locale.ROOT)));
                    Loopback.respond(exchange, 200, null, "");
                });
                server.on("/here", (exchange, call) -> {
                    sameOrigin.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Api-Key")));
                    exchange.getResponseHeaders().set("Location", other.url("/land"));
                    Loopback.respond(exchange, 302, null, "");
                });
                server.on("/start", (exchange, call) -> {
                    exchange.getResponseHeaders().set("Location", "/here");
                    Loopback.respond(exchange, 302, null, "");
                });

                CheckResult result = check(endpoint(server.url("/start")).headers(credentials)
                        .header("X-Trace", "t-1").followRedirects(true).retries(0).build());

                assertThat(result.status()).isEqualTo(200);
                assertThat(sameOrigin).containsExactly("cred-X-Api-Key");
                assertThat(seen).contains("x-trace").doesNotContainAnyElementsOf(credentials.keySet().stream()
                        .map(name -> name.toLowerCase(Locale.ROOT)).toList());
            }
        }
    }

    @Nested
    class Headers {

        @Test
        void restrictedHeadersAreDroppedWithAWarning() {
            server.on("/h", (exchange, call) -> Loopback.respond(exchange, 200, null,
                    String.valueOf(exchange.getRequestHeaders().getFirst("X-Trace"))));
            EndpointDefinition endpoint = endpoint(server.url("/h")).header("Host", "evil.invalid")
                    .header("Connection", "close").header("X-Trace", "trace-1").build();

            CheckResult result = check(endpoint);

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
            assertThat(result.warnings()).anyMatch(warning -> warning.contains("'Host'"))
                    .anyMatch(warning -> warning.contains("'Connection'"));
            assertThat(EndpointChecker.validateHeaders(endpoint)).hasSize(2);
        }

        @Test
        void theKeptResponseHeadersAreCappedAndMarked() {
            server.on("/many", (exchange, call) -> {
                for (int i = 0; i < 100; i++) {
                    exchange.getResponseHeaders().set("X-Big-" + (100 + i), "v".repeat(2000));
                }
                Loopback.respond(exchange, 500, "text/plain", "boom");
            });

            CheckResult result = check(endpoint(server.url("/many")).retries(0).build());

            Map<String, List<String>> kept = result.response().headers();
            int size = kept.entrySet().stream().mapToInt(header -> header.getKey().length()
                    + header.getValue().stream().mapToInt(String::length).sum()).sum();
            assertThat(size).isLessThanOrEqualTo(HeaderCap.TOTAL_LIMIT);
            assertThat(kept.get("X-Big-100")).containsExactly("v".repeat(1024) + "…(truncated)");
            assertThat(kept).doesNotContainKey("X-Big-199");
            assertThat(result.warnings()).anyMatch(warning -> warning.startsWith("response headers truncated: ")
                    && warning.contains("value(s) left out"));
        }

        @Test
        void aHeaderDroppedForItsValueIsNotShownAsSentInTheRequest() {
            server.on("/h", (exchange, call) -> Loopback.respond(exchange, 500, null,
                    exchange.getRequestHeaders().containsKey("X-Val") + " " + exchange.getRequestHeaders()
                            .getFirst("X-Trace")));
            EndpointDefinition endpoint = endpoint(server.url("/h")).retries(0).header("X-Val", "值")
                    .header("X-Line", "a\r\nX-Injected: 1").header("X-Trace", "trace-1").build();

            CheckResult result = check(endpoint);

            assertThat(result.response().body()).isEqualTo("false trace-1");
            assertThat(result.request().headers()).containsOnlyKeys("X-Trace");
            assertThat(result.warnings()).anyMatch(warning -> warning.contains("'X-Val'"))
                    .anyMatch(warning -> warning.contains("'X-Line'"));
        }
    }

    @Nested
    class Protocol {

        @Test
        void http2IsOptInAndFallsBackToHttp11WhenTheServerDoesNotSpeakIt() {
            checker.close();
            checker = new EndpointChecker(options(Map.of("http2", true)), Map.of(), Clock.systemUTC(), sleeper);
            server.answer("/h2", 200, null, "ok");

            CheckResult result = check(endpoint(server.url("/h2")).build());

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
        }

        @Test
        void loadingTheEngineBoundsTheDnsCache() {
            int positive = Integer.parseInt(java.security.Security.getProperty("networkaddress.cache.ttl"));
            int negative = Integer.parseInt(java.security.Security.getProperty("networkaddress.cache.negative.ttl"));

            assertThat(positive).isBetween(0, 60);
            assertThat(negative).isBetween(0, 10);
        }
    }

    @Nested
    class PerHostLimit {

        @Test
        void aCheckBeyondTheLimitIsNotCheckedWithADistinctReason() throws Exception {
            checker.close();
            checker = new EndpointChecker(options(Map.of("per_host_concurrency", 1)), Map.of(), Clock.systemUTC(),
                    sleeper);
            java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
            server.on("/slow", (exchange, call) -> {
                entered.countDown();
                sleepQuietly(300);
                Loopback.respond(exchange, 200, null, "ok");
            });
            EndpointDefinition endpoint = endpoint(server.url("/slow")).timeout(Duration.ofSeconds(3)).build();

            Thread first = Thread.startVirtualThread(() -> check(endpoint));
            entered.await();
            CheckResult second = check(endpoint);
            first.join(5_000);

            assertThat(second.outcome()).isEqualTo(Outcome.NOT_CHECKED);
            assertThat(second.reasonCode()).isEqualTo("HOST_LIMIT");
        }
    }

    @Nested
    class Resources {

        @Test
        void theThreadCountStaysFlatOverFiftyRounds() {
            server.answer("/ok", 200, null, "ok");
            server.answer("/err", 500, null, "err");
            round();
            int before = Thread.activeCount();

            for (int i = 0; i < 50; i++) {
                round();
            }

            assertThat(Thread.activeCount()).isLessThanOrEqualTo(before + 2);
        }

        @Test
        void manyChecksRunAtOnceFromVirtualThreads() throws Exception {
            server.on("/busy", (exchange, call) -> {
                sleepQuietly(20);
                Loopback.respond(exchange, 200, null, "ok");
            });
            List<java.util.concurrent.Future<CheckResult>> futures = new java.util.ArrayList<>();

            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 50; i++) {
                    futures.add(threads.submit(() -> check(endpoint(server.url("/busy")).build())));
                }
            }

            for (var future : futures) {
                assertThat(future.get().outcome()).isEqualTo(Outcome.OK);
            }
            assertThat(server.calls("/busy")).isEqualTo(50);
        }

        private void round() {
            assertThat(check(endpoint(server.url("/ok")).build()).outcome()).isEqualTo(Outcome.OK);
            assertThat(check(endpoint(server.url("/err")).retries(0).build()).outcome())
                    .isEqualTo(Outcome.HTTP_ERROR);
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
