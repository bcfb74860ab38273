package dev.ifmon.notify.wecom.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Keeps robot webhook keys out of logs and details. Stateless and thread-safe.
 *
 * <p>The rule: nothing of {@code webhook_url} beyond {@code scheme://host:port/path} is ever shown. Its query
 * is shown as {@code ?******} whatever its parameters are called (a misspelled {@code ?kye=...} is hidden
 * too), and a value that is not a URL (a bare key, say) is never quoted.
 */
public final class WebhookKeys {

    /** What a hidden key is shown as. */
    public static final String MASK = "******";
    /** What a {@code webhook_url} that is not a URL is shown as. */
    public static final String NOT_A_URL = "(not shown: not a URL)";

    /** Stops a value as written in prose: whitespace, a quote, a bracket, a separator. */
    private static final String STOP = "\\s&#;\"'<>()\\[\\]{}";
    /** {@code key=} values; punctuation that ends a sentence is kept out unless more of the value follows. */
    private static final Pattern KEY_PARAM = Pattern.compile("(?i)([?&;]key=)((?:[^" + STOP + ".,:!?]|[.,:!?]+"
            + "(?=[^" + STOP + ".,:!?]))+)");

    private WebhookKeys() {
    }

    /**
     * Hides the webhook URL's query and key wherever they appear in a text, the whole value when it is not a
     * URL, and every {@code key=} value.
     *
     * @param text any text, e.g. an error message; may be {@code null}
     * @param webhookUrl the webhook URL whose key is secret, may be {@code null} or empty
     * @return the text with those replaced ({@code ""} for {@code null})
     */
    public static String mask(String text, String webhookUrl) {
        if (text == null) {
            return "";
        }
        String masked = text;
        String raw = webhookUrl == null ? "" : webhookUrl.strip();
        if (raw.length() >= 4) {
            masked = masked.replace(raw, isUrl(raw) ? maskUrl(raw) : MASK);
        }
        int query = raw.indexOf('?');
        if (query >= 0) {
            String rest = raw.substring(query + 1);
            int fragment = rest.indexOf('#');
            masked = hide(masked, fragment < 0 ? rest : rest.substring(0, fragment));
        }
        masked = hide(masked, keyOf(raw));
        return KEY_PARAM.matcher(masked).replaceAll("$1" + MASK);
    }

    private static String hide(String text, String secret) {
        return secret.length() >= 4 ? text.replace(secret, MASK) : text;
    }

    /**
     * @param webhookUrl a webhook URL, may be {@code null}
     * @return {@code scheme://host:port/path}, then {@code ?******} when it has a query; {@link #NOT_A_URL} for
     *     a value that is not an absolute URL with a host
     */
    public static String maskUrl(String webhookUrl) {
        String raw = webhookUrl == null ? "" : webhookUrl.strip();
        if (!isUrl(raw)) {
            return NOT_A_URL;
        }
        URI uri = URI.create(raw);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + MASK);
    }

    private static boolean isUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
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
