package dev.ifmon.notify.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Reading received mails in assertions. */
final class TestMail {

    private TestMail() {
    }

    static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
