package dev.ifmon.notify.email.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens an SMTP connection per message with finite timeouts and the configured security, and sends. A new
 * {@link Session} is made per call, so calls share no state and are thread-safe.
 */
public final class SmtpSender {

    private SmtpSender() {
    }

    /**
     * @param config the channel's config
     * @return a session for it; never the JVM-wide default session
     */
    public static Session session(EmailConfig config) {
        return Session.getInstance(properties(config));
    }

    /**
     * Connects, sends to every recipient of the message, and closes.
     *
     * @param session the session made by {@link #session}
     * @param config the channel's config
     * @param message the message
     * @throws MessagingException when connecting, logging in or sending fails
     */
    public static void send(Session session, EmailConfig config, MimeMessage message) throws MessagingException {
        try (Transport transport = session.getTransport("smtp")) {
            if (config.hasLogin()) {
                transport.connect(config.host(), config.port(), config.username(), config.password());
            } else {
                transport.connect(config.host(), config.port(), null, null);
            }
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    static Properties properties(EmailConfig config) {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", config.host());
        props.setProperty("mail.smtp.port", Integer.toString(config.port()));
        props.setProperty("mail.smtp.connectiontimeout", millis(config.connectTimeout()));
        props.setProperty("mail.smtp.timeout", millis(config.readTimeout()));
        props.setProperty("mail.smtp.writetimeout", millis(config.writeTimeout()));
        props.setProperty("mail.smtp.auth", Boolean.toString(config.hasLogin()));
        props.setProperty("mail.debug", "false");
        if (config.from() != null) {
            props.setProperty("mail.from", config.from().getAddress());
        }
        security(config, props);
        return props;
    }

    private static void security(EmailConfig config, Properties props) {
        switch (config.security()) {
            case STARTTLS -> {
                props.setProperty("mail.smtp.starttls.enable", "true");
                props.setProperty("mail.smtp.starttls.required", "true");
            }
            case SSL -> props.setProperty("mail.smtp.ssl.enable", "true");
            case NONE -> props.setProperty("mail.smtp.starttls.enable", "false");
        }
        if (config.trustHosts().isEmpty()) {
            props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        } else {
            props.setProperty("mail.smtp.ssl.trust", String.join(" ", config.trustHosts()));
            props.setProperty("mail.smtp.ssl.checkserveridentity", Boolean.toString(!trusts(config)));
        }
    }

    private static boolean trusts(EmailConfig config) {
        return config.trustHosts().contains("*") || config.trustHosts().contains(config.host());
    }

    private static String millis(Duration duration) {
        return Long.toString(Math.max(1, duration.toMillis()));
    }
}
