package dev.ifmon.notify.email.internal;

import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code email:} block, read and checked. Immutable and thread-safe. Read it with {@link EmailConfigReader}.
 *
 * @param host the SMTP server's host name, {@code ""} when not set
 * @param port the SMTP server's port
 * @param security how the connection is protected
 * @param username the login, {@code ""} for none
 * @param password the password or authorisation code, {@code ""} for none; never shown
 * @param from the sender, or {@code null} when neither {@code from} nor an address-like username is set
 * @param recipients who gets every digest
 * @param serviceRecipients who else gets a digest that lists the service, by service name
 * @param subjectPrefix put before every subject
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout how long to wait for each answer of the server
 * @param writeTimeout how long a write to the server may block
 * @param trustHosts hosts whose certificate is accepted without checking; {@code *} for any
 * @param excerptChars the most characters of one request or response body to show
 */
public record EmailConfig(
        String host,
        int port,
        Security security,
        String username,
        String password,
        InternetAddress from,
        Recipients recipients,
        Map<String, Recipients> serviceRecipients,
        String subjectPrefix,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        List<String> trustHosts,
        int excerptChars) {

    /** The keys this block knows, for the did-you-mean hint. */
    public static final Set<String> KEYS = Set.of(
            "enabled", "host", "port", "security", "username", "password", "from", "to", "cc", "services",
            "subject_prefix", "connect_timeout", "read_timeout", "write_timeout", "trust_hosts",
            "excerpt_chars");

    /** The keys of one block under {@code services}. */
    public static final Set<String> SERVICE_KEYS = Set.of("to", "cc");

    /** Default for {@code connect_timeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default for {@code read_timeout}. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default for {@code write_timeout}. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** Default for {@code subject_prefix}. */
    public static final String DEFAULT_SUBJECT_PREFIX = "[ifmon]";
    /** Default for {@code excerpt_chars}. */
    public static final int DEFAULT_EXCERPT_CHARS = 20_000;

    /** Copies the collections. */
    public EmailConfig {
        serviceRecipients = Map.copyOf(serviceRecipients);
        trustHosts = List.copyOf(trustHosts);
    }

    /** @return whether a login is configured */
    public boolean hasLogin() {
        return !username.isEmpty();
    }

    /** @return {@code host:port}, for messages */
    public String endpoint() {
        return host + ":" + port;
    }

    /**
     * @param services the services a digest lists
     * @return the main recipients plus those of each listed service
     */
    public Recipients recipientsFor(Iterable<String> services) {
        Recipients all = recipients;
        for (String service : services) {
            all = all.plus(serviceRecipients.getOrDefault(service, Recipients.none()));
        }
        return all;
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "EmailConfig[" + endpoint() + ", security=" + security.configValue() + ", username=" + username
                + ", password=" + (password.isEmpty() ? "(none)" : "******") + "]";
    }
}
