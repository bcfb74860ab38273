package dev.ifmon.core.http;

import dev.ifmon.api.Outcome;
import java.net.InetAddress;
import java.net.URI;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Explains a failed TLS handshake in the operator's words: expired on a date, names that do not match,
 * an incomplete chain, or an untrusted issuer. Stateless and thread-safe.
 */
public final class TlsDiagnosis {

    private static final String FIX = "fix the server's certificate, or set the service's tls.ca (PEM) or "
            + "tls.insecure: true";

    private TlsDiagnosis() {
    }

    /**
     * @param error the handshake failure
     * @param uri the URL requested
     * @param chain the chain the server sent, leaf first; may be empty when it could not be read
     * @param now the current time
     * @return the failure with a specific code: {@code TLS_PLAINTEXT} (the server answered without TLS),
     *     {@code TLS_EXPIRED}, {@code TLS_HOSTNAME}, {@code TLS_UNTRUSTED} or {@code TLS}
     */
    public static Failure explain(Throwable error, URI uri, List<X509Certificate> chain, Instant now) {
        String host = uri.getHost();
        if (!chain.isEmpty()) {
            X509Certificate leaf = chain.get(0);
            if (leaf.getNotAfter().toInstant().isBefore(now)) {
                return failure("TLS_EXPIRED", "certificate of " + host + " expired on " + date(leaf.getNotAfter()
                        .toInstant()) + " (" + subject(leaf) + ")");
            }
            if (leaf.getNotBefore().toInstant().isAfter(now)) {
                return failure("TLS_EXPIRED", "certificate of " + host + " is not valid before "
                        + date(leaf.getNotBefore().toInstant()));
            }
            List<String> names = names(leaf);
            if (!matches(host, names)) {
                return failure("TLS_HOSTNAME", "host name " + host + " does not match the certificate's names "
                        + names);
            }
        }
        return fromException(error, host, chain);
    }

    private static Failure fromException(Throwable error, String host, List<X509Certificate> chain) {
        if (hasCause(error, CertificateExpiredException.class)
                || hasCause(error, CertificateNotYetValidException.class)) {
            return failure("TLS_EXPIRED", "certificate of " + host + " is outside its validity period");
        }
        String text = messages(error).toLowerCase(Locale.ROOT);
        if (text.contains("plaintext connection") || text.contains("unrecognized ssl message")) {
            return failure("TLS_PLAINTEXT", "the server did not answer TLS on " + host + "; is it plain http? "
                    + "Write the URL with http://, or use the server's https port");
        }
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            return failure("TLS_HOSTNAME", "host name " + host + " does not match the certificate");
        }
        if (text.contains("certification path") || text.contains("trust anchor") || text.contains("pkix")) {
            return failure("TLS_UNTRUSTED", untrusted(host, chain));
        }
        return failure("TLS", "TLS handshake with " + host + " failed: " + firstMessage(error));
    }

    private static String untrusted(String host, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return "certificate of " + host + " is not trusted; " + FIX;
        }
        X509Certificate last = chain.get(chain.size() - 1);
        boolean selfSigned = last.getSubjectX500Principal().equals(last.getIssuerX500Principal());
        if (chain.size() == 1 && selfSigned) {
            return "certificate of " + host + " is self-signed (" + subject(last) + ") and not trusted; " + FIX;
        }
        if (!selfSigned) {
            return "incomplete chain: " + host + " sent " + chain.size() + " certificate(s) ending with one "
                    + "issued by " + last.getIssuerX500Principal().getName() + ", which is not a trusted CA; "
                    + "the server must send its intermediate certificates, or " + FIX;
        }
        return "certificate of " + host + " is issued by an untrusted CA (" + subject(last) + "); " + FIX;
    }

    /**
     * @param host a host name or IP literal
     * @param names the certificate's DNS and IP names
     * @return whether one matches, wildcards covering one label
     */
    public static boolean matches(String host, List<String> names) {
        String wanted = host.toLowerCase(Locale.ROOT);
        for (String name : names) {
            String candidate = name.toLowerCase(Locale.ROOT);
            if (candidate.equals(wanted) || wildcard(candidate, wanted) || sameAddress(candidate, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wildcard(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }

    private static boolean sameAddress(String name, String host) {
        if (!isIpLiteral(name) || !isIpLiteral(host)) {
            return false;
        }
        try {
            return InetAddress.getByName(name).equals(InetAddress.getByName(host.replace("[", "").replace("]", "")));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String text) {
        return text.matches("[0-9.]+") || text.contains(":");
    }

    /**
     * @param certificate a certificate
     * @return its DNS and IP subject alternative names, or its CN when it has none
     */
    public static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    Object type = entry.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return names;
        }
        if (names.isEmpty()) {
            names.add(subject(certificate));
        }
        return names;
    }

    private static String subject(X509Certificate certificate) {
        String dn = certificate.getSubjectX500Principal().getName();
        for (String part : dn.split(",")) {
            if (part.trim().startsWith("CN=")) {
                return part.trim().substring(3);
            }
        }
        return dn;
    }

    /**
     * @param instant a time
     * @return its date in UTC, e.g. {@code 2026-12-01}
     */
    public static LocalDate date(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Failure failure(String code, String reason) {
        return new Failure(Outcome.TLS_ERROR, code, reason, false);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            text.append(cause.getMessage()).append(' ');
        }
        return text.toString();
    }

    private static String firstMessage(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
