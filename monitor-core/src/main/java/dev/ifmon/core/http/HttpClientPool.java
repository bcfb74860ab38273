package dev.ifmon.core.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared {@link HttpClient} per {@link TlsSetting}, built lazily on first use and reused for every
 * endpoint and round, so checking never creates clients (and their selector threads) per request.
 *
 * <p>Clients speak HTTP/1.1 unless HTTP/2 is switched on, never follow redirects (the engine does it,
 * checking each hop), and run their work on virtual threads. Thread-safe.
 */
public final class HttpClientPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpClientPool.class);

    private final boolean http2;
    private final Duration connectTimeout;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<TlsSetting, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * @param http2 whether to offer HTTP/2
     * @param connectTimeout the time allowed to open a connection
     */
    public HttpClientPool(boolean http2, Duration connectTimeout) {
        this.http2 = http2;
        this.connectTimeout = connectTimeout;
    }

    /**
     * @param setting the TLS setting
     * @return the shared client for it
     * @throws IOException when a custom CA file cannot be read
     * @throws GeneralSecurityException when TLS cannot be set up
     */
    public HttpClient client(TlsSetting setting) throws IOException, GeneralSecurityException {
        HttpClient existing = clients.get(setting);
        if (existing != null) {
            return existing;
        }
        SSLContext context = TlsContexts.create(setting);
        return clients.computeIfAbsent(setting, key -> build(key, context));
    }

    private HttpClient build(TlsSetting setting, SSLContext context) {
        LOG.debug("Creating HTTP client tls={} http2={}", setting.describe(), http2);
        return HttpClient.newBuilder()
                .version(http2 ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .sslContext(context)
                .executor(executor)
                .build();
    }

    /** @return how many clients exist; for tests and diagnostics */
    public int size() {
        return clients.size();
    }

    /** Closes every client and stops its threads. */
    @Override
    public void close() {
        List<HttpClient> all = List.copyOf(clients.values());
        clients.clear();
        all.forEach(HttpClient::shutdownNow);
        executor.shutdownNow();
    }
}
