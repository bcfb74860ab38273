package dev.ifmon.notify.email.internal;

import dev.ifmon.api.DeliveryResult;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Turns what Jakarta Mail threw into a {@link DeliveryResult} that says what to do. Connection trouble and
 * temporary (4xx) answers are retryable, so the core's outbox keeps the digest; a rejected login, rejected
 * addresses, TLS set up wrongly and other permanent (5xx) answers fail. Every detail passes through the
 * {@link SecretScrubber}. Stateless and thread-safe.
 */
public final class DeliveryFailures {

    private static final String AUTH_CODE_HINT = "many providers (QQ 邮箱, 163, 企业邮箱 and others) want an "
            + "app-specific authorisation code (授权码) generated in the mailbox settings, not the login password";

    private DeliveryFailures() {
    }

    /**
     * @param failure what sending threw
     * @param config the channel's config, for host, port and mode in the message
     * @param scrubber hides the password in the detail
     * @return the result, with a detail that names the server and what to do
     */
    public static DeliveryResult classify(MessagingException failure, EmailConfig config, SecretScrubber scrubber) {
        DeliveryResult result = describe(failure, config);
        return new DeliveryResult(result.status(), scrubber.apply(result.detail()), result.retryAfter());
    }

    private static DeliveryResult describe(MessagingException failure, EmailConfig config) {
        if (failure instanceof AuthenticationFailedException) {
            return DeliveryResult.failed("SMTP server " + config.endpoint() + " rejected the login of '"
                    + config.username() + "' (" + oneLine(failure.getMessage()) + "): check email.username and "
                    + "email.password; " + AUTH_CODE_HINT);
        }
        if (failure instanceof SendFailedException rejected && !(failure instanceof SMTPSendFailedException)
                && hasAddresses(rejected)) {
            return addressesRejected(rejected, config);
        }
        return cause(failure, config).orElseGet(() -> byReplyCode(failure, config));
    }

    private static Optional<DeliveryResult> cause(MessagingException failure, EmailConfig config) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = next(cause)) {
            Optional<DeliveryResult> result = network(cause, config);
            if (result.isPresent()) {
                return result;
            }
        }
        return Optional.empty();
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return cause.getCause();
    }

    private static Optional<DeliveryResult> network(Throwable cause, EmailConfig config) {
        String where = config.endpoint();
        if (cause instanceof ConnectException) {
            return Optional.of(DeliveryResult.retryable("connection to SMTP server " + where + " was refused: "
                    + "check that email.host and email.port are right (security: " + config.security().configValue()
                    + " usually uses port " + config.security().usualPort() + ") and that the server is running"));
        }
        if (cause instanceof UnknownHostException) {
            return Optional.of(DeliveryResult.retryable("SMTP host '" + config.host() + "' could not be resolved "
                    + "(DNS): check email.host and the monitor host's DNS"));
        }
        if (cause instanceof SocketTimeoutException) {
            return Optional.of(DeliveryResult.retryable("SMTP server " + where + " did not answer in time "
                    + "(connect_timeout " + shown(config.connectTimeout()) + ", read_timeout "
                    + shown(config.readTimeout()) + "): check the port and the firewall"));
        }
        if (cause instanceof SSLException) {
            return Optional.of(tls(cause, config));
        }
        if (cause instanceof NoRouteToHostException || cause instanceof SocketException) {
            return Optional.of(DeliveryResult.retryable("network error talking to SMTP server " + where + " ("
                    + oneLine(cause.getMessage()) + ")"));
        }
        return Optional.empty();
    }

    private static DeliveryResult tls(Throwable cause, EmailConfig config) {
        String mode = config.security().configValue();
        String certificate = isCertificateProblem(cause)
                ? "; the server's certificate is not trusted: for a self-signed test server list the host in "
                        + "email.trust_hosts"
                : "";
        return DeliveryResult.failed("TLS handshake with SMTP server " + config.endpoint() + " failed in security: "
                + mode + " mode on port " + config.port() + " (" + oneLine(cause.getMessage()) + "): port 465 "
                + "normally expects security: ssl, port 587 security: starttls, port 25 starttls or none"
                + certificate);
    }

    private static boolean isCertificateProblem(Throwable cause) {
        String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        return text.contains("certificat") || text.contains("pkix") || text.contains("trust");
    }

    private static boolean hasAddresses(SendFailedException rejected) {
        return count(rejected.getInvalidAddresses()) + count(rejected.getValidUnsentAddresses()) > 0;
    }

    private static int count(Address[] addresses) {
        return addresses == null ? 0 : addresses.length;
    }

    private static DeliveryResult addressesRejected(SendFailedException rejected, EmailConfig config) {
        List<String> refused = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        boolean permanent = false;
        for (Exception next = rejected.getNextException(); next != null && refused.size() < 100; ) {
            if (next instanceof SMTPAddressFailedException address) {
                refused.add(address.getAddress().toUnicodeString());
                replies.add(oneLine(address.getMessage()));
                permanent |= address.getReturnCode() >= 500;
            }
            next = next instanceof MessagingException messaging ? messaging.getNextException() : null;
        }
        if (refused.isEmpty()) {
            Arrays.stream(Optional.ofNullable(rejected.getInvalidAddresses()).orElse(new Address[0]))
                    .map(Address::toString).forEach(refused::add);
            permanent = true;
        }
        String detail = "SMTP server " + config.endpoint() + " refused the recipients " + refused + " ("
                + String.join("; ", replies.isEmpty() ? List.of(oneLine(rejected.getMessage())) : replies) + ")";
        if (!permanent) {
            return DeliveryResult.retryable(detail + "; the server called it temporary");
        }
        return DeliveryResult.failed(detail + ": fix the addresses in email.to, email.cc or email.services, "
                + "or check that email.from may send to them");
    }

    private static DeliveryResult byReplyCode(MessagingException failure, EmailConfig config) {
        String message = oneLine(failure.getMessage());
        String where = "SMTP server " + config.endpoint();
        if (message.toLowerCase(Locale.ROOT).contains("starttls")) {
            return DeliveryResult.failed(where + " does not offer STARTTLS (" + message + "): use security: ssl "
                    + "with port 465 if the provider offers implicit TLS, or security: none only for a trusted relay");
        }
        int code = failure instanceof SMTPSendFailedException send ? send.getReturnCode() : replyCodeIn(message);
        if (code == 530) {
            return DeliveryResult.failed(where + " wants a login (" + message + "): set email.username and "
                    + "email.password; " + AUTH_CODE_HINT);
        }
        if (code >= 500 && code < 600) {
            return DeliveryResult.failed(where + " rejected the message (" + message + "); check email.from "
                    + "and the provider's sending limits");
        }
        return DeliveryResult.retryable(where + " could not take the message now (" + message + ")");
    }

    private static int replyCodeIn(String message) {
        if (message.length() >= 3 && message.substring(0, 3).chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(message.substring(0, 3));
        }
        return 0;
    }

    private static String shown(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static String oneLine(String text) {
        return text == null ? "no detail" : text.strip().replaceAll("\\s+", " ");
    }
}
