package dev.ifmon.notify.email;

import static dev.ifmon.notify.email.EmailNotifierTest.plainConfig;
import static dev.ifmon.notify.email.EmailNotifierTest.settings;
import static dev.ifmon.notify.email.EmailNotifierTest.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.DeliveryResult.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EmailDeliveryFailureTest {

    private final EmailNotifier notifier = new EmailNotifier();

    @Nested
    class Login {

        @Test
        void aRejectedPasswordFailsForGoodAndSuggestsAnAuthorisationCode() {
            try (MailServer server = MailServer.smtp()) {
                DeliveryResult result = notifier.deliver(TestDigests.newFailure(),
                        with(plainConfig(server.port()), "password", "wrong-login-password"));

                assertThat(result.status()).isEqualTo(Status.FAILED);
                assertThat(result.detail()).contains("127.0.0.1:" + server.port(), "535", "授权码",
                        "authorisation code", "email.password");
                assertThat(result.detail()).doesNotContain("wrong-login-password");
                assertThat(server.rawMessages()).isEmpty();
            }
        }
    }

    @Nested
    class Connection {

        @Test
        void aRefusedConnectionIsRetryableAndNamesHostAndPort() {
            int closedPort = MailServer.freePort();

            DeliveryResult result = notifier.deliver(TestDigests.newFailure(), settings(plainConfig(closedPort)));

            assertThat(result.status()).isEqualTo(Status.RETRYABLE);
            assertThat(result.detail()).contains("refused", "127.0.0.1:" + closedPort, "email.port");
        }

        @Test
        void anUnknownHostIsRetryableAndNamesTheHost() {
            DeliveryResult result = notifier.deliver(TestDigests.newFailure(),
                    with(plainConfig(25), "host", "no-such-host.invalid"));

            assertThat(result.status()).isEqualTo(Status.RETRYABLE);
            assertThat(result.detail()).contains("'no-such-host.invalid'", "email.host");
        }

        @Test
        void aServerThatIsDownThenUpGetsTheMailExactlyOnce() {
            int port = MailServer.freePort();
            DeliveryResult whileDown = notifier.deliver(TestDigests.newFailure(), settings(plainConfig(port)));

            try (MailServer server = MailServer.smtp(port)) {
                DeliveryResult afterRestart = notifier.deliver(TestDigests.newFailure(), settings(plainConfig(port)));

                assertThat(whileDown.status()).isEqualTo(Status.RETRYABLE);
                assertThat(afterRestart.status()).isEqualTo(Status.DELIVERED);
                assertThat(server.awaitMessages(1)).hasSize(1);
            }
        }

        @Test
        void theSameDigestSentTwiceCarriesTheSameMessageIdSoDuplicatesCanBeDropped() throws Exception {
            try (MailServer server = MailServer.smtp()) {
                notifier.deliver(TestDigests.newFailure(), settings(plainConfig(server.port())));
                notifier.deliver(TestDigests.newFailure(), settings(plainConfig(server.port())));
                notifier.deliver(TestDigests.mixed(), settings(plainConfig(server.port())));

                List<String> ids = server.awaitMessages(3).stream().map(TestMail::messageId).toList();
                assertThat(ids).hasSize(3);
                assertThat(ids.get(0)).matches("<ifmon\\.[0-9a-f]{32}@example\\.test>").isEqualTo(ids.get(1));
                assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
            }
        }
    }

    @Nested
    class Addresses {

        @Test
        void anAddressThatCannotBeParsedFailsWithoutConnecting() {
            DeliveryResult result = notifier.deliver(TestDigests.newFailure(),
                    with(plainConfig(MailServer.freePort()), "to", List.of("ops@@example.test")));

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.detail()).contains("'to' has 'ops@@example.test'");
        }
    }

    @Nested
    class Secrets {

        @Test
        void theSmtpPasswordNeverAppearsInADetailOrALogLine() {
            String password = "Sup3r-Secret-Code";
            try (LogCapture logs = new LogCapture(); MailServer server = MailServer.smtp()) {
                Map<String, Object> config = plainConfig(server.port());
                config.put("password", password);
                DeliveryResult rejected = notifier.deliver(TestDigests.newFailure(), settings(config));
                config.put("port", MailServer.freePort());
                DeliveryResult refused = notifier.deliver(TestDigests.newFailure(), settings(config));
                DeliveryResult tested = notifier.sendTest("password is " + password, settings(config));

                assertThat(List.of(rejected, refused, tested)).allSatisfy(result ->
                        assertThat(result.detail()).doesNotContain(password));
                assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(password));
            }
        }
    }
}
