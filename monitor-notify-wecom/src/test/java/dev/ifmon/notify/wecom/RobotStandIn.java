package dev.ifmon.notify.wecom;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback stand-in for the WeCom robot API that enforces its documented rules: the key, the content byte
 * limits (markdown 4096, text 2048), 20 messages a minute per robot, message types and empty content. It
 * answers HTTP 200 with an errcode, as the real API does, and keeps the messages it accepted.
 */
final class RobotStandIn implements AutoCloseable {

    static final String KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";

    /** A message the stand-in accepted. */
    record Message(String type, String content, List<String> mentionedList, List<String> mentionedMobileList) {

        int bytes() {
            return content.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Clock clock;
    private final List<Message> accepted = new CopyOnWriteArrayList<>();
    private final Deque<Integer> scriptedErrcodes = new ConcurrentLinkedDeque<>();
    private final Deque<Integer> scriptedStatuses = new ConcurrentLinkedDeque<>();
    private final Deque<Long> window = new ArrayDeque<>();
    private final List<Integer> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> upgrades = new CopyOnWriteArrayList<>();
    private final Deque<String> scriptedRetryAfter = new ConcurrentLinkedDeque<>();
    private volatile int failRequest;
    private volatile int failStatus;

    RobotStandIn(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cgi-bin/webhook/send", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the webhook URL with the right key */
    String url() {
        return url(KEY);
    }

    /** @param key a key @return the webhook URL with that key */
    String url(String key) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cgi-bin/webhook/send?key=" + key;
    }

    /** @param errcodes errcodes to answer, in order, before the rules apply again */
    void answerNext(Integer... errcodes) {
        scriptedErrcodes.addAll(List.of(errcodes));
    }

    /** @param request the 1-based number of the request to fail @param status the HTTP status to fail it with */
    void failRequest(int request, int status) {
        failRequest = request;
        failStatus = status;
    }

    /** @param statuses HTTP statuses to answer, in order, before the rules apply again */
    void failNext(Integer... statuses) {
        scriptedStatuses.addAll(List.of(statuses));
    }

    /** @param values {@code Retry-After} values to send with the next answers, in order */
    void retryAfterNext(String... values) {
        scriptedRetryAfter.addAll(List.of(values));
    }

    /** @return the {@code Upgrade} header of every request, {@code ""} when it had none */
    List<String> upgrades() {
        return upgrades;
    }

    List<Message> accepted() {
        return accepted;
    }

    /** @return every errcode answered, in order */
    List<Integer> answers() {
        return answers;
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int number = requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            upgrades.add(String.valueOf(exchange.getRequestHeaders().getFirst("Upgrade")).replace("null", ""));
            String retryAfter = scriptedRetryAfter.poll();
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
            }
            Integer status = number == failRequest ? Integer.valueOf(failStatus) : scriptedStatuses.poll();
            if (status != null) {
                respond(exchange, status, "{\"error\":\"scripted\"}");
                return;
            }
            int errcode = judge(exchange, new String(body, StandardCharsets.UTF_8));
            answers.add(errcode);
            String errmsg = errcode == 0 ? "ok" : "rejected, hint: [stand-in]";
            respond(exchange, 200, "{\"errcode\":" + errcode + ",\"errmsg\":\"" + errmsg + "\"}");
        }
    }

    private int judge(HttpExchange exchange, String body) {
        String query = exchange.getRequestURI().getRawQuery();
        if (!"POST".equals(exchange.getRequestMethod()) || query == null || !query.equals("key=" + KEY)) {
            return 93000;
        }
        Integer scripted = scriptedErrcodes.poll();
        if (scripted != null) {
            return scripted;
        }
        if (!takeSlot()) {
            return 45009;
        }
        return accept(JSON.readTree(body));
    }

    private synchronized boolean takeSlot() {
        long now = clock.millis();
        while (!window.isEmpty() && window.peekFirst() + 60_000 <= now) {
            window.removeFirst();
        }
        if (window.size() >= 20) {
            return false;
        }
        window.addLast(now);
        return true;
    }

    private int accept(JsonNode message) {
        String type = message.path("msgtype").asString("");
        int limit = switch (type) {
            case "markdown", "markdown_v2" -> 4096;
            case "text" -> 2048;
            default -> -1;
        };
        if (limit < 0) {
            return 40008;
        }
        JsonNode block = message.path(type);
        String content = block.path("content").asString("");
        if (content.isEmpty()) {
            return 44004;
        }
        if (content.getBytes(StandardCharsets.UTF_8).length > limit) {
            return 40058;
        }
        accepted.add(new Message(type, content, strings(block.path("mentioned_list")),
                strings(block.path("mentioned_mobile_list"))));
        return 0;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
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
