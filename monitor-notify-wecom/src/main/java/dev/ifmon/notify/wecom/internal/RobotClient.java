package dev.ifmon.notify.wecom.internal;

import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends single messages to a robot webhook: paces them, posts the JSON and reads {@code errcode}. Each call makes
 * one attempt; a busy or frequency-limited robot ({@code 45009}, {@code -1}, HTTP 429 or 503) is answered as
 * {@link DeliveryResult.Status#RETRYABLE} with the robot's {@code Retry-After} when it sent one, so the waiting
 * between attempts is the core's, bounded by {@code alerts.retry_attempts} and {@code alerts.retry_budget}.
 * Thread-safe.
 */
public final class RobotClient {

    /** What the core is asked to wait before retrying when the pacing budget is used up. */
    public static final Duration RATE_RETRY_AFTER = Duration.ofMinutes(1);
    /** The longest wait for a pacing slot before giving the delivery back to the core. */
    public static final Duration MAX_PACING_WAIT = Duration.ofSeconds(70);
    /** The longest {@code Retry-After} taken from the robot; a longer one is cut to this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Pacer pacer;
    private final Clock clock;

    /**
     * @param http the client, shared; its connect timeout must be finite
     * @param pacer the per-robot budget
     * @param clock reads the time a {@code Retry-After} date is measured from
     */
    public RobotClient(HttpClient http, Pacer pacer, Clock clock) {
        this.http = http;
        this.pacer = pacer;
        this.clock = clock;
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
     * Sends one message once, after waiting for a pacing slot.
     *
     * @param webhookUrl the robot
     * @param json the message
     * @param perMinute the robot's budget
     * @param timeout the request timeout
     * @return delivered, retryable (with the robot's {@code Retry-After}, if any) or failed, key masked in the
     *     detail
     */
    public DeliveryResult send(String webhookUrl, String json, int perMinute, Duration timeout) {
        try {
            if (!pacer.acquire(webhookUrl, perMinute, MAX_PACING_WAIT)) {
                return new DeliveryResult(DeliveryResult.Status.RETRYABLE, "pacing budget of " + perMinute
                        + " messages a minute is used up for " + WebhookKeys.maskUrl(webhookUrl), RATE_RETRY_AFTER);
            }
            return post(webhookUrl, json, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retryable("interrupted while sending to " + WebhookKeys.maskUrl(webhookUrl));
        }
    }

    private DeliveryResult post(String webhookUrl, String json, Duration timeout) throws InterruptedException {
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
            return DeliveryResult.retryable("no answer from " + shown + " within " + Durations.format(timeout));
        } catch (IOException e) {
            String why = WebhookKeys.mask(NetworkFailures.explain(e, URI.create(webhookUrl)), webhookUrl);
            return DeliveryResult.retryable("could not reach " + shown + ": " + why);
        } catch (IllegalArgumentException e) {
            return DeliveryResult.failed("webhook_url " + shown + " cannot be requested ("
                    + WebhookKeys.mask(e.getMessage(), webhookUrl) + "): use the robot's https webhook URL");
        }
        return judge(webhookUrl, response);
    }

    private DeliveryResult judge(String webhookUrl, HttpResponse<String> response) {
        String shown = WebhookKeys.maskUrl(webhookUrl);
        int status = response.statusCode();
        if (status >= 500 || status == 429 || status == 408) {
            return new DeliveryResult(DeliveryResult.Status.RETRYABLE, "HTTP " + status + " from " + shown,
                    retryAfter(response));
        }
        if (status != 200) {
            return DeliveryResult.failed("HTTP " + status + " from " + shown
                    + ": check that wechat.webhook_url is the robot's webhook URL");
        }
        return errcode(webhookUrl, response);
    }

    private DeliveryResult errcode(String webhookUrl, HttpResponse<String> response) {
        String shown = WebhookKeys.maskUrl(webhookUrl);
        String body = response.body();
        JsonNode reply;
        try {
            reply = JSON.readTree(body);
        } catch (JacksonException e) {
            reply = null;
        }
        JsonNode code = reply == null ? null : reply.get("errcode");
        if (code == null || !code.isIntegralNumber()) {
            return DeliveryResult.retryable("unexpected answer from " + shown + ": "
                    + WebhookKeys.mask(Text.truncate(body, 200), webhookUrl));
        }
        int errcode = code.intValue();
        if (errcode == ErrorCodes.OK) {
            return DeliveryResult.delivered();
        }
        JsonNode message = reply.get("errmsg");
        String errmsg = WebhookKeys.mask(Text.truncate(message == null ? "" : message.asString(), 300), webhookUrl);
        String detail = "errcode " + errcode + " (" + errmsg + ") from " + shown;
        if (ErrorCodes.isRetryable(errcode)) {
            return new DeliveryResult(DeliveryResult.Status.RETRYABLE, detail, retryAfter(response));
        }
        return DeliveryResult.failed(detail + ": " + ErrorCodes.hint(errcode));
    }

    /**
     * @param response an answer
     * @return its {@code Retry-After} (seconds or an HTTP date), at most {@link #MAX_RETRY_AFTER}; {@code null}
     *     when it has none or it cannot be read, so the core's back-off applies
     */
    private Duration retryAfter(HttpResponse<String> response) {
        String value = response.headers().firstValue("Retry-After").orElse("").strip();
        Duration wait;
        if (value.isEmpty()) {
            return null;
        } else if (value.chars().allMatch(Character::isDigit)) {
            wait = value.length() > 9 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                wait = Duration.between(clock.instant(), at);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }
}
