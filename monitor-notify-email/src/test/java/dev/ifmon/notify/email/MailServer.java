package dev.ifmon.notify.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A GreenMail SMTP server on loopback with one mailbox that needs a login. Not thread-safe; one per test. */
final class MailServer implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final String USER = "monitor@example.test";
    static final String PASSWORD = "Auth-Code-7f3k9q";

    private final GreenMail greenMail;
    private final int port;

    private MailServer(String protocol, int port) {
        this.port = port;
        ServerSetup setup = new ServerSetup(port, HOST, protocol);
        setup.setServerStartupTimeout(5_000);
        this.greenMail = new GreenMail(setup).withConfiguration(GreenMailConfiguration.aConfig()
                .withUser(USER, USER, PASSWORD));
    }

    /** @return a started plain SMTP server (no TLS) on a free port */
    static MailServer smtp() {
        return smtp(freePort());
    }

    /**
     * @param port the port to listen on
     * @return a started plain SMTP server on that port
     */
    static MailServer smtp(int port) {
        MailServer server = new MailServer(ServerSetup.PROTOCOL_SMTP, port);
        server.greenMail.start();
        return server;
    }

    /** @return a started SMTPS server (implicit TLS, GreenMail's self-signed certificate) on a free port */
    static MailServer smtps() {
        MailServer server = new MailServer(ServerSetup.PROTOCOL_SMTPS, freePort());
        server.greenMail.start();
        return server;
    }

    int port() {
        return port;
    }

    /**
     * @param count how many mails to wait for
     * @return every mail received, each re-parsed from its raw bytes
     */
    List<MimeMessage> awaitMessages(int count) {
        greenMail.waitForIncomingEmail(5_000, count);
        List<MimeMessage> parsed = new ArrayList<>();
        for (MimeMessage received : greenMail.getReceivedMessages()) {
            parsed.add(reparse(rawBytes(received)));
        }
        return parsed;
    }

    /** @return the raw bytes of every mail received so far */
    List<byte[]> rawMessages() {
        List<byte[]> raw = new ArrayList<>();
        for (MimeMessage received : greenMail.getReceivedMessages()) {
            raw.add(rawBytes(received));
        }
        return raw;
    }

    static byte[] rawBytes(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MimeMessage reparse(byte[] raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a loopback port that was free a moment ago */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
