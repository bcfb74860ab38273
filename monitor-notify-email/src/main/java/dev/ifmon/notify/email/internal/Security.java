package dev.ifmon.notify.email.internal;

import java.util.Locale;
import java.util.Optional;

/** How the connection to the SMTP server is protected: the {@code email.security} setting. */
public enum Security {
    /** Plain connection upgraded with the STARTTLS command; the upgrade is required. Usually port 587. */
    STARTTLS(587),
    /** Implicit TLS from the first byte (SMTPS). Usually port 465. */
    SSL(465),
    /** No encryption at all. Usually port 25, or a relay on the local network. */
    NONE(25);

    private final int usualPort;

    Security(int usualPort) {
        this.usualPort = usualPort;
    }

    /** @return the port this mode normally runs on, used when {@code email.port} is not set */
    public int usualPort() {
        return usualPort;
    }

    /** @return the value as written in config: {@code starttls}, {@code ssl} or {@code none} */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a config value, any case; {@code tls} is read as {@code ssl}
     * @return the mode, or empty when the text names none
     */
    public static Optional<Security> parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "starttls" -> Optional.of(STARTTLS);
            case "ssl", "tls", "smtps" -> Optional.of(SSL);
            case "none", "plain" -> Optional.of(NONE);
            default -> Optional.empty();
        };
    }
}
