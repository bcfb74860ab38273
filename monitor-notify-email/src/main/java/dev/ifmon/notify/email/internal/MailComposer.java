package dev.ifmon.notify.email.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/**
 * Builds the MIME message: UTF-8 subject encoded per RFC 2047, UTF-8 display names, and a
 * {@code multipart/alternative} body with the plain text first and the HTML second (the preferred one), so
 * nothing depends on the JVM's default charset. Stateless and thread-safe.
 */
public final class MailComposer {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private MailComposer() {
    }

    /**
     * The parts of one mail.
     *
     * @param subject the subject, prefix included
     * @param text the plain-text alternative, or {@code null} for a text-only mail
     * @param html the HTML alternative, or {@code null} for a text-only mail
     */
    public record Content(String subject, String text, String html) {
    }

    /**
     * @param session the mail session
     * @param config the channel's config; {@code from} must be set
     * @param recipients who gets it
     * @param content subject and bodies
     * @param sentAt the date to write in the {@code Date} header
     * @return the message, ready to send
     * @throws MessagingException when Jakarta Mail refuses a part
     */
    public static MimeMessage compose(Session session, EmailConfig config, Recipients recipients, Content content,
            Instant sentAt) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(config.from());
        message.setRecipients(Message.RecipientType.TO, recipients.to().toArray(InternetAddress[]::new));
        if (!recipients.cc().isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, recipients.cc().toArray(InternetAddress[]::new));
        }
        message.setSubject(content.subject(), UTF_8);
        message.setSentDate(Date.from(sentAt));
        message.setHeader("X-Mailer", "ifmon");

        if (content.html() == null) {
            message.setText(content.text(), UTF_8, "plain");
        } else {
            message.setContent(alternatives(content));
        }
        message.saveChanges();
        return message;
    }

    private static MimeMultipart alternatives(Content content) throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text(), UTF_8, "plain");

        MimeBodyPart html = new MimeBodyPart();
        html.setText(content.html(), UTF_8, "html");

        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        return alternative;
    }
}
