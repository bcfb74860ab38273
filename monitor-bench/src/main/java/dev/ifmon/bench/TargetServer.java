package dev.ifmon.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's target: a loopback HTTP server, run in its own process, whose behaviour per path is
 * deterministic. The first path segment says what to do: {@code /ok/...} answers 200 after the latency,
 * {@code /500/...}, {@code /404/...} and {@code /503/...} answer that status after the latency,
 * {@code /hang/...} waits {@value #HANG_SECONDS} s (past any sane timeout). {@code /token/<service>} hands
 * out a token; every other path answers 401 without {@code Authorization: Bearer tok-<service>}.
 *
 * <p>Usage: {@code TargetServer <latencyMs> <portFile>}; writes its port to the file once listening, and
 * stops by itself after {@value #MAX_LIFETIME_MINUTES} minutes.
 */
public final class TargetServer {

    static final int HANG_SECONDS = 30;
    private static final int MAX_LIFETIME_MINUTES = 60;
    private static final AtomicLong TOKEN_CALLS = new AtomicLong();

    private TargetServer() {
    }

    /**
     * @param args latency in ms, and the file to write the port to
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        long latencyMs = Long.parseLong(args[0]);
        Path portFile = Path.of(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> handle(exchange, latencyMs));
        server.start();
        Files.writeString(portFile, Integer.toString(server.getAddress().getPort()));
        Thread.sleep(Duration.ofMinutes(MAX_LIFETIME_MINUTES));
        server.stop(0);
    }

    private static void handle(HttpExchange exchange, long latencyMs) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            String kind = parts.length > 1 ? parts[1] : "";
            if (kind.equals("token")) {
                TOKEN_CALLS.incrementAndGet();
                answer(exchange, 200, "{\"code\":0,\"data\":{\"token\":\"tok-" + parts[2] + "\"},\"expires_in\":3600}");
                return;
            }
            String service = parts.length > 2 ? parts[2] : "";
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer tok-" + service).equals(auth)) {
                answer(exchange, 401, "{\"code\":401}");
                return;
            }
            sleep(kind.equals("hang") ? HANG_SECONDS * 1_000L : latencyMs);
            int status = switch (kind) {
                case "500" -> 500;
                case "404" -> 404;
                case "503" -> 503;
                default -> 200;
            };
            answer(exchange, status, "{\"code\":0,\"data\":{\"id\":42,\"name\":\"基准\"}}");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
