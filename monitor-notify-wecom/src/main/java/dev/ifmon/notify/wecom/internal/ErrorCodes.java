package dev.ifmon.notify.wecom.internal;

import java.util.Map;

/**
 * The robot API's {@code errcode} values the notifier treats specially, with what to do about each.
 * Stateless and thread-safe.
 */
public final class ErrorCodes {

    /** Sent. */
    public static final int OK = 0;
    /** The system is busy: retried with back-off. */
    public static final int BUSY = -1;
    /** More than 20 messages a minute reached the robot: retried with back-off. */
    public static final int FREQUENCY_LIMIT = 45009;

    private static final Map<Integer, String> HINTS = Map.of(
            93000, "invalid webhook key: set wechat.webhook_url to the robot's whole URL "
                    + "(https://<host>/cgi-bin/webhook/send?key=...), not just the key; if it is whole, the robot "
                    + "was removed: add a robot to the group and copy its new URL",
            93004, "the robot is disabled: enable it in the group's robot settings",
            93008, "the robot is no longer in the group: add it again, or use a robot of the right group",
            40058, "content too long: lower wechat.max_bytes (at most 4096 bytes for markdown, 2048 for text)",
            40008, "invalid message type: set wechat.message_type to markdown or markdown_v2",
            44004, "empty content: the message had no text; report this as a bug in ifmon");

    private ErrorCodes() {
    }

    /**
     * @param errcode an errcode from the robot API
     * @return whether waiting and sending again may succeed
     */
    public static boolean isRetryable(int errcode) {
        return errcode == BUSY || errcode == FREQUENCY_LIMIT;
    }

    /**
     * @param errcode an errcode from the robot API
     * @return what to do about it, or a generic hint for codes without one
     */
    public static String hint(int errcode) {
        return HINTS.getOrDefault(errcode,
                "see the WeCom robot documentation for this errcode; the message was not delivered");
    }

    /** @return the codes that have a specific hint, for documentation and tests */
    public static Map<Integer, String> hints() {
        return HINTS;
    }
}
