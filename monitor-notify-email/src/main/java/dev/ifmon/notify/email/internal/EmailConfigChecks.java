package dev.ifmon.notify.email.internal;

import dev.ifmon.api.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that go beyond reading single values: missing essentials, a port that disagrees with the security
 * mode, a login sent in clear. Stateless and thread-safe.
 */
public final class EmailConfigChecks {

    private static final int SUBMISSION_PORT = 587;

    private EmailConfigChecks() {
    }

    /**
     * @param config the config as read
     * @param origin where the block was written, for messages
     * @return the problems found, empty when none
     */
    public static List<Problem> check(EmailConfig config, String origin) {
        List<Problem> problems = new ArrayList<>();
        if (config.host().isEmpty()) {
            problems.add(Problem.warning(origin, "'host' is not set, so no mail is sent",
                    "set email.host to your provider's SMTP server, e.g. smtp.example.test"));
        }
        if (config.recipients().to().isEmpty()) {
            problems.add(Problem.warning(origin, "'to' names no usable address (unset, empty or every address"
                    + " invalid), so no mail is sent",
                    "set email.to to one or more addresses, e.g. [\"运维组 <ops@example.test>\"]"));
        }
        portMismatch(config).ifPresent(message -> problems.add(Problem.warning(origin, message.text, message.hint)));
        loginChecks(config, origin, problems);
        return problems;
    }

    private record Message(String text, String hint) {
    }

    private static Optional<Message> portMismatch(EmailConfig config) {
        if (config.security() == Security.SSL && config.port() == SUBMISSION_PORT) {
            return Optional.of(new Message(
                    "'security: ssl' (implicit TLS) on port 587: that port normally expects STARTTLS, "
                            + "so the TLS handshake will fail",
                    "use security: starttls with port 587, or security: ssl with port 465"));
        }
        if (config.security() == Security.STARTTLS && config.port() == Security.SSL.usualPort()) {
            return Optional.of(new Message(
                    "'security: starttls' on port 465: that port normally expects implicit TLS (ssl), "
                            + "so the server will not answer in plain text",
                    "use security: ssl with port 465, or security: starttls with port 587"));
        }
        return Optional.empty();
    }

    private static void loginChecks(EmailConfig config, String origin, List<Problem> problems) {
        if (!config.password().isEmpty() && config.username().isEmpty()) {
            problems.add(Problem.warning(origin, "'password' is set but 'username' is not, so no login is made",
                    "set email.username to the mailbox you log in with"));
        }
        if (config.hasLogin() && config.password().isEmpty()) {
            problems.add(Problem.warning(origin, "'username' is set but 'password' is empty",
                    "set email.password: \"${env:SMTP_PASSWORD}\"; many providers want an authorisation code "
                            + "(授权码) from the mailbox settings, not the login password"));
        }
        if (config.hasLogin() && config.security() == Security.NONE && !isLoopback(config.host())) {
            problems.add(Problem.warning(origin, "'security: none' sends the login to " + config.host()
                    + " unencrypted", "use security: ssl (port 465) or starttls (port 587)"));
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
