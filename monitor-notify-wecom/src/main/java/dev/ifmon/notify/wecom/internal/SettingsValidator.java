package dev.ifmon.notify.wecom.internal;

import dev.ifmon.api.Suggestions;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@code wechat:} block and says what to do about each mistake. Stateless and thread-safe.
 */
public final class SettingsValidator {

    private static final Pattern MOBILE = Pattern.compile("@all|\\+?[0-9][0-9 -]{4,19}", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]{8,}");

    private SettingsValidator() {
    }

    /**
     * @param settings the block, variables resolved
     * @return the problems found, empty when none
     */
    public static List<Problem> validate(Settings settings) {
        List<Problem> problems = new ArrayList<>();
        String source = settings.origin();
        unknownKeys(source, settings.asMap().keySet(), WeComSettings.KEYS, problems);
        try {
            WeComSettings.from(settings);
        } catch (IfmonException e) {
            problems.add(Problem.error(source, WebhookKeys.mask(settings.withoutOrigin(e.getMessage()), ""),
                    "write the value as the table in docs/wecom.md shows"));
            return problems;
        }
        webhookUrl(source, settings.string("webhook_url", "").strip(), problems);
        numbers(source, settings, problems);
        messageType(source, settings.string("message_type", "markdown").strip(), problems);
        mentions(settings, problems);
        services(settings, problems);
        return problems;
    }

    /** Checks the URL's shape; a message never quotes it, as the key may be anywhere in a mistyped value. */
    private static void webhookUrl(String source, String url, List<Problem> problems) {
        if (url.isEmpty() || url.contains("${")) {
            return; // empty: push is off; an unresolved variable: the config loader reported it at its line
        }
        String wholeUrl = "paste the robot's whole webhook URL: https://<host>/cgi-bin/webhook/send?key=<your key>";
        if (BARE_KEY.matcher(url).matches()) {
            problems.add(Problem.error(source, "webhook_url looks like a bare robot key, not a URL", wholeUrl));
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.add(Problem.error(source, "webhook_url is not a URL (it holds a character a URL may not,"
                    + " e.g. a space, at position " + (e.getIndex() + 1) + ")",
                    "copy the robot's webhook URL again from the group's robot settings"));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            problems.add(Problem.error(source, "webhook_url is not an http(s) URL with a host", wholeUrl));
            return;
        }
        if (WebhookKeys.keyOf(url).isEmpty()) {
            problems.add(Problem.error(source, "webhook_url has no key= parameter",
                    "copy the robot's whole webhook URL, including ?key=..."));
        }
    }

    private static void numbers(String source, Settings settings, List<Problem> problems) {
        int maxBytes = settings.integer("max_bytes", WeComSettings.MARKDOWN_LIMIT);
        if (maxBytes < WeComSettings.MIN_BYTES || maxBytes > WeComSettings.MARKDOWN_LIMIT) {
            problems.add(Problem.warning(source, "max_bytes " + maxBytes + " is outside "
                    + WeComSettings.MIN_BYTES + ".." + WeComSettings.MARKDOWN_LIMIT,
                    "using " + Math.max(WeComSettings.MIN_BYTES, Math.min(WeComSettings.MARKDOWN_LIMIT, maxBytes))));
        }
        int rate = settings.integer("rate_per_minute", WeComSettings.RATE_LIMIT);
        if (rate < 1 || rate > WeComSettings.RATE_LIMIT) {
            problems.add(Problem.warning(source, "rate_per_minute " + rate + " is outside 1.."
                    + WeComSettings.RATE_LIMIT + " (the robot accepts at most 20 messages a minute)",
                    "using " + Math.max(1, Math.min(WeComSettings.RATE_LIMIT, rate))));
        }
        if (settings.duration("timeout", WeComSettings.DEFAULT_TIMEOUT).isZero()) {
            problems.add(Problem.error(source, "timeout 0 would never wait for the robot",
                    "set wechat.timeout to a few seconds, e.g. 10"));
        }
    }

    private static void messageType(String source, String type, List<Problem> problems) {
        if (!WeComSettings.MESSAGE_TYPES.contains(type)) {
            problems.add(Problem.error(source, "message_type '" + type + "' is not supported",
                    "use markdown (the default) or markdown_v2" + didYouMean(type, WeComSettings.MESSAGE_TYPES)));
        }
    }

    private static void services(Settings settings, List<Problem> problems) {
        Settings block = settings.nested("services");
        for (String service : block.asMap().keySet()) {
            Settings one = block.nested(service);
            unknownKeys(one.origin(), one.asMap().keySet(), WeComSettings.SERVICE_KEYS, problems);
            mentions(one, problems);
        }
    }

    /** A single value is a list of one; an entry the robot cannot mention is reported, not silently left out. */
    private static void mentions(Settings settings, List<Problem> problems) {
        for (String id : settings.strings("mentioned_list")) {
            if (!WeComSettings.USER_ID.matcher(id.strip()).matches()) {
                problems.add(Problem.warning(settings.origin(), "mentioned_list: '" + id + "' is not a WeCom user"
                        + " id, so it is left out and nobody is mentioned for it", "write the member's account"
                        + " (userid) from the WeCom admin console, e.g. zhangsan, not the display name; or put"
                        + " the member's phone number in mentioned_mobile_list"));
            }
        }
        for (String mobile : settings.strings("mentioned_mobile_list")) {
            if (!MOBILE.matcher(mobile.strip()).matches()) {
                problems.add(Problem.warning(settings.origin(), "mentioned_mobile_list: '" + mobile + "' is not a"
                        + " phone number, so the robot mentions nobody for it", "write the member's phone number"
                        + " as digits, e.g. \"13800001111\", or @all"));
            }
        }
    }

    private static void unknownKeys(String source, Collection<String> keys, Set<String> known,
            List<Problem> problems) {
        for (String key : keys) {
            if (!known.contains(key)) {
                problems.add(Problem.warning(source, "unknown key '" + key + "' is ignored",
                        "known keys: " + String.join(", ", known.stream().sorted().toList())
                                + didYouMean(key, known)));
            }
        }
    }

    /**
     * @param word a misspelt word
     * @param candidates the right words
     * @return {@code "; did you mean 'x'?"} for the closest candidate within a small distance, else {@code ""}
     */
    static String didYouMean(String word, Collection<String> candidates) {
        return Suggestions.closest(word, candidates).map(best -> "; did you mean '" + best + "'?").orElse("");
    }
}
