package dev.ifmon.core.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Reads the certificate chain a server presents, through a separate TLS handshake that trusts anything,
 * so a failed verification can be explained (expired on which date, which names, incomplete chain).
 * Chains are cached per host and port for a minute, so a round that sees many failures on one host
 * handshakes once. Thread-safe.
 */
public final class PeerCertificates {

    private static final Duration CACHE_TIME = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(List<X509Certificate> chain, Instant fetchedAt) {
    }

    /** @param clock the clock that ages the cache */
    public PeerCertificates(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param uri an {@code https} URL
     * @param timeout the time allowed for connecting and the handshake
     * @return the chain the server sent, leaf first; empty when it could not be read
     */
    public List<X509Certificate> fetch(URI uri, Duration timeout) {
        String key = uri.getHost() + ":" + port(uri);
        Entry entry = cache.get(key);
        Instant now = clock.instant();
        if (entry != null && entry.fetchedAt().plus(CACHE_TIME).isAfter(now)) {
            return entry.chain();
        }
        List<X509Certificate> chain = handshake(uri, timeout).orElse(List.of());
        cache.put(key, new Entry(chain, now));
        return chain;
    }

    private static Optional<List<X509Certificate>> handshake(URI uri, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (SSLSocket socket = (SSLSocket) TlsContexts.trustAll().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port(uri)), millis);
            socket.setSoTimeout(millis);
            SSLParameters parameters = socket.getSSLParameters();
            sni(uri).ifPresent(name -> parameters.setServerNames(List.of(name)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            Certificate[] peer = socket.getSession().getPeerCertificates();
            return Optional.of(Arrays.stream(peer).filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast).toList());
        } catch (IOException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<SNIHostName> sni(URI uri) {
        try {
            return Optional.of(new SNIHostName(uri.getHost()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : 443;
    }
}
