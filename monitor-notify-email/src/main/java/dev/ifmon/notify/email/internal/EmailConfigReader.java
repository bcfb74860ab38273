package dev.ifmon.notify.email.internal;

import dev.ifmon.api.Suggestions;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads an {@code email:} block into an {@link EmailConfig}, collecting every problem instead of stopping at
 * the first. Not thread-safe: use one reader per read.
 */
public final class EmailConfigReader {

    private final Settings settings;
    private final List<Problem> problems = new ArrayList<>();

    private EmailConfigReader(Settings settings) {
        this.settings = settings;
    }

    /**
     * Reads a block.
     *
     * @param settings the {@code email:} block, variables resolved
     * @return the config and the problems found
     */
    public static Reading read(Settings settings) {
        return new EmailConfigReader(settings).read();
    }

    /**
     * A config and what was wrong with the block it came from.
     *
     * @param config the config, with defaults where a value was missing or wrong
     * @param problems the problems, errors first; empty when none
     */
    public record Reading(EmailConfig config, List<Problem> problems) {

        /** Copies the list. */
        public Reading {
            problems = List.copyOf(problems);
        }

        /** @return whether a problem makes delivery impossible */
        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    private Reading read() {
        checkUnknownKeys(settings, EmailConfig.KEYS, "email");
        String host = text("host");
        Security security = security();
        int port = port(security);
        String username = text("username");
        String password = password();
        InternetAddress from = from(username);
        Recipients recipients = new Recipients(addresses(settings, "to"), addresses(settings, "cc"));
        EmailConfig config = new EmailConfig(host, port, security, username, password, from, recipients,
                serviceRecipients(), safely(() -> settings.string("subject_prefix", EmailConfig.DEFAULT_SUBJECT_PREFIX),
                        EmailConfig.DEFAULT_SUBJECT_PREFIX),
                duration("connect_timeout", EmailConfig.DEFAULT_CONNECT_TIMEOUT),
                duration("read_timeout", EmailConfig.DEFAULT_READ_TIMEOUT),
                duration("write_timeout", EmailConfig.DEFAULT_WRITE_TIMEOUT),
                safely(() -> settings.strings("trust_hosts"), List.of()),
                excerptChars());
        return new Reading(config, problems);
    }

    private String text(String key) {
        return safely(() -> settings.string(key, ""), "").trim();
    }

    private String password() {
        Object value = settings.asMap().get("password");
        if (value instanceof Map || value instanceof List) {
            error("'password' must be text", "write password: \"${env:SMTP_PASSWORD}\"");
            return "";
        }
        return value == null ? "" : value.toString();
    }

    private Security security() {
        Optional<String> written = safely(() -> settings.string("security"), Optional.empty());
        if (written.isEmpty()) {
            return impliedSecurity();
        }
        Optional<Security> security = Security.parse(written.get());
        if (security.isEmpty()) {
            error("'security' is '" + written.get() + "', which is not a mode",
                    "write starttls (usually port 587), ssl (implicit TLS, usually 465) or none; using starttls");
        }
        return security.orElse(Security.STARTTLS);
    }

    private Security impliedSecurity() {
        boolean port465 = safely(() -> settings.integer("port", 0), 0) == Security.SSL.usualPort();
        return port465 ? Security.SSL : Security.STARTTLS;
    }

    private int port(Security security) {
        int port = safely(() -> settings.integer("port", security.usualPort()), security.usualPort());
        if (port < 1 || port > 65_535) {
            error("'port' is " + port + ", which is not a TCP port", "write a port from 1 to 65535, e.g. "
                    + security.usualPort() + " for security: " + security.configValue());
            return security.usualPort();
        }
        return port;
    }

