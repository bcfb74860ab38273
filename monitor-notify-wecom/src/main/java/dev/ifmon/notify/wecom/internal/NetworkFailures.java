package dev.ifmon.notify.wecom.internal;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says in an operator's words why a request to the robot got no answer, from the exception and its causes:
 * the host name does not resolve (DNS), the connection was refused, timed out, was reset, or the TLS handshake
 * failed. The webhook key never appears: only the host and port are named. Stateless and thread-safe.
 */
public final class NetworkFailures {

    private NetworkFailures() {
    }

    /**
     * @param error what the HTTP client threw
     * @param uri the webhook URL requested
     * @return e.g. {@code cannot resolve host name robot.invalid (DNS)}, {@code connection to 127.0.0.1:1 refused}
     */
    public static String explain(Throwable error, URI uri) {
        String host = uri.getHost() == null ? "(no host)" : uri.getHost();
        String where = host + ":" + (uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80);
        if (has(error, UnknownHostException.class) || has(error, UnresolvedAddressException.class)) {
            return "cannot resolve host name " + host + " (DNS)";
        }
        if (has(error, HttpTimeoutException.class) || has(error, SocketTimeoutException.class)) {
            return "connection to " + where + " timed out";
        }
        SSLException tls = find(error, SSLException.class);
        if (tls != null && !closed(tls)) {
            return "TLS handshake with " + where + " failed: " + firstMessage(tls);
        }
        if (has(error, ConnectException.class)) {
            return "connection to " + where + " refused";
        }
        if (closed(error)) {
            return "connection to " + where + " reset or closed before an answer";
        }
        return "request to " + where + " failed: " + firstMessage(error);
    }

    private static boolean closed(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("reset") || text.contains("closed") || text.contains("eof")
                    || text.contains("received no bytes") || text.contains("broken pipe")) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        return find(error, type) != null;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String firstMessage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return error.getClass().getSimpleName();
    }
}
