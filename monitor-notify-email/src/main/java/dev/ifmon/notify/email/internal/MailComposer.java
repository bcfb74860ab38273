package dev.ifmon.notify.email.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

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
     * @param text the plain-text alternative, never {@code null}
     * @param html the HTML alternative, or {@code null} for a text-only mail
     * @param stableId whether the {@code Message-ID} is derived from the content, so a digest sent again after
     *     an unconfirmed attempt carries the same id and mail systems can drop the duplicate
     */
    public record Content(String subject, String text, String html, boolean stableId) {
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
        String messageId = content.stableId() ? messageId(config, content) : null;
        MimeMessage message = new IdentifiedMessage(session, messageId);
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

    private static String messageId(EmailConfig config, Content content) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha256.digest((content.subject() + "\n" + content.text()).getBytes(StandardCharsets.UTF_8));
            String address = config.from().getAddress();
            String domain = address.substring(address.indexOf('@') + 1);
            return "<ifmon." + HexFormat.of().formatHex(hash, 0, 16) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** A message whose {@code Message-ID} is given, or made by Jakarta Mail when none is. */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (messageId == null) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", messageId);
            }
        }
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
