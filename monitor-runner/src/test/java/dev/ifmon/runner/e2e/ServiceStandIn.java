package dev.ifmon.runner.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loopback HTTP server playing a whole service for an end-to-end round: a token API at
 * {@code POST /auth/login}, the service's endpoints under {@code /api/}, and a WeCom robot webhook at
 * {@code /cgi-bin/webhook/send}. It counts every call, so tests can assert how often each part was hit.
 * Thread-safe: requests are served on virtual threads, so concurrent checks really run concurrently.
 */
final class ServiceStandIn implements AutoCloseable {

    /** Every token this server issues contains this text, so a test can search for any of them. */
    static final String TOKEN_MARK = "tQ7vZr2mE9xk";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String password;
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final AtomicInteger endpointRequests = new AtomicInteger();
    private final AtomicInteger rejectedRequests = new AtomicInteger();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final List<String> tokensSeen = new CopyOnWriteArrayList<>();
    private final List<String> webhookBodies = new CopyOnWriteArrayList<>();
    private final Map<Integer, Runnable> onEndpointRequest = new ConcurrentHashMap<>();
    private volatile Integer expiresIn;
    private volatile boolean acceptLogins = true;
    private volatile String failingPath = "";

    private ServiceStandIn(HttpServer server, String password) {
        this.server = server;
        this.password = password;
    }

    /**
     * @param password the only password the token API accepts
     * @return a started server on 127.0.0.1 and a free port
     */
    static ServiceStandIn start(String password) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ServiceStandIn stand = new ServiceStandIn(http, password);
        http.setExecutor(stand.executor);
        http.createContext("/auth/login", stand::login);
        http.createContext("/api/", stand::endpoint);
        http.createContext("/cgi-bin/webhook/send", stand::webhook);
        http.start();
        return stand;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @param seconds {@code expires_in} of the token replies, or {@code null} to send none */
    void expiresIn(Integer seconds) {
        this.expiresIn = seconds;
    }

    /** @param on whether the token API accepts the right password (false: the account is locked) */
    void acceptLogins(boolean on) {
        this.acceptLogins = on;
    }

    /** @param path an endpoint path, e.g. {@code /api/public/echo}, that answers 500 echoing its headers */
    void failWithEcho(String path) {
        this.failingPath = path;
    }

    /**
     * @param number the ordinal of an endpoint request (1 for the first)
     * @param action what to do when it arrives, before answering it
     */
    void onEndpointRequest(int number, Runnable action) {
        onEndpointRequest.put(number, action);
    }

    /** From now on the target answers 401 to the first token it issued. */
    void revokeFirstToken() {
        revoked.add(token(1));
    }

    int tokenCalls() {
        return tokenCalls.get();
    }

    int endpointRequests() {
        return endpointRequests.get();
    }

    int rejectedRequests() {
        return rejectedRequests.get();
    }

    /** @return the token each endpoint request carried (or "" without one), in arrival order */
    List<String> tokensSeen() {
        return List.copyOf(tokensSeen);
    }

    List<String> webhookBodies() {
        return List.copyOf(webhookBodies);
    }

    static String token(int number) {
        return "tok-" + number + "-" + TOKEN_MARK;
    }

    private void login(HttpExchange exchange) throws IOException {
        try (exchange) {
            int number = tokenCalls.incrementAndGet();
            String body = read(exchange);
            if (!acceptLogins || !body.contains("\"password\":\"" + password + "\"")) {
                reply(exchange, 401, "{\"code\":401,\"msg\":\"wrong user name or password\"}");
                return;
            }
            String token = token(number);
            issued.add(token);
            String expiry = expiresIn == null ? "" : ",\"expires_in\":" + expiresIn;
            reply(exchange, 200, "{\"code\":0,\"data\":{\"token\":\"" + token + "\"}" + expiry + "}");
        }
    }

    private void endpoint(HttpExchange exchange) throws IOException {
        try (exchange) {
            read(exchange);
            Runnable action = onEndpointRequest.get(endpointRequests.incrementAndGet());
            if (action != null) {
                action.run();
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals(failingPath)) {
                reply(exchange, 500, "{\"code\":500,\"msg\":\"internal error\",\"request\":"
                        + echo(exchange.getRequestHeaders()) + "}");
                return;
            }
            if (path.startsWith("/api/public/")) {
                reply(exchange, 200, "{\"code\":0}");
                return;
            }
            String token = bearer(exchange.getRequestHeaders().getFirst("Authorization"));
            tokensSeen.add(token);
            if (!issued.contains(token) || revoked.contains(token)) {
                rejectedRequests.incrementAndGet();
                reply(exchange, 401, "{\"code\":401,\"msg\":\"token invalid or expired\"}");
                return;
            }
            reply(exchange, 200, "{\"code\":0,\"data\":{\"path\":\"" + path + "\"}}");
        }
    }

    private void webhook(HttpExchange exchange) throws IOException {
        try (exchange) {
            webhookBodies.add(read(exchange));
            reply(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        }
    }

    private static String bearer(String header) {
        return header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : "";
    }

    /** Echoes the request headers as a debugging error page of a careless server would. */
    private static String echo(Map<String, List<String>> headers) {
        StringBuilder json = new StringBuilder("{");
        headers.forEach((name, values) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":\"").append(String.join(", ", values).replace("\"", "'")).append('"'));
        return json.append('}').toString();
    }

    private static String read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
