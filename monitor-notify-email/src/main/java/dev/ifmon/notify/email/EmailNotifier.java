package dev.ifmon.notify.email;

import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.notify.email.internal.DeliveryFailures;
import dev.ifmon.notify.email.internal.DigestView;
import dev.ifmon.notify.email.internal.EmailConfig;
import dev.ifmon.notify.email.internal.EmailConfigChecks;
import dev.ifmon.notify.email.internal.EmailConfigReader;
import dev.ifmon.notify.email.internal.HtmlRenderer;
import dev.ifmon.notify.email.internal.MailComposer;
import dev.ifmon.notify.email.internal.PlainTextRenderer;
import dev.ifmon.notify.email.internal.Recipients;
import dev.ifmon.notify.email.internal.SecretScrubber;
import dev.ifmon.notify.email.internal.SmtpSender;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each round's digest by SMTP (Jakarta Mail with Eclipse Angus): one {@code multipart/alternative}
 * mail with the digest as HTML (a table, failures first) and as plain text, UTF-8 throughout.
 *
 * <p>Configured by the top-level {@code email:} block (type and config key {@code email}); the keys are
 * documented in {@code docs/email.md}. Found by {@link java.util.ServiceLoader}.
 *
 * <p><b>Delivery:</b> every call opens its own connection with finite connect, read and write timeouts. A
 * refused connection, an unknown host, a timeout and a temporary (4xx) answer are
 * {@link DeliveryResult.Status#RETRYABLE}, so the core's outbox keeps the digest; a rejected login (535),
 * rejected addresses, a TLS set-up that cannot work and other permanent (5xx) answers are
 * {@link DeliveryResult.Status#FAILED}, with a detail that says what to do. The SMTP password never appears in
 * a result's detail, a log line or the mail.
 *
 * <p><b>Thread-safety:</b> stateless apart from the clock; safe to call from many threads at once.
 *
 * <p>Known limitations: one digest goes out as one mail to the union of the main and the per-service
 * recipients, so a service's team also sees other services' failures in it. A failure after the server took
 * the message but before it confirmed it is retried, and the mail may then arrive twice; both copies carry the
 * same {@code Message-ID}, derived from the content.
 */
public final class EmailNotifier implements Notifier {

    /** The channel's name and config key. */
    public static final String TYPE = "email";

    private static final Logger LOG = LoggerFactory.getLogger(EmailNotifier.class);

    private final Clock clock;

    /** Creates a notifier on the system clock; used by {@link java.util.ServiceLoader}. */
    public EmailNotifier() {
        this(Clock.systemUTC());
    }

    /**
     * Creates a notifier that dates mails with the given clock.
     *
     * @param clock the clock for the {@code Date} header and durations
     */
    public EmailNotifier(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return {@value #TYPE} */
    @Override
    public String type() {
        return TYPE;
    }

    /** @return {@value #TYPE}: the block is {@code email:} */
    @Override
    public String configKey() {
        return TYPE;
    }

    /**
     * Checks the block: unknown keys (with a did-you-mean), missing host, sender or recipients, addresses that
     * cannot be parsed, values that cannot be read, a port that disagrees with the security mode.
     *
     * @param settings the {@code email:} block, variables resolved
     * @return the problems, errors first; empty when none
     */
    @Override
    public List<Problem> validate(Settings settings) {
        EmailConfigReader.Reading reading = EmailConfigReader.read(settings);
        List<Problem> problems = new ArrayList<>(reading.problems());
        problems.addAll(EmailConfigChecks.check(reading.config(), settings.origin()));
        problems.sort((a, b) -> Boolean.compare(b.isError(), a.isError()));
        return problems;
    }

    /**
     * @param settings the {@code email:} block
     * @return {@code true} when {@code host} and {@code to} are set and {@code enabled} is not {@code false}
     */
    @Override
    public boolean isEnabled(Settings settings) {
        try {
            return settings.bool("enabled", true) && !settings.string("host", "").isBlank()
                    && !settings.strings("to").isEmpty();
        } catch (RuntimeException e) {
            return settings.has("host") && settings.has("to");
        }
    }

    /**
     * Formats the digest as HTML and plain text and sends it to the main recipients plus those of every
     * service the digest lists.
     *
     * @param digest what to say, already masked
     * @param settings the {@code email:} block, variables resolved
     * @return delivered, retryable (connection trouble, timeouts, 4xx) or failed (login, addresses, TLS, 5xx,
     *     broken config)
     */
    @Override
    public DeliveryResult deliver(Digest digest, Settings settings) {
        Objects.requireNonNull(digest, "digest");
        EmailConfigReader.Reading reading = EmailConfigReader.read(settings);
        if (reading.hasErrors()) {
            return configFailure(reading);
        }
        EmailConfig config = reading.config();
        SecretScrubber scrubber = SecretScrubber.forLogin(config.username(), config.password());
        DigestView view = DigestView.of(digest);
        MailComposer.Content content = new MailComposer.Content(
                subject(config, view.subject(), scrubber),
                new PlainTextRenderer(scrubber, config.excerptChars()).render(view),
                new HtmlRenderer(scrubber, config.excerptChars()).render(view), true);
        return send(config, config.recipientsFor(view.services()), content, scrubber, "digest");
    }

    /**
     * Sends a short plain-text test mail to the main recipients, for {@code ifmon notify-test}.
     *
     * @param text the message
     * @param settings the {@code email:} block
     * @return how it went, as for {@link #deliver}
     */
    @Override
    public DeliveryResult sendTest(String text, Settings settings) {
        EmailConfigReader.Reading reading = EmailConfigReader.read(settings);
        if (reading.hasErrors()) {
            return configFailure(reading);
        }
        EmailConfig config = reading.config();
        SecretScrubber scrubber = SecretScrubber.forLogin(config.username(), config.password());
        String body = scrubber.apply(text) + "\n\n-- ifmon notify-test\n";
        MailComposer.Content content = new MailComposer.Content(
                subject(config, "测试邮件 test message", scrubber), body, null, false);
        return send(config, config.recipients(), content, scrubber, "test");
    }

    private DeliveryResult send(EmailConfig config, Recipients recipients, MailComposer.Content content,
            SecretScrubber scrubber, String what) {
        if (config.host().isEmpty() || recipients.to().isEmpty()) {
            return DeliveryResult.failed("email is not configured: set email.host and email.to");
        }
        long started = clock.millis();
        try {
            Session session = SmtpSender.session(config);
            MimeMessage message = MailComposer.compose(session, config, recipients, content, clock.instant());
            SmtpSender.send(session, config, message);
            LOG.info("email {} delivered host={} port={} recipients={} durationMs={}", what, config.host(),
                    config.port(), recipients.count(), clock.millis() - started);
            return DeliveryResult.delivered();
        } catch (MessagingException e) {
            DeliveryResult result = DeliveryFailures.classify(e, config, scrubber);
            LOG.warn("email {} not delivered host={} port={} status={} durationMs={}: {}; {}", what, config.host(),
                    config.port(), result.status(), clock.millis() - started, result.detail(),
                    result.status() == DeliveryResult.Status.RETRYABLE ? "it will be retried" : "not retried");
            return result;
        }
    }

    private static String subject(EmailConfig config, String subject, SecretScrubber scrubber) {
        String prefix = config.subjectPrefix().isBlank() ? "" : config.subjectPrefix().strip() + " ";
        return scrubber.apply(prefix + subject).replaceAll("[\\r\\n]+", " ");
    }

    private static DeliveryResult configFailure(EmailConfigReader.Reading reading) {
        String problems = reading.problems().stream().filter(Problem::isError).map(Problem::format)
                .collect(Collectors.joining("; "));
        LOG.warn("email not sent, the email block has errors: {}; fix the config, not retried", problems);
        return new DeliveryResult(DeliveryResult.Status.FAILED, problems, (Duration) null);
    }
}
