package dev.ifmon.notify.wecom.internal;

import dev.ifmon.api.DeliveryResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends single messages to a robot webhook: paces them, posts the JSON, reads {@code errcode}, and retries
 * {@code 45009} and {@code -1} with a bounded back-off. Thread-safe.
 */
public final class RobotClient {

    /** How many times one message is tried when the robot answers busy or frequency-limited. */
    public static final int MAX_ATTEMPTS = 4;
    /** The first back-off; it doubles per attempt. */
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    /** What the core is asked to wait before retrying a rate-limited delivery. */
    public static final Duration RATE_RETRY_AFTER = Duration.ofMinutes(1);
    /** The longest wait for a pacing slot before giving the delivery back to the core. */
    public static final Duration MAX_PACING_WAIT = Duration.ofSeconds(70);

    private static final Logger LOG = LoggerFactory.getLogger(RobotClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Pacer pacer;
    private final Sleeper sleeper;

    /**
     * @param http the client, shared; its connect timeout must be finite
     * @param pacer the per-robot budget
     * @param sleeper waits between attempts
     */
    public RobotClient(HttpClient http, Pacer pacer, Sleeper sleeper) {
        this.http = http;
        this.pacer = pacer;
        this.sleeper = sleeper;
    }

    /**
     * @param markdown content
     * @param v2 whether to send as {@code markdown_v2}
     * @return the request JSON
     */
    public static String markdownMessage(String markdown, boolean v2) {
        String type = v2 ? "markdown_v2" : "markdown";
        return JSON.writeValueAsString(Map.of("msgtype", type, type, Map.of("content", markdown)));
    }

    /**
     * @param text content
     * @param mentionedList user ids, {@code @all} allowed
     * @param mentionedMobileList phone numbers, {@code @all} allowed
     * @return the request JSON
     */
    public static String textMessage(String text, List<String> mentionedList, List<String> mentionedMobileList) {
        return JSON.writeValueAsString(Map.of("msgtype", "text", "text", Map.of("content", text,
                "mentioned_list", mentionedList, "mentioned_mobile_list", mentionedMobileList)));
    }

    /**
     * Sends one message, retrying busy and frequency-limit answers a bounded number of times.
     *
     * @param webhookUrl the robot
     * @param json the message
     * @param perMinute the robot's budget
     * @param timeout the request timeout
     * @return delivered, retryable or failed, with the key masked in the detail
     */
    public DeliveryResult send(String webhookUrl, String json, int perMinute, Duration timeout) {
        try {
            return sendWithRetries(webhookUrl, json, perMinute, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retryable("interrupted while sending to " + WebhookKeys.maskUrl(webhookUrl));
        }
    }

    private DeliveryResult sendWithRetries(String webhookUrl, String json, int perMinute, Duration timeout)
            throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        DeliveryResult last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (!pacer.acquire(webhookUrl, perMinute, MAX_PACING_WAIT)) {
                return new DeliveryResult(DeliveryResult.Status.RETRYABLE, "pacing budget of " + perMinute
                        + " messages a minute is used up for " + WebhookKeys.maskUrl(webhookUrl), RATE_RETRY_AFTER);
            }
            Reply reply = post(webhookUrl, json, timeout);
            if (!reply.busy()) {
                return reply.result();
            }
            last = reply.result();
            if (attempt < MAX_ATTEMPTS) {
                LOG.warn("wecom robot busy webhook={} attempt={} detail={}, retrying in {}",
                        WebhookKeys.maskUrl(webhookUrl), attempt, last.detail(), backoff);
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        return new DeliveryResult(DeliveryResult.Status.RETRYABLE, last.detail() + " after " + MAX_ATTEMPTS
                + " attempts", RATE_RETRY_AFTER);
    }

    private record Reply(DeliveryResult result, boolean busy) {
    }

    private Reply post(String webhookUrl, String json, Duration timeout) throws InterruptedException {
        String shown = WebhookKeys.maskUrl(webhookUrl);
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl))
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new Reply(DeliveryResult.retryable("no answer from " + shown + " within " + timeout), false);
        } catch (IOException e) {
            String why = WebhookKeys.mask(e.toString(), webhookUrl);
            return new Reply(DeliveryResult.retryable("could not reach " + shown + ": " + why), false);
        } catch (IllegalArgumentException e) {
            return new Reply(DeliveryResult.failed("webhook_url " + shown + " cannot be requested ("
                    + WebhookKeys.mask(e.getMessage(), webhookUrl) + "): use the robot's https webhook URL"), false);
        }
        return judge(webhookUrl, response);
    }

    private static Reply judge(String webhookUrl, HttpResponse<String> response) {
        String shown = WebhookKeys.maskUrl(webhookUrl);
        int status = response.statusCode();
        if (status >= 500 || status == 429 || status == 408) {
            return new Reply(DeliveryResult.retryable("HTTP " + status + " from " + shown), false);
        }
        if (status != 200) {
            return new Reply(DeliveryResult.failed("HTTP " + status + " from " + shown
                    + ": check that wechat.webhook_url is the robot's webhook URL"), false);
        }
        return errcode(webhookUrl, response.body());
    }

    private static Reply errcode(String webhookUrl, String body) {
        String shown = WebhookKeys.maskUrl(webhookUrl);
        JsonNode reply;
        try {
            reply = JSON.readTree(body);
        } catch (JacksonException e) {
            reply = null;
        }
        JsonNode code = reply == null ? null : reply.get("errcode");
        if (code == null || !code.isIntegralNumber()) {
            return new Reply(DeliveryResult.retryable("unexpected answer from " + shown + ": "
                    + WebhookKeys.mask(Text.truncate(body, 200), webhookUrl)), false);
        }
        int errcode = code.intValue();
        if (errcode == ErrorCodes.OK) {
            return new Reply(DeliveryResult.delivered(), false);
        }
        JsonNode message = reply.get("errmsg");
        String errmsg = WebhookKeys.mask(Text.truncate(message == null ? "" : message.asString(), 300), webhookUrl);
        String detail = "errcode " + errcode + " (" + errmsg + ") from " + shown;
        if (ErrorCodes.isRetryable(errcode)) {
            return new Reply(new DeliveryResult(DeliveryResult.Status.RETRYABLE, detail, RATE_RETRY_AFTER), true);
        }
        return new Reply(DeliveryResult.failed(detail + ": " + ErrorCodes.hint(errcode)), false);
    }
}
