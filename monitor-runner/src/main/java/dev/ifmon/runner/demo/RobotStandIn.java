package dev.ifmon.runner.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for the WeCom group robot webhook: accepts {@code POST /cgi-bin/webhook/send?key=...},
 * records each JSON body and answers as the robot API does when it accepts a message,
 * {@code {"errcode":0,"errmsg":"ok"}}. It enforces none of the robot's limits.
 *
 * <p>Thread-safe: bodies are recorded in arrival order from the server's threads.
 */
public final class RobotStandIn implements AutoCloseable {

    /** The webhook key of the stand-in; it guards nothing. */
    public static final String KEY = "demo-robot-key";

    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private RobotStandIn(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the stand-in on {@code 127.0.0.1} and a free port.
     *
     * @return the running stand-in
     * @throws IOException when no loopback port can be bound
     */
    public static RobotStandIn start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RobotStandIn robot = new RobotStandIn(http);
        http.createContext("/cgi-bin/webhook/send", robot::handle);
        http.start();
        return robot;
    }

    /** @return the webhook URL to configure as {@code wechat.webhook_url} */
    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cgi-bin/webhook/send?key=" + KEY;
    }

    /** @return the JSON bodies received, in arrival order; a snapshot */
    public List<String> received() {
        return List.copyOf(bodies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "{\"errcode\":405,\"errmsg\":\"method not allowed\"}");
                return;
            }
            bodies.add(body);
            reply(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
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

    /** Stops the stand-in. */
    @Override
    public void close() {
        server.stop(0);
    }
}
