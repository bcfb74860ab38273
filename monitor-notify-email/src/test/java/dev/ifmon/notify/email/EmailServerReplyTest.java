package dev.ifmon.notify.email;

import static dev.ifmon.notify.email.EmailNotifierTest.plainConfig;
import static dev.ifmon.notify.email.EmailNotifierTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.DeliveryResult.Status;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailServerReplyTest {

    private final EmailNotifier notifier = new EmailNotifier();

    private DeliveryResult deliverTo(ScriptedSmtpServer server) {
        Map<String, Object> config = plainConfig(server.port());
        config.remove("username");
        config.remove("password");
        config.put("read_timeout", "1s");
        return notifier.deliver(TestDigests.newFailure(), settings(config));
    }

    @Nested
    class Replies {

        @ParameterizedTest(name = "{0} answered ''{1}'' gives {2}")
        @CsvSource(delimiter = '|', textBlock = """
                GREETING | 421 4.3.2 Service not available, closing channel | RETRYABLE | 421
                RCPT     | 451 4.7.1 Greylisted, try again later            | RETRYABLE | ops@example.test
                RCPT     | 550 5.1.1 Mailbox unavailable                    | FAILED    | ops@example.test
                MAIL     | 553 5.7.1 Sender address rejected                | FAILED    | 553
                END      | 452 4.3.1 Insufficient system storage            | RETRYABLE | 452
                END      | 554 5.7.1 Message rejected as spam                | FAILED    | 554
                MAIL     | 530 5.7.0 Authentication required                | FAILED    | email.username
                """)
        void temporaryRepliesAreRetryableAndPermanentOnesFail(String verb, String reply, Status status,
                String mentioned) throws Exception {
            try (ScriptedSmtpServer server = new ScriptedSmtpServer(Map.of(verb, reply))) {
                DeliveryResult result = deliverTo(server);

                assertThat(result.status()).isEqualTo(status);
                assertThat(result.detail()).contains("127.0.0.1:" + server.port(), mentioned);
            }
        }
    }

    @Nested
    class Silence {

        @Test
        void aServerThatNeverGreetsTimesOutWithinTheReadTimeoutAndIsRetryable() throws Exception {
            try (ScriptedSmtpServer server = new ScriptedSmtpServer(Map.of("GREETING", ScriptedSmtpServer.SILENCE))) {
                DeliveryResult result = deliverTo(server);

                assertThat(result.status()).isEqualTo(Status.RETRYABLE);
                assertThat(result.detail()).contains("did not answer in time", "read_timeout 1s");
            }
        }
    }
}
