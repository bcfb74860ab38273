package dev.ifmon.notify.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A misbehaving SMTP server on loopback: it answers each command verb with a scripted reply (or stays silent
 * when told), so temporary and permanent refusals can be tested. Serves connections one at a time; every read
 * is bounded by a socket timeout.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    /** A reply that means: say nothing and keep the connection open. */
    static final String SILENCE = "";

    private static final int TIMEOUT_MILLIS = 5_000;

    private final ServerSocket listener;
    private final Map<String, String> replies;
    private final Thread acceptor;

    /**
     * @param replies reply per verb ({@code GREETING}, {@code EHLO}, {@code MAIL}, {@code RCPT}, {@code DATA},
     *     {@code END} for the end of the data); verbs not listed get a {@code 250}
     */
    ScriptedSmtpServer(Map<String, String> replies) {
        try {
            this.listener = new ServerSocket(0, 5, InetAddress.getByName(MailServer.HOST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.replies = Map.copyOf(replies);
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) {
                client.setSoTimeout(TIMEOUT_MILLIS);
                converse(client);
            } catch (IOException e) {
                // The client gave up or the listener closed; the test asserts on what the client saw.
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        if (!reply(out, replies.getOrDefault("GREETING", "220 scripted ESMTP"))) {
            in.readLine();
            return;
        }
        for (int count = 0; count < 10_000; count++) {
            String line = in.readLine();
            if (line == null) {
                return;
            }
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            if (verb.equals("QUIT")) {
                reply(out, "221 bye");
                return;
            }
            if (verb.equals("DATA")) {
                reply(out, replies.getOrDefault("DATA", "354 go ahead"));
                skipData(in);
                verb = "END";
            }
            reply(out, replies.getOrDefault(verb, "250 OK"));
        }
    }

    private static void skipData(BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            // The message itself is not checked here.
        }
    }

    private static boolean reply(OutputStream out, String reply) throws IOException {
        if (reply.equals(SILENCE)) {
            return false;
        }
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            acceptor.join(TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
