package dev.ifmon.core.check;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Generates a test CA and server certificates in memory with BouncyCastle. */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate ca;

    TestCertificates() throws GeneralSecurityException {
        caKeys = keyPair();
        ca = sign(new X500Name("CN=ifmon test CA"), caKeys, new X500Name("CN=ifmon test CA"), caKeys.getPublic(),
                Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(30), null);
    }

    /** A server identity: private key and chain, leaf first. */
    record Identity(PrivateKey key, List<X509Certificate> chain) {
    }

    /**
     * @param name the subject CN
     * @param names DNS names and IP addresses for the SAN
     * @param notBefore when validity starts
     * @param validity how long it is valid
     * @return the identity signed by the test CA
     */
    Identity issue(String name, List<String> names, Instant notBefore, Duration validity)
            throws GeneralSecurityException {
        KeyPair keys = keyPair();
        X509Certificate leaf = sign(new X500Name("CN=ifmon test CA"), caKeys, new X500Name("CN=" + name),
                keys.getPublic(), notBefore, validity, names);
        return new Identity(keys.getPrivate(), List.of(leaf, ca));
    }

    Path writeCaPem(Path folder) throws IOException, GeneralSecurityException {
        Path pem = folder.resolve("ca.pem");
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(ca.getEncoded());
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
        return pem;
    }

    static SSLContext serverContext(Identity identity, boolean sendChain) throws GeneralSecurityException,
            IOException {
        char[] password = "changeit".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        List<X509Certificate> chain = sendChain ? identity.chain() : identity.chain().subList(0, 1);
        store.setKeyEntry("server", identity.key(), password, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject,
            java.security.PublicKey key, Instant notBefore, Duration validity, List<String> names)
            throws GeneralSecurityException {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore),
                    Date.from(notBefore.plus(validity)), subject, key);
            if (names == null) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            } else {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static GeneralNames alternativeNames(List<String> names) {
        List<GeneralName> all = new ArrayList<>();
        for (String name : names) {
            int type = name.matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName;
            all.add(new GeneralName(type, name));
        }
        return new GeneralNames(all.toArray(GeneralName[]::new));
    }
}
