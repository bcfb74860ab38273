package dev.ifmon.core.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A real HTTP server on 127.0.0.1, port 0, that records every request per path. For tests only. */
public final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, List<Request>> requests = new ConcurrentHashMap<>();

    private LoopbackServer(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.start();
    }

    /** @return a started server */
    public static LoopbackServer start() {
        try {
            return new LoopbackServer(HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param path the path to answer
     * @param handler computes the reply to each request
     * @return this server
     */
    public LoopbackServer handle(String path, Function<Request, Reply> handler) {
        requests.put(path, new CopyOnWriteArrayList<>());
        server.createContext(path, exchange -> answer(path, exchange, handler));
        return this;
    }

    /**
     * @param path a path
     * @return the URL of the path on this server
     */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /**
     * @param path a handled path
     * @return how many requests it received
     */
    public int calls(String path) {
        return requests.get(path).size();
    }

    /**
     * @param path a handled path
     * @return the requests it received, in order
     */
    public List<Request> requests(String path) {
        return List.copyOf(requests.get(path));
    }

    private void answer(String path, HttpExchange exchange, Function<Request, Reply> handler) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            requests.get(path).add(request);
            Reply reply = handler.apply(request);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * A received request.
     *
     * @param method the method
     * @param query the raw query, or {@code null}
     * @param headers the headers (names as the JDK server normalises them)
     * @param body the body as UTF-8
     */
    public record Request(String method, String query, Map<String, List<String>> headers, String body) {

        /**
         * @param name a header name, any case
         * @return its first value, or {@code null}
         */
        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /**
     * A reply to send.
     *
     * @param status the status
     * @param contentType the content type
     * @param body the body
     */
    public record Reply(int status, String contentType, String body) {

        /**
         * @param status the status
         * @param json a JSON body
         * @return the reply
         */
        public static Reply json(int status, String json) {
            return new Reply(status, "application/json; charset=utf-8", json);
        }
    }
}
