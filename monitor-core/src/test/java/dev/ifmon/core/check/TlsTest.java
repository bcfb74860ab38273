package dev.ifmon.core.check;

import static dev.ifmon.core.check.Fixtures.endpoint;
import static dev.ifmon.core.check.Fixtures.options;
import static dev.ifmon.core.check.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Outcome;
import dev.ifmon.core.auth.ServiceCredentials;
import dev.ifmon.core.config.ServiceConfig;
import dev.ifmon.core.mask.Masker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TlsTest {

    @TempDir
    static Path folder;

    private static TestCertificates certificates;
    private static HttpsServer good;
    private static HttpsServer expired;
    private static HttpsServer wrongName;
    private static HttpsServer leafOnly;
    private static EndpointChecker checker;
    private static final Fixtures.RecordingSleeper SLEEPER = new Fixtures.RecordingSleeper();

    @BeforeAll
    static void start() throws Exception {
        certificates = new TestCertificates();
        certificates.writeCaPem(folder);
        Instant now = Instant.now();
        List<String> local = List.of("localhost", "127.0.0.1");
        TestCertificates.Identity soon = certificates.issue("localhost", local, now.minus(Duration.ofDays(1)),
                Duration.ofDays(6));
        good = server(TestCertificates.serverContext(soon, true));
        leafOnly = server(TestCertificates.serverContext(soon, false));
        expired = server(TestCertificates.serverContext(certificates.issue("old", local,
                now.minus(Duration.ofDays(10)), Duration.ofDays(2)), true));
        wrongName = server(TestCertificates.serverContext(certificates.issue("other", List.of("other.invalid"),
                now.minus(Duration.ofDays(1)), Duration.ofDays(20)), true));
        EngineOptions options = options(Map.of()).withTimeout(Duration.ofSeconds(10)).withBaseDirectory(folder);
        checker = new EndpointChecker(options, Map.of(), Clock.systemUTC(), SLEEPER);
    }

    @AfterAll
    static void stop() {
        checker.close();
        for (HttpsServer server : new HttpsServer[] {good, expired, wrongName, leafOnly}) {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    private static HttpsServer server(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                Loopback.respond(exchange, 200, "text/plain", "secure ok");
            }
        });
        server.createContext("/down", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Location", "http://127.0.0.1:9/plain");
                Loopback.respond(exchange, 302, null, "");
            }
        });
        server.start();
        return server;
    }

    private static String url(HttpsServer server) {
        return "https://localhost:" + server.getAddress().getPort() + "/health";
    }

    private static CheckResult check(HttpsServer server, ServiceConfig service) {
        return checker.check(endpoint(url(server)).build(), service, ServiceCredentials.NONE, Masker.none());
    }

    private static ServiceConfig trustingTestCa() {
        return service(Map.of("tls", Map.of("ca", "ca.pem")));
    }

    @Test
    void aCertificateFromAnUnknownCaIsUntrustedAndNotRetried() {
        CheckResult result = check(good, service());

        assertThat(result.outcome()).isEqualTo(Outcome.TLS_ERROR);
        assertThat(result.reasonCode()).isEqualTo("TLS_UNTRUSTED");
        assertThat(result.reason()).contains("ifmon test CA");
        assertThat(result.attempts()).isEqualTo(1);
    }

    @Test
    void aServiceCaMakesTheServerTrustedAndNearExpiryIsWarned() throws Exception {
        CheckResult result = check(good, trustingTestCa());

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.warnings()).anyMatch(warning -> warning.startsWith("certificate of localhost expires on"));
    }

    @Test
    void anExpiredCertificateNamesItsDate() throws Exception {
        CheckResult result = check(expired, trustingTestCa());

        assertThat(result.outcome()).isEqualTo(Outcome.TLS_ERROR);
        assertThat(result.reasonCode()).isEqualTo("TLS_EXPIRED");
        assertThat(result.reason()).matches(".*expired on \\d{4}-\\d{2}-\\d{2}.*");
    }

    @Test
    void aHostNameMismatchNamesBothNames() throws Exception {
        CheckResult result = check(wrongName, trustingTestCa());

        assertThat(result.outcome()).isEqualTo(Outcome.TLS_ERROR);
        assertThat(result.reasonCode()).isEqualTo("TLS_HOSTNAME");
        assertThat(result.reason()).contains("localhost").contains("other.invalid");
    }

    @Test
    void aServerThatSendsOnlyItsLeafHasAnIncompleteChain() {
        CheckResult result = check(leafOnly, service());

        assertThat(result.reasonCode()).isEqualTo("TLS_UNTRUSTED");
        assertThat(result.reason()).contains("incomplete chain");
    }

    @Test
    void insecureModeAcceptsAnyCertificateButStillWarnsOfExpiry() {
        ServiceConfig insecure = service(Map.of("tls", Map.of("insecure", true)));

        CheckResult wrong = check(wrongName, insecure);
        CheckResult soon = check(good, insecure);

        assertThat(wrong.outcome()).as(wrong.reason()).isEqualTo(Outcome.OK);
        assertThat(soon.outcome()).isEqualTo(Outcome.OK);
        assertThat(soon.warnings()).anyMatch(warning -> warning.contains("expires on"));
    }

    @Test
    void aRedirectFromHttpsDownToHttpIsNotFollowed() {
        String url = "https://localhost:" + good.getAddress().getPort() + "/down";

        CheckResult result = checker.check(endpoint(url).followRedirects(true).build(), trustingTestCa(),
                ServiceCredentials.NONE, Masker.none());

        assertThat(result.outcome()).isEqualTo(Outcome.HTTP_ERROR);
        assertThat(result.reasonCode()).isEqualTo("REDIRECT_DOWNGRADE");
        assertThat(result.reason()).contains("http://127.0.0.1:9/plain");
    }

    @Test
    void validationReportsAMissingCaFileAndBadRetriesButAcceptsAGoodService() {
        ServiceConfig bad = service(Map.of("tls", Map.of("ca", "missing.pem"), "retries", "many"));

        List<dev.ifmon.api.Problem> problems = EndpointChecker.validateService(bad, folder);

        assertThat(problems).hasSize(2);
        assertThat(problems).anyMatch(problem -> problem.message().contains("missing.pem"))
                .anyMatch(problem -> problem.message().contains("many"));
        assertThat(EndpointChecker.validateService(trustingTestCa(), folder)).isEmpty();
    }

    @Test
    void aMissingCaFileIsAConfigurationError() {
        CheckResult result = check(good, service(Map.of("tls", Map.of("ca", "missing.pem"))));

        assertThat(result.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
        assertThat(result.reasonCode()).isEqualTo("TLS_CONFIG");
        assertThat(result.reason()).contains("missing.pem");
    }

    @Test
    void httpsAgainstAPlainHttpPortIsNamedAsSuch() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
                ServerSocket plain = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            threads.submit(() -> answerPlainHttp(plain, 5));
            String url = "https://127.0.0.1:" + plain.getLocalPort() + "/health";

            CheckResult result = checker.check(endpoint(url).build(), service(), ServiceCredentials.NONE,
                    Masker.none());

            assertThat(result.outcome()).isEqualTo(Outcome.TLS_ERROR);
            assertThat(result.reasonCode()).isEqualTo("TLS_PLAINTEXT");
            assertThat(result.reason()).isEqualTo("the server did not answer TLS on 127.0.0.1; is it plain http? "
                    + "Write the URL with http://, or use the server's https port");
        }
    }

    /** Answers each of at most {@code count} connections as a plain HTTP server answers a TLS hello. */
    private static Void answerPlainHttp(ServerSocket server, int count) {
        for (int i = 0; i < count && !server.isClosed(); i++) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(5_000);
                socket.getInputStream().read(new byte[4096]);
                socket.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }
}
