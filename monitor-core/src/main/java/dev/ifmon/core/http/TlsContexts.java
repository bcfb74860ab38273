package dev.ifmon.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the {@link SSLContext} for a {@link TlsSetting}. Stateless and thread-safe. */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * @param setting the TLS setting
     * @return a context that verifies as the setting says
     * @throws IOException when the CA file cannot be read or holds no certificate
     * @throws GeneralSecurityException when the TLS machinery cannot be set up
     */
    public static SSLContext create(TlsSetting setting) throws IOException, GeneralSecurityException {
        if (setting.insecure()) {
            return trustAll();
        }
        if (setting.caFile() == null) {
            return SSLContext.getDefault();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(setting), null);
        return context;
    }

    /**
     * @return a context that accepts any certificate and host name; for {@code insecure} and for reading a
     *     peer's certificate when diagnosing
     * @throws GeneralSecurityException when TLS is unavailable
     */
    public static SSLContext trustAll() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAllManager()}, null);
        return context;
    }

    private static TrustManager[] trustManagers(TlsSetting setting) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int index = 0;
        for (Certificate certificate : readPem(setting)) {
            store.setCertificateEntry("ca-" + index++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static Collection<? extends Certificate> readPem(TlsSetting setting)
            throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(setting.caFile())) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException("no PEM certificate in " + setting.caFile());
            }
            return certificates;
        }
    }

    /** Accepts every chain and host name. The JDK checks host names inside its trust manager, so none here. */
    private static final class TrustAllManager extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
