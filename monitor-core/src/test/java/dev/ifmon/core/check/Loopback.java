package dev.ifmon.core.check;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A well-behaved loopback HTTP server whose handlers count their calls. */
final class Loopback implements AutoCloseable {

    /** The exchange attribute holding the request body as UTF-8 text, read before the handler runs. */
    static final String BODY = "requestBody";

    private final HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    Loopback() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** A handler that gets the 1-based call number. */
    @FunctionalInterface
    interface Counted {
        void handle(HttpExchange exchange, int call) throws IOException;
    }

    Loopback on(String path, Counted handler) {
        AtomicInteger counter = calls.computeIfAbsent(path, key -> new AtomicInteger());
        HttpHandler wrapped = exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                exchange.setAttribute(BODY, new String(body, StandardCharsets.UTF_8));
                handler.handle(exchange, counter.incrementAndGet());
            }
        };
        server.createContext(path, wrapped);
        return this;
    }

    Loopback answer(String path, int status, String contentType, String body) {
        return on(path, (exchange, call) -> respond(exchange, status, contentType, body));
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    int calls(String path) {
        AtomicInteger counter = calls.get(path);
        return counter == null ? 0 : counter.get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
