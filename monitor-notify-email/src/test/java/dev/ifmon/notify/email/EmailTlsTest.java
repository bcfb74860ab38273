package dev.ifmon.notify.email;

import static dev.ifmon.notify.email.EmailNotifierTest.plainConfig;
import static dev.ifmon.notify.email.EmailNotifierTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.DeliveryResult.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EmailTlsTest {

    private final EmailNotifier notifier = new EmailNotifier();

    static Map<String, Object> tlsConfig(int port, String security) {
        Map<String, Object> config = plainConfig(port);
        config.put("security", security);
        config.put("trust_hosts", List.of(MailServer.HOST));
        return config;
    }

    @Nested
    class StartTls {

        @Test
        void deliversAfterUpgradingThePlainConnectionAndLoggingIn() throws Exception {
            try (MailServer server = MailServer.smtp();
                    StartTlsFrontEnd front = StartTlsFrontEnd.relayingTo(server.port())) {
                DeliveryResult result = notifier.deliver(TestDigests.newFailure(),
                        settings(tlsConfig(front.port(), "starttls")));

                assertThat(result).isEqualTo(DeliveryResult.delivered());
                assertThat(server.awaitMessages(1).get(0).getSubject()).contains("订单支付");
            }
        }

        @Test
        void aServerWithoutStartTlsFailsAndSaysWhichModeToUse() {
            try (MailServer server = MailServer.smtp()) {
                DeliveryResult result = notifier.deliver(TestDigests.newFailure(),
                        settings(tlsConfig(server.port(), "starttls")));

                assertThat(result.status()).isEqualTo(Status.FAILED);
                assertThat(result.detail()).contains("127.0.0.1:" + server.port(), "does not offer STARTTLS",
                        "security: ssl");
                assertThat(server.rawMessages()).isEmpty();
            }
        }
    }

    @Nested
    class ImplicitTls {

        @Test
        void deliversOverSmtpsToATrustedSelfSignedServer() throws Exception {
            try (MailServer server = MailServer.smtps()) {
                DeliveryResult result = notifier.deliver(TestDigests.newFailure(),
                        settings(tlsConfig(server.port(), "ssl")));

                assertThat(result).isEqualTo(DeliveryResult.delivered());
                assertThat(server.awaitMessages(1)).hasSize(1);
            }
        }

        @Test
        void anUntrustedCertificateFailsNamingModePortAndTrustHosts() {
            try (MailServer server = MailServer.smtps()) {
                Map<String, Object> config = tlsConfig(server.port(), "ssl");
                config.remove("trust_hosts");

                DeliveryResult result = notifier.deliver(TestDigests.newFailure(), settings(config));

                assertThat(result.status()).isEqualTo(Status.FAILED);
                assertThat(result.detail()).contains("TLS handshake", "security: ssl mode on port " + server.port(),
                        "email.trust_hosts");
            }
        }

        @Test
        void implicitTlsAgainstAPlainServerFailsNamingModeAndPort() {
            try (MailServer server = MailServer.smtp()) {
                DeliveryResult result = notifier.deliver(TestDigests.newFailure(),
                        settings(tlsConfig(server.port(), "ssl")));

                assertThat(result.status()).isEqualTo(Status.FAILED);
                assertThat(result.detail()).contains("TLS handshake", "security: ssl mode on port " + server.port(),
                        "port 587 security: starttls");
            }
        }
    }
}
