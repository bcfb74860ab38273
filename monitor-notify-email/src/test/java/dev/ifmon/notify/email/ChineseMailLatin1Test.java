package dev.ifmon.notify.email;

import static dev.ifmon.notify.email.EmailNotifierTest.part;
import static dev.ifmon.notify.email.EmailNotifierTest.plainConfig;
import static dev.ifmon.notify.email.EmailNotifierTest.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ifmon.api.DeliveryResult;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own JVM started with {@code -Dfile.encoding=ISO-8859-1} (see the module's surefire
 * configuration): Chinese must survive although the default charset cannot hold it. That execution sets
 * {@code ifmon.test.latin1}; elsewhere (e.g. picked by {@code -Dtest}) the class is skipped.
 */
class ChineseMailLatin1Test {

    private static final String SUBJECT =
            "[ifmon] [prod] 接口监控：新增故障 1 · order/订单支付 服务器内部错误 (500)";

    private final EmailNotifier notifier = new EmailNotifier();

    @BeforeAll
    static void theJvmReallyDefaultsToLatin1() {
        assumeTrue(Boolean.getBoolean("ifmon.test.latin1"), "runs only in the latin1-default-charset execution");

        assertThat(Charset.defaultCharset()).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    private MailAndRaw deliver() {
        Map<String, Object> config = plainConfig(0);
        config.put("cc", List.of("值班 经理 <duty@example.test>"));
        try (MailServer server = MailServer.smtp()) {
            config.put("port", server.port());
            DeliveryResult result = notifier.deliver(TestDigests.newFailure(), settings(config));
            assertThat(result).isEqualTo(DeliveryResult.delivered());
            server.awaitMessages(1);
            byte[] raw = server.rawMessages().get(0);
            return new MailAndRaw(MailServer.reparse(raw), new String(raw, StandardCharsets.US_ASCII));
        }
    }

    private record MailAndRaw(MimeMessage mail, String raw) {
    }

    @Nested
    class Subject {

        @Test
        void isEncodedPerRfc2047InUtf8OnTheWire() {
            String raw = deliver().raw();

            String header = raw.lines().filter(line -> line.startsWith("Subject:")).findFirst().orElseThrow();
            assertThat(header).startsWith("Subject: =?UTF-8?");
            assertThat(raw.chars()).allMatch(c -> c < 128);
        }

        @Test
        void decodesBackToTheSameChineseText() throws Exception {
            assertThat(deliver().mail().getSubject()).isEqualTo(SUBJECT);
        }
    }

    @Nested
    class Addresses {

        @Test
        void keepChineseDisplayNames() throws Exception {
            MimeMessage mail = deliver().mail();

            assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("ifmon 监控");
            assertThat(((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
                    .isEqualTo("运维组");
            assertThat(((InternetAddress) mail.getRecipients(Message.RecipientType.CC)[0]).getPersonal())
                    .isEqualTo("值班 经理");
        }
    }

    @Nested
    class Body {

        @Test
        void bothAlternativesAreUtf8AndCarryTheChineseReason() throws Exception {
            MimeMessage mail = deliver().mail();

            assertThat(part(mail, "text/plain")).contains("订单支付", "服务器内部错误 (500)", "堆栈");
            assertThat(part(mail, "text/html"))
                    .contains("订单支付", "服务器内部错误 (500)", "&lt;b&gt;堆栈");
            assertThat(EmailNotifierTest.alternatives(mail).getBodyPart(0).getContentType())
                    .containsIgnoringCase("charset=UTF-8");
        }
    }
}
