package dev.ifmon.runner.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A loopback port that answers every connection at once with a plain-text {@code HTTP/1.1 400} and closes it,
 * whatever the client sent. An {@code https://} URL aimed at it shows the common mistake of TLS against a
 * plain-HTTP port: the client's handshake fails on the first bytes of the reply.
 *
 * <p>Thread-safe. One virtual thread accepts connections until {@link #close()}.
 */
public final class PlainHttpPort implements AutoCloseable {

    private static final byte[] REPLY = ("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final Thread acceptor;

    private PlainHttpPort(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = Thread.ofVirtual().name("demo-plain-http-port").start(this::serve);
    }

    /**
     * Opens the port on {@code 127.0.0.1} and a free port number.
     *
     * @return the open port
     * @throws IOException when no loopback port can be bound
     */
    public static PlainHttpPort start() throws IOException {
        return new PlainHttpPort(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** @return the port number */
    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept(); OutputStream out = connection.getOutputStream()) {
                out.write(REPLY);
                out.flush();
            } catch (IOException e) {
                // closed by close(), or the client went away first: either way nothing to answer
            }
        }
    }

    /** Stops accepting and waits briefly for the acceptor to end. */
    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
