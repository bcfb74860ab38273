package dev.ifmon.runner.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API the demo checks: a JDK {@link HttpServer} on a free loopback port that answers the bundled
 * demo catalog, most endpoints well and some in each way an API fails.
 *
 * <table>
 *   <caption>Paths and answers</caption>
 *   <tr><td>{@code POST /user/token}</td><td>issues the user service's token</td></tr>
 *   <tr><td>{@code POST /user/login}</td><td>200</td></tr>
 *   <tr><td>{@code GET /user/profile}</td><td>200 with the token, 401 without it</td></tr>
 *   <tr><td>{@code GET /user/order/list}</td><td>200</td></tr>
 *   <tr><td>{@code GET /user/order/detail}</td><td>500</td></tr>
 *   <tr><td>{@code GET /nurse/schedule/today}</td><td>200</td></tr>
 *   <tr><td>{@code GET /nurse/schedule/week}</td><td>503 the first time, then 200</td></tr>
 *   <tr><td>{@code POST /nurse/schedule/swap}</td><td>503</td></tr>
 *   <tr><td>{@code GET /nurse/patient/list}</td><td>stalls {@link #STALL} before answering</td></tr>
 *   <tr><td>{@code GET /nurse/patient/detail}</td><td>200 with {@code "code": 1001}</td></tr>
 *   <tr><td>{@code GET /admin/system/health}, {@code /admin/user/list}</td><td>200</td></tr>
 *   <tr><td>anything else</td><td>404</td></tr>
 * </table>
 *
 * <p>Thread-safe: requests are served on virtual threads. {@link #close()} ends stalled requests at once.
 */
public final class DemoApiServer implements AutoCloseable {

    /** How long the stalling endpoint waits before it answers; longer than its doc's timeout. */
    public static final Duration STALL = Duration.ofSeconds(3);

    private static final String OK_BODY = "{\"code\":0,\"msg\":\"成功\",\"data\":{}}";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger weekCalls = new AtomicInteger();
    private final String token = "demo-token-" + UUID.randomUUID();

    private DemoApiServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the server on {@code 127.0.0.1} and a free port.
     *
     * @return the running server
     * @throws IOException when no loopback port can be bound
     */
    public static DemoApiServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        DemoApiServer demo = new DemoApiServer(http);
        http.createContext("/", demo::handle);
        http.setExecutor(demo.executor);
        http.start();
        return demo;
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:41234}, without a trailing slash */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return how many times {@code /nurse/schedule/week} was called */
    public int weekCalls() {
        return weekCalls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/user/token" -> send(exchange, 200, tokenBody());
                case "/user/login" -> send(exchange, 200,
                        "{\"code\":200,\"data\":{\"token\":\"session-demo\",\"userId\":1001}}");
                case "/user/profile" -> profile(exchange);
                case "/user/order/list", "/nurse/schedule/today", "/admin/system/health", "/admin/user/list" ->
                        send(exchange, 200, OK_BODY);
                case "/user/order/detail" -> send(exchange, 500, "{\"code\":500,\"msg\":\"服务器内部错误\"}");
                case "/nurse/schedule/week" -> week(exchange);
                case "/nurse/schedule/swap" -> send(exchange, 503, "<html><body>503 Service Unavailable</body></html>");
                case "/nurse/patient/list" -> stall(exchange);
                case "/nurse/patient/detail" -> send(exchange, 200, "{\"code\":1001,\"msg\":\"患者不存在\"}");
                default -> send(exchange, 404, "{\"code\":404,\"msg\":\"接口不存在\"}");
            }
        }
    }

    /** The token in the shapes token APIs commonly use: top level, {@code access_token}, under {@code data}. */
    private String tokenBody() {
        return "{\"code\":0,\"token\":\"" + token + "\",\"access_token\":\"" + token
                + "\",\"token_type\":\"Bearer\",\"expires_in\":7200,\"data\":{\"token\":\"" + token
                + "\",\"expires_in\":7200}}";
    }

    /** Accepts the token in any header (bare or after {@code Bearer}) or as a query parameter value. */
    private void profile(HttpExchange exchange) throws IOException {
        String query = String.valueOf(exchange.getRequestURI().getRawQuery());
        boolean authorized = query.contains("=" + token) || exchange.getRequestHeaders().values().stream()
                .flatMap(List::stream)
                .anyMatch(value -> value.equals(token) || value.equals("Bearer " + token));
        if (authorized) {
            send(exchange, 200, "{\"code\":0,\"data\":{\"userId\":1001,\"nickname\":\"张三\"}}");
        } else {
            send(exchange, 401, "{\"code\":401,\"msg\":\"未登录或令牌无效\"}");
        }
    }

    private void week(HttpExchange exchange) throws IOException {
        if (weekCalls.incrementAndGet() == 1) {
            send(exchange, 503, "{\"code\":503,\"msg\":\"服务繁忙\"}");
        } else {
            send(exchange, 200, OK_BODY);
        }
    }

    private void stall(HttpExchange exchange) throws IOException {
        try {
            closing.await(STALL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send(exchange, 200, OK_BODY);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String type = body.startsWith("<") ? "text/html; charset=utf-8" : "application/json; charset=utf-8";
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            exchange.close();
        }
    }

    /** Stops the server; stalled requests end at once. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