    private InternetAddress from(String username) {
        Optional<String> written = safely(() -> settings.string("from"), Optional.empty());
        if (written.isPresent() && !written.get().isBlank()) {
            return address("from", written.get());
        }
        if (username.contains("@")) {
            warning("'from' is not set; the username '" + username + "' is used as the sender",
                    "set email.from, e.g. \"ifmon 监控 <monitor@example.test>\"");
            return address("username", username);
        }
        error("'from' is not set, and the username is not an address", "set email.from to the sender address, "
                + "usually the mailbox you log in with, e.g. \"ifmon 监控 <monitor@example.test>\"");
        return null;
    }

    private Map<String, Recipients> serviceRecipients() {
        Settings services = safely(() -> settings.nested("services"), Settings.empty());
        Map<String, Recipients> result = new LinkedHashMap<>();
        for (String service : services.asMap().keySet()) {
            Settings block = safely(() -> services.nested(service), Settings.empty());
            checkUnknownKeys(block, EmailConfig.SERVICE_KEYS, "email.services." + service);
            result.put(service, new Recipients(addresses(block, "to"), addresses(block, "cc")));
        }
        return result;
    }

    private List<InternetAddress> addresses(Settings block, String key) {
        List<InternetAddress> result = new ArrayList<>();
        for (String text : safely(() -> block.strings(key), List.<String>of())) {
            InternetAddress address = address(key, text);
            if (address != null) {
                result.add(address);
            }
        }
        return result;
    }

    private InternetAddress address(String key, String text) {
        try {
            return utf8Address(text);
        } catch (AddressException e) {
            error("'" + key + "' has '" + text + "', which is not a mail address (" + e.getMessage() + ")",
                    "write name@domain or a display name with the address in angle brackets, "
                            + "e.g. \"运维组 <ops@example.test>\"");
            return null;
        }
    }

    /**
     * Parses one address strictly and keeps its display name as UTF-8, whatever the JVM's default charset.
     *
     * @param text {@code ops@example.test} or {@code 运维组 <ops@example.test>}
     * @return the address
     * @throws AddressException when the text is not one valid address
     */
    public static InternetAddress utf8Address(String text) throws AddressException {
        InternetAddress[] parsed = InternetAddress.parse(text.trim(), true);
        if (parsed.length != 1) {
            throw new AddressException("expected exactly one address", text);
        }
        InternetAddress address = parsed[0];
        address.validate();
        if (address.getPersonal() == null) {
            return address;
        }
        try {
            return new InternetAddress(address.getAddress(), address.getPersonal(), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private Duration duration(String key, Duration fallback) {
        Duration value = safely(() -> settings.duration(key, fallback), fallback);
        if (value.isNegative() || value.isZero()) {
            error("'" + key + "' is " + value + "; zero or less would wait forever or not at all",
                    "write a positive duration such as 10s; using " + fallback.toSeconds() + "s");
            return fallback;
        }
        return value;
    }

    private int excerptChars() {
        int value = safely(() -> settings.integer("excerpt_chars", EmailConfig.DEFAULT_EXCERPT_CHARS),
                EmailConfig.DEFAULT_EXCERPT_CHARS);
        if (value < 100) {
            warning("'excerpt_chars' is " + value + ", too small to show anything useful",
                    "write 100 or more; using " + EmailConfig.DEFAULT_EXCERPT_CHARS);
            return EmailConfig.DEFAULT_EXCERPT_CHARS;
        }
        return value;
    }

    private void checkUnknownKeys(Settings block, Set<String> known, String where) {
        for (String key : block.asMap().keySet()) {
            if (!known.contains(key)) {
                String hint = Suggestions.closest(key, known)
                        .map(match -> "did you mean '" + match + "'?")
                        .orElse("known keys: " + known.stream().sorted().toList());
                problems.add(Problem.warning(settings.origin(),
                        "unknown key '" + key + "' in " + where + " is ignored", hint));
            }
        }
    }

    private <T> T safely(Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (IfmonException e) {
            error(e.getMessage(), "using the default instead");
            return fallback;
        }
    }

    private void error(String message, String hint) {
        problems.add(Problem.error(settings.origin(), message, hint));
    }

    private void warning(String message, String hint) {
        problems.add(Problem.warning(settings.origin(), message, hint));
    }
}
