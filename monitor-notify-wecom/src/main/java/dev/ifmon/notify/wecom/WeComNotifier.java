package dev.ifmon.notify.wecom;

import dev.ifmon.api.AlertKind;
import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.notify.wecom.internal.Pacer;
import dev.ifmon.notify.wecom.internal.RobotClient;
import dev.ifmon.notify.wecom.internal.SettingsValidator;
import dev.ifmon.notify.wecom.internal.Sleeper;
import dev.ifmon.notify.wecom.internal.Text;
import dev.ifmon.notify.wecom.internal.WeComSettings;
import dev.ifmon.notify.wecom.internal.WebhookKeys;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers digests to a WeCom (企业微信) group robot webhook. Type {@code wecom}, configured by the
 * {@code wechat:} block; the keys are listed in {@code docs/wecom.md}.
 *
 * <p>A digest goes out as {@code markdown} (or {@code markdown_v2}) messages formatted by
 * {@link WeComMarkdown}, split into numbered parts of at most {@code max_bytes} UTF-8 bytes, with the summary
 * and the {@code <@userid>} mentions in part 1. Phone mentions and {@code @all}, which only a {@code text}
 * message can carry, go in one short text follow-up. When the parts would need more messages than the robot's
 * per-minute budget, a compact form without request and response is tried, then a single summary that says
 * where the full report is.
 *
 * <p>Delivery is confirmed only by {@code errcode 0}. Messages to one robot are paced to
 * {@code rate_per_minute} across all calls. {@code 45009}, {@code -1}, timeouts, network errors, 429 and 5xx
 * answers are {@link DeliveryResult.Status#RETRYABLE}, with the robot's {@code Retry-After} when it sent one; the
 * notifier does not wait between attempts itself, the core does, within {@code alerts.retry_budget}. Known permanent
 * errcodes are {@link DeliveryResult.Status#FAILED} with a hint. When a retry of the same digest comes back
 * (the core's outbox), parts already confirmed are not sent again.
 *
 * <p>Thread-safe: one instance serves every round, outbox retry and test message, concurrently. It owns one
 * {@link HttpClient} with a finite connect timeout; each message has the {@code timeout} setting.
 *
 * <p>Known limitations: pacing and the record of confirmed parts live in memory, so they are not shared with
 * other processes and a restart may resend parts of a digest that was partly delivered.
 */
public final class WeComNotifier implements Notifier {

    /** The notifier's type name. */
    public static final String TYPE = "wecom";
    /** The config block that configures it. */
    public static final String CONFIG_KEY = "wechat";
    /** The connect timeout of the notifier's HTTP client. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(WeComNotifier.class);
    private static final int REMEMBERED_DIGESTS = 256;
    private static final String ALL = "@all";

    private final RobotClient robot;
    private final Map<String, Integer> confirmedParts = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                    return size() > REMEMBERED_DIGESTS;
                }
            });

    /**
     * Creates a notifier with its own HTTP/1.1 client (no {@code Upgrade: h2c} on plain http, which some proxies
     * in front of a robot reject), the system clock and real sleeping.
     */
    public WeComNotifier() {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build(),
                Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /**
     * For tests: a notifier with a given client, clock and sleeper.
     *
     * @param http the client; its connect timeout must be finite
     * @param clock the clock pacing reads
     * @param sleeper waits for pacing and back-off
     */
    WeComNotifier(HttpClient http, Clock clock, Sleeper sleeper) {
        this.robot = new RobotClient(http, new Pacer(clock, sleeper), clock);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String configKey() {
        return CONFIG_KEY;
    }

    @Override
    public List<Problem> validate(Settings settings) {
        return SettingsValidator.validate(settings);
    }

    /** @return {@code true} when {@code webhook_url} is not empty */
    @Override
    public boolean isEnabled(Settings settings) {
        try {
            return WeComSettings.from(settings).enabled();
        } catch (IfmonException e) {
            return settings.has("webhook_url");
        }
    }

    /** The settings read for sending, or why nothing can be sent with them: one of the two is null. */
    private record Usable(WeComSettings config, DeliveryResult refusal) {
    }

    private static Usable usable(Settings settings) {
        WeComSettings config;
        try {
            config = WeComSettings.from(settings);
        } catch (IfmonException e) {
            return new Usable(null,
                    DeliveryResult.failed(WebhookKeys.mask(e.getMessage(), settings.string("webhook_url", ""))));
        }
        if (!config.enabled()) {
            return new Usable(null,
                    DeliveryResult.failed(settings.origin() + ": webhook_url is empty, nothing was sent"));
        }
        return new Usable(config, null);
    }

    @Override
    public DeliveryResult deliver(Digest digest, Settings settings) {
        Usable usable = usable(settings);
        if (usable.refusal() != null) {
            return usable.refusal();
        }
        WeComSettings config = usable.config();
        List<String> messages = messages(digest, config);
        DeliveryResult result = sendAll(messages, config);
        log(digest, config, messages.size(), result);
        return result;
    }

    @Override
    public DeliveryResult sendTest(String text, Settings settings) {
        Usable usable = usable(settings);
        if (usable.refusal() != null) {
            return usable.refusal();
        }
        WeComSettings config = usable.config();
        String content = "**ifmon 测试消息**\n> " + Text.escape(text, WeComSettings.TEXT_LIMIT);
        return robot.send(config.webhookUrl(), RobotClient.markdownMessage(content, config.markdownV2()),
                config.ratePerMinute(), config.timeout());
    }

    private List<String> messages(Digest digest, WeComSettings config) {
        Recipients recipients = recipients(digest, config);
        List<String> markdownIds = config.markdownV2() ? List.of() : recipients.userIds();
        String followUp = followUp(digest, config, recipients);

        int budget = config.ratePerMinute() - (followUp.isEmpty() ? 0 : 1);
        List<String> messages = new ArrayList<>();
        for (String part : markdownParts(digest, config, markdownIds, budget)) {
            messages.add(RobotClient.markdownMessage(part, config.markdownV2()));
        }

        if (!followUp.isEmpty()) {
            messages.add(followUp);
        }
        return messages;
    }

    private static List<String> markdownParts(Digest digest, WeComSettings config, List<String> userIds,
            int budget) {
        WeComMarkdown format = (config.markdownV2() ? WeComMarkdown.markdownV2() : WeComMarkdown.markdown())
                .withMaxBytes(config.maxBytes());
        List<String> full = format.parts(digest, userIds, WeComMarkdown.Detail.FULL);
        if (full.size() <= budget) {
            return full;
        }
        List<String> compact = format.parts(digest, userIds, WeComMarkdown.Detail.COMPACT);
        if (compact.size() <= budget) {
            return compact;
        }
        return List.of(format.summary(digest, userIds, "完整报告需要 " + full.size()
                + " 条消息，超过每分钟 "
                + config.ratePerMinute() + " 条的发送预算。完整报告见: " + config.reportHint()));
    }

    /** Who a digest mentions: markdown user ids, and what only a text message can carry. */
    private record Recipients(List<String> userIds, boolean all, List<String> mobiles) {
    }

    private static Recipients recipients(Digest digest, WeComSettings config) {
        List<WeComSettings.Mentions> chosen = new ArrayList<>();
        if (!digest.probeOutage().isEmpty()) {
            chosen.add(new WeComSettings.Mentions(config.mentionedList(), config.mentionedMobileList()));
        }
        digest.alerts().stream().filter(a -> a.kind() == AlertKind.NEW || a.kind() == AlertKind.REMINDER)
                .map(a -> a.result().id().service()).distinct()
                .forEach(service -> chosen.add(config.mentionsFor(service)));

        Set<String> ids = new LinkedHashSet<>();
        Set<String> mobiles = new LinkedHashSet<>();
        for (WeComSettings.Mentions one : chosen) {
            ids.addAll(one.mentionedList());
            mobiles.addAll(one.mentionedMobileList());
        }
        boolean all = ids.stream().anyMatch(ALL::equalsIgnoreCase) || mobiles.stream().anyMatch(ALL::equalsIgnoreCase);
        return new Recipients(withoutAll(ids), all, withoutAll(mobiles));
    }

    private static List<String> withoutAll(Set<String> values) {
        return values.stream().map(String::strip).filter(v -> !v.isEmpty() && !v.equalsIgnoreCase(ALL))
                .distinct().toList();
    }

    private static String followUp(Digest digest, WeComSettings config, Recipients mentions) {
        List<String> textIds = new ArrayList<>(config.markdownV2() ? mentions.userIds() : List.of());
        if (mentions.all()) {
            textIds.add(ALL);
        }
        if (textIds.isEmpty() && mentions.mobiles().isEmpty()) {
            return "";
        }
        String environment = digest.environment().isEmpty() ? "" : " (环境 " + digest.environment() + ")";
        String content = "ifmon 接口监控" + environment + ": 新增故障 " + digest.alerts(AlertKind.NEW).size()
                + "，持续故障 " + (digest.alerts(AlertKind.REMINDER).size()
                        + digest.alerts(AlertKind.ONGOING).size())
                + (digest.probeOutage().isEmpty() ? "" : "，监控端无法访问目标")
                + "。详情见上方报告。";
        return RobotClient.textMessage(Text.truncate(content, WeComSettings.TEXT_LIMIT), textIds, mentions.mobiles());
    }

    private DeliveryResult sendAll(List<String> messages, WeComSettings config) {
        String key = fingerprint(config.webhookUrl(), messages);
        int start = confirmedParts.getOrDefault(key, 0);
        for (int i = start; i < messages.size(); i++) {
            DeliveryResult result = robot.send(config.webhookUrl(), messages.get(i), config.ratePerMinute(),
                    config.timeout());
            if (result.status() != DeliveryResult.Status.DELIVERED) {
                String detail = "message " + (i + 1) + "/" + messages.size() + ": " + result.detail();
                return new DeliveryResult(result.status(), detail, result.retryAfter());
            }
            confirmedParts.put(key, i + 1);
        }
        confirmedParts.remove(key);
        return DeliveryResult.delivered();
    }

    private static String fingerprint(String webhookUrl, List<String> messages) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(webhookUrl.getBytes(StandardCharsets.UTF_8));
            for (String message : messages) {
                sha.update((byte) 0);
                sha.update(message.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static void log(Digest digest, WeComSettings config, int messages, DeliveryResult result) {
        String webhook = WebhookKeys.maskUrl(config.webhookUrl());
        switch (result.status()) {
            case DELIVERED -> LOG.info("wecom digest delivered webhook={} environment={} messages={} alerts={}",
                    webhook, digest.environment(), messages, digest.alerts().size());
            case RETRYABLE -> LOG.warn("wecom digest not confirmed webhook={} environment={} detail={}, "
                    + "leaving it to the outbox", webhook, digest.environment(), result.detail());
            case FAILED -> LOG.error("wecom digest rejected webhook={} environment={} detail={}, giving up",
                    webhook, digest.environment(), result.detail());
        }
    }
}
