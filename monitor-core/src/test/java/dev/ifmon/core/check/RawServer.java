package dev.ifmon.core.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback server on a raw socket that misbehaves as a test tells it to. Each connection runs the script. */
final class RawServer implements AutoCloseable {

    /** What the server does with one accepted connection, after the request head was read. */
    @FunctionalInterface
    interface Script {
        void run(Socket socket, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger connections = new AtomicInteger();

    RawServer(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(() -> acceptLoop(script));
    }

    private void acceptLoop(Script script) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                threads.submit(() -> serve(socket, script));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket, Script script) {
        try (socket) {
            socket.setSoTimeout(5_000);
            readHead(socket.getInputStream());
            script.run(socket, socket.getOutputStream());
        } catch (IOException | InterruptedException e) {
            return;
        }
    }

    static void readHead(InputStream in) throws IOException {
        int matched = 0;
        for (int i = 0; i < 65_536 && matched < 4; i++) {
            int c = in.read();
            if (c < 0) {
                return;
            }
            matched = (c == '\r' || c == '\n') ? matched + 1 : 0;
        }
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
