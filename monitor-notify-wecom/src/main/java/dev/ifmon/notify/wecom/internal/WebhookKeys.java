package dev.ifmon.notify.wecom.internal;

import java.util.regex.Pattern;

/**
 * Keeps robot webhook keys out of logs and details. Stateless and thread-safe.
 */
public final class WebhookKeys {

    /** What a hidden key is shown as. */
    public static final String MASK = "******";

    private static final Pattern KEY_PARAM = Pattern.compile("(?i)([?&;]key=)[^&#\\s\"']*");

    private WebhookKeys() {
    }

    /**
     * Hides the key of a webhook URL, and that key wherever else it appears in a text.
     *
     * @param text any text, e.g. an error message; may be {@code null}
     * @param webhookUrl the webhook URL whose key is secret, may be {@code null} or empty
     * @return the text with every {@code key=} value and the URL's key replaced by {@link #MASK}
     */
    public static String mask(String text, String webhookUrl) {
        if (text == null) {
            return "";
        }
        String masked = KEY_PARAM.matcher(text).replaceAll("$1" + MASK);
        String key = keyOf(webhookUrl);
        if (key.length() >= 4) {
            masked = masked.replace(key, MASK);
        }
        return masked;
    }

    /**
     * @param webhookUrl a webhook URL
     * @return the URL with its key hidden
     */
    public static String maskUrl(String webhookUrl) {
        return mask(webhookUrl, webhookUrl);
    }

    /**
     * @param webhookUrl a webhook URL, may be {@code null}
     * @return the value of its {@code key} parameter, or {@code ""}
     */
    public static String keyOf(String webhookUrl) {
        if (webhookUrl == null) {
            return "";
        }
        int query = webhookUrl.indexOf('?');
        if (query < 0) {
            return "";
        }
        for (String pair : webhookUrl.substring(query + 1).split("[&;]")) {
            if (pair.regionMatches(true, 0, "key=", 0, 4)) {
                int end = pair.indexOf('#');
                return end < 0 ? pair.substring(4) : pair.substring(4, end);
            }
        }
        return "";
    }
}
