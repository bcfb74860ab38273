package dev.ifmon.notify.wecom.internal;

import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code wechat:} block, read and checked. Immutable and thread-safe.
 *
 * @param webhookUrl the robot's webhook URL, or {@code ""} for no push
 * @param mentionedList user ids to mention ({@code @all} included, which only a text message can carry)
 * @param mentionedMobileList phone numbers to mention in a text follow-up ({@code @all} allowed)
 * @param services per-service mention overrides, by service name
 * @param messageType {@code markdown} or {@code markdown_v2}
 * @param maxBytes the most UTF-8 bytes of content per markdown message
 * @param ratePerMinute the most messages a minute per robot
 * @param timeout the request timeout per message
 * @param reportHint where the full report lives, for the shortened summary
 */
public record WeComSettings(
        String webhookUrl,
        List<String> mentionedList,
        List<String> mentionedMobileList,
        Map<String, Mentions> services,
        String messageType,
        int maxBytes,
        int ratePerMinute,
        Duration timeout,
        String reportHint) {

    /** The robot's limit on markdown content, in UTF-8 bytes. */
    public static final int MARKDOWN_LIMIT = 4096;
    /** The robot's limit on text content, in UTF-8 bytes. */
    public static final int TEXT_LIMIT = 2048;
    /** The smallest {@code max_bytes} accepted: room for a summary and one endpoint. */
    public static final int MIN_BYTES = 1024;
    /** The robot's limit on messages a minute. */
    public static final int RATE_LIMIT = 20;
    /** The default request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The default {@code report_hint}. */
    public static final String DEFAULT_REPORT_HINT = "监控主机的 JSON 报告 (--report-json) 与日志";
    /** Every key the block may hold. */
    public static final Set<String> KEYS = Set.of("webhook_url", "mentioned_list", "mentioned_mobile_list",
            "services", "message_type", "max_bytes", "rate_per_minute", "timeout", "report_hint");
    /** Every key a per-service override may hold. */
    public static final Set<String> SERVICE_KEYS = Set.of("mentioned_list", "mentioned_mobile_list");
    /** What a WeCom user id (an account, not a display name) looks like; {@code @all} matches too. */
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    /** The message types accepted. */
    public static final Set<String> MESSAGE_TYPES = Set.of("markdown", "markdown_v2");

    /**
     * Who to mention for one service.
     *
     * @param mentionedList user ids, {@code @all} allowed
     * @param mentionedMobileList phone numbers, {@code @all} allowed
     */
    public record Mentions(List<String> mentionedList, List<String> mentionedMobileList) {

        /** Copies the lists. */
        public Mentions {
            mentionedList = List.copyOf(mentionedList);
            mentionedMobileList = List.copyOf(mentionedMobileList);
        }
    }

    /** Copies the collections. */
    public WeComSettings {
        mentionedList = List.copyOf(mentionedList);
        mentionedMobileList = List.copyOf(mentionedMobileList);
        services = Map.copyOf(services);
    }

    /**
     * Reads the block, clamping numbers to what the robot allows (validation reports the clamping).
     *
     * @param settings the block
     * @return the settings
     * @throws IfmonException when a value cannot be read, naming key and origin
     */
    public static WeComSettings from(Settings settings) {
        Map<String, Mentions> services = new LinkedHashMap<>();
        Settings block = settings.nested("services");
        for (String service : block.asMap().keySet()) {
            Settings one = block.nested(service);
            services.put(service, new Mentions(one.strings("mentioned_list"), one.strings("mentioned_mobile_list")));
        }
        return new WeComSettings(
                settings.string("webhook_url", "").strip(),
                settings.strings("mentioned_list"),
                settings.strings("mentioned_mobile_list"),
                services,
                settings.string("message_type", "markdown").strip(),
                clamp(settings.integer("max_bytes", MARKDOWN_LIMIT), MIN_BYTES, MARKDOWN_LIMIT),
                clamp(settings.integer("rate_per_minute", RATE_LIMIT), 1, RATE_LIMIT),
                settings.duration("timeout", DEFAULT_TIMEOUT),
                settings.string("report_hint", DEFAULT_REPORT_HINT).strip());
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    /** @return whether the block asks for delivery */
    public boolean enabled() {
        return !webhookUrl.isEmpty();
    }

    /** @return whether messages are {@code markdown_v2}, which has no mentions and no colours */
    public boolean markdownV2() {
        return "markdown_v2".equals(messageType);
    }

    /**
     * @param service a service name
     * @return the mentions for it: its override when configured, else the block's lists
     */
    public Mentions mentionsFor(String service) {
        return services.getOrDefault(service, new Mentions(mentionedList, mentionedMobileList));
    }
}
