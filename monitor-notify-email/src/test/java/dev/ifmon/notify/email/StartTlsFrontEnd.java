package dev.ifmon.notify.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A real STARTTLS server in front of GreenMail, whose 2.1.13 SMTP server has no STARTTLS command: it greets,
 * offers STARTTLS, does the TLS handshake with GreenMail's self-signed certificate, then relays the encrypted
 * session's plain SMTP to GreenMail. Handles one connection at a time; bounded by socket timeouts.
 */
final class StartTlsFrontEnd implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5_000;

    private final ServerSocket listener;
    private final int backendPort;
    private final SSLContext tls;
    private final Thread acceptor;

    private StartTlsFrontEnd(int backendPort) throws IOException, GeneralSecurityException {
        this.backendPort = backendPort;
        this.tls = serverContext();
        this.listener = new ServerSocket(0, 5, InetAddress.getByName(MailServer.HOST));
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    /**
     * @param backendPort the plain GreenMail SMTP port to relay to
     * @return a started front end
     */
    static StartTlsFrontEnd relayingTo(int backendPort) {
        try {
            return new StartTlsFrontEnd(backendPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    private static SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = StartTlsFrontEnd.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) {
                client.setSoTimeout(TIMEOUT_MILLIS);
                serve(client);
            } catch (IOException e) {
                // The client went away or the listener closed; the test asserts on what the client saw.
            }
        }
    }

    private void serve(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        send(out, "220 starttls-front-end ESMTP");
        for (int line = 0; line < 10; line++) {
            String command = in.readLine();
            if (command == null) {
                return;
            }
            String verb = command.trim().toUpperCase(Locale.ROOT);
            if (verb.startsWith("EHLO")) {
                send(out, "250-starttls-front-end\r\n250 STARTTLS");
            } else if (verb.equals("STARTTLS")) {
                send(out, "220 2.0.0 Ready to start TLS");
                relayOverTls(client);
                return;
            } else {
                send(out, "530 5.7.0 Must issue a STARTTLS command first");
            }
        }
    }

    private void relayOverTls(Socket client) throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory()
                .createSocket(client, MailServer.HOST, client.getPort(), false);
        secure.setUseClientMode(false);
        secure.startHandshake();
        try (Socket backend = new Socket(MailServer.HOST, backendPort)) {
            backend.setSoTimeout(TIMEOUT_MILLIS);
            InputStream fromBackend = backend.getInputStream();
            skipGreeting(fromBackend);
            Thread upstream = Thread.ofVirtual().start(() -> pump(secure, backend));
            pump(backend, secure);
            try {
                upstream.join(TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void skipGreeting(InputStream fromBackend) throws IOException {
        for (int read = 0, c = 0; c != '\n' && read < 1_000; read++) {
            c = fromBackend.read();
            if (c < 0) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            // One side closed; the other pump ends on its own read.
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
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
