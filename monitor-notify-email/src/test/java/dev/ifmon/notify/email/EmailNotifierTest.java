package dev.ifmon.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Alert;
import dev.ifmon.api.AlertKind;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.HttpResponseSnapshot;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailNotifierTest {

    private final EmailNotifier notifier = new EmailNotifier();

    static Map<String, Object> plainConfig(int port) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", MailServer.HOST);
        config.put("port", port);
        config.put("security", "none");
        config.put("username", MailServer.USER);
        config.put("password", MailServer.PASSWORD);
        config.put("from", "ifmon 监控 <" + MailServer.USER + ">");
        config.put("to", List.of("运维组 <ops@example.test>"));
        config.put("connect_timeout", "2s");
        config.put("read_timeout", "5s");
        return config;
    }

    static Settings settings(Map<String, Object> config) {
        return Settings.of("config.yaml: email", config);
    }

    static Settings with(Map<String, Object> config, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(config);
        copy.put(key, value);
        return settings(copy);
    }

    static MimeMultipart alternatives(MimeMessage message) throws Exception {
        return (MimeMultipart) message.getContent();
    }

    static String part(MimeMessage message, String type) throws Exception {
        MimeMultipart multipart = alternatives(message);
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    @Nested
    class Registration {

        @Test
        void serviceLoaderFindsTheNotifierUnderTheEmailType() {
            List<Notifier> found = ServiceLoader.load(Notifier.class).stream().map(ServiceLoader.Provider::get)
                    .toList();

            assertThat(found).anySatisfy(loaded -> {
                assertThat(loaded).isInstanceOf(EmailNotifier.class);
                assertThat(loaded.type()).isEqualTo("email");
                assertThat(loaded.configKey()).isEqualTo("email");
            });
        }
    }

    @Nested
    class Enabling {

        @Test
        void isEnabledWhenHostAndToAreSet() {
            assertThat(notifier.isEnabled(settings(plainConfig(25)))).isTrue();
        }

        @Test
        void isNotEnabledWithoutRecipients() {
            Map<String, Object> config = plainConfig(25);
            config.remove("to");

            assertThat(notifier.isEnabled(settings(config))).isFalse();
        }

        @Test
        void isNotEnabledWhenSwitchedOff() {
            assertThat(notifier.isEnabled(with(plainConfig(25), "enabled", false))).isFalse();
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest(name = "security {0} on port {1} warns: {2}")
        @CsvSource({
                "ssl,      587, use security: starttls with port 587",
                "starttls, 465, use security: ssl with port 465"})
        void aPortThatDisagreesWithTheSecurityModeSaysWhichToUse(String security, int port, String hint) {
            Map<String, Object> config = plainConfig(port);
            config.put("security", security);

            List<Problem> problems = notifier.validate(settings(config));

            assertThat(problems).anySatisfy(problem -> {
                assertThat(problem.isError()).isFalse();
                assertThat(problem.hint()).contains(hint);
            });
        }

        @ParameterizedTest(name = "security {0} on port {1} is fine")
        @CsvSource({"ssl, 465", "starttls, 587", "none, 25"})
        void matchingPortsAndModesGiveNoProblem(String security, int port) {
            Map<String, Object> config = plainConfig(port);
            config.put("security", security);
            config.put("host", "localhost");

            assertThat(notifier.validate(settings(config))).isEmpty();
        }

        @Test
        void anUnknownKeySuggestsTheClosestKnownOne() {
            List<Problem> problems = notifier.validate(with(plainConfig(25), "subjet_prefix", "[ops]"));

            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.message()).contains("'subjet_prefix'");
                assertThat(problem.hint()).isEqualTo("did you mean 'subject_prefix'?");
            });
        }

        @Test
        void missingHostAndRecipientsAreNamed() {
            Map<String, Object> config = plainConfig(25);
            config.remove("host");
            config.remove("to");

            List<String> messages = notifier.validate(settings(config)).stream().map(Problem::message).toList();

            assertThat(messages).anyMatch(message -> message.contains("'host' is not set"))
                    .anyMatch(message -> message.contains("'to' names no usable address"));
        }

        @Test
        void aMissingSenderIsAnErrorWhenTheUsernameIsNoAddress() {
            Map<String, Object> config = plainConfig(25);
            config.remove("from");
            config.put("username", "monitor");

            assertThat(notifier.validate(settings(config))).anySatisfy(problem -> {
                assertThat(problem.isError()).isTrue();
                assertThat(problem.message()).contains("'from' is not set");
            });
        }

        @Test
        void aBadAddressIsAnErrorQuotingIt() {
            List<Problem> problems = notifier.validate(with(plainConfig(25), "cc", List.of("ops at example")));

            assertThat(problems).anySatisfy(problem -> {
                assertThat(problem.isError()).isTrue();
                assertThat(problem.message()).contains("'cc' has 'ops at example'");
            });
        }

        @Test
        void aPasswordWrittenAsAListIsAnErrorThatDoesNotQuoteIt() {
            List<Problem> problems = notifier.validate(with(plainConfig(25), "password", List.of("Secret-Value-1")));

            assertThat(problems).anySatisfy(problem ->
                    assertThat(problem.message()).isEqualTo("'password' must be text"));
            assertThat(problems).noneMatch(problem -> problem.format().contains("Secret-Value-1"));
        }

        @Test
        void anUnknownSecurityModeListsTheModes() {
            List<Problem> problems = notifier.validate(with(plainConfig(25), "security", "tls13"));

            assertThat(problems).anySatisfy(problem -> assertThat(problem.hint()).contains("starttls", "ssl", "none"));
        }

        @Test
        void anUnknownKeyUnderAServiceIsNamed() {
            Settings settings = with(plainConfig(25), "services", Map.of("nurse", Map.of("too", List.of("a@b.test"))));

            assertThat(notifier.validate(settings)).anySatisfy(problem -> {
                assertThat(problem.message()).contains("email.services.nurse");
                assertThat(problem.hint()).contains("'to'");
            });
        }
    }

    @Nested
    class PlainSmtpWithLogin {

        @Test
        void deliversOneMultipartAlternativeMailWithTextAndHtmlInUtf8() throws Exception {
            try (MailServer server = MailServer.smtp()) {
                DeliveryResult result = notifier.deliver(TestDigests.mixed(), settings(plainConfig(server.port())));

                assertThat(result).isEqualTo(DeliveryResult.delivered());
                MimeMessage mail = server.awaitMessages(1).get(0);
                assertThat(mail.isMimeType("multipart/alternative")).isTrue();
                MimeMultipart parts = alternatives(mail);
                assertThat(parts.getCount()).isEqualTo(2);
                assertThat(parts.getBodyPart(0).getContentType()).containsIgnoringCase("text/plain")
                        .containsIgnoringCase("charset=UTF-8");
                assertThat(parts.getBodyPart(1).getContentType()).containsIgnoringCase("text/html")
                        .containsIgnoringCase("charset=UTF-8");
            }
        }

        @Test
        void theSubjectSummarisesTheRoundInChinese() throws Exception {
            try (MailServer server = MailServer.smtp()) {
                notifier.deliver(TestDigests.newFailure(), settings(plainConfig(server.port())));

                assertThat(server.awaitMessages(1).get(0).getSubject())
                        .isEqualTo("[ifmon] [prod] 接口监控：新增故障 1 · order/订单支付"
                                + " 服务器内部错误 (500)");
            }
        }

        @Test
        void bothAlternativesListFailuresBeforeRecoveriesWithTimesInTheDigestZone() throws Exception {
            try (MailServer server = MailServer.smtp()) {
                notifier.deliver(TestDigests.mixed(), settings(plainConfig(server.port())));

                MimeMessage mail = server.awaitMessages(1).get(0);
                for (String body : List.of(part(mail, "text/plain"), part(mail, "text/html"))) {
                    assertThat(body).contains("2026-12-04 15:00:00 +08:00 (Asia/Shanghai)")
                            .contains("环境 prod，共 60 个接口：新增故障 1，提醒 0，"
                                    + "持续故障 1，已恢复 1");
                    assertThat(body.indexOf("订单支付")).isLessThan(body.indexOf("排班查询"));
                    assertThat(body.indexOf("排班查询")).isLessThan(body.indexOf("用户登录"));
                    assertThat(body).contains("服务器内部错误 (500)", "域名解析失败", "NEW 新增故障",
                            "ONGOING 持续故障", "RECOVERED 已恢复", "配置已更新", "退款.json");
                }
            }
        }

        @Test
        void theHtmlEscapesResponseBodiesAndTheTextKeepsThemVerbatim() throws Exception {
            try (MailServer server = MailServer.smtp()) {
                notifier.deliver(TestDigests.newFailure(), settings(plainConfig(server.port())));

                MimeMessage mail = server.awaitMessages(1).get(0);
                assertThat(part(mail, "text/html")).doesNotContain("<script>")
                        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
                                + "服务器内部错误 &amp; &lt;b&gt;");
                assertThat(part(mail, "text/plain")).contains(TestDigests.HOSTILE_BODY);
            }
        }

        @Test
        void theMaskedRequestIsPassedThroughAndTheSmtpPasswordEchoedByAResponseIsHidden() throws Exception {
            CheckResult failure = TestDigests.http500("order", "pay", "订单支付");
            String echo = "{\"error\":\"bad login " + MailServer.PASSWORD + "\"}";
            CheckResult echoing = new CheckResult(failure.id(), failure.method(), failure.url(), failure.outcome(),
                    failure.reasonCode(), failure.reason(), failure.status(), failure.latency(), failure.attempts(),
                    failure.checkedAt(), failure.request(), new HttpResponseSnapshot(500, Map.of(), echo, false,
                    echo.length(), List.of()), List.of());
            Digest digest = TestDigests.digest(List.of(new Alert(AlertKind.NEW, echoing, TestDigests.ROUND, 1)));

            try (MailServer server = MailServer.smtp()) {
                notifier.deliver(digest, settings(plainConfig(server.port())));

                byte[] raw = server.rawMessages().get(0);
                MimeMessage mail = MailServer.reparse(raw);
                for (String body : List.of(part(mail, "text/plain"), part(mail, "text/html"))) {
                    assertThat(body).contains("Authorization: " + TestDigests.MASKED_AUTHORIZATION)
                            .contains("bad login ******").doesNotContain(MailServer.PASSWORD);
                }
                assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain(MailServer.PASSWORD);
            }
        }

        @Test
        void aServiceInTheDigestAddsItsOwnRecipientsAndCopies() throws Exception {
            Map<String, Object> config = plainConfig(0);
            config.put("cc", List.of("lead@example.test"));
            config.put("services", Map.of(
                    "nurse", Map.of("to", List.of("护理组 <nurse@example.test>"),
                            "cc", List.of("ward@example.test")),
                    "billing", Map.of("to", List.of("billing@example.test"))));

            try (MailServer server = MailServer.smtp()) {
                config.put("port", server.port());
                notifier.deliver(TestDigests.mixed(), settings(config));

                MimeMessage mail = server.awaitMessages(4).get(0);
                assertThat(addresses(mail.getRecipients(Message.RecipientType.TO)))
                        .containsExactly("ops@example.test", "nurse@example.test");
                assertThat(addresses(mail.getRecipients(Message.RecipientType.CC)))
                        .containsExactly("lead@example.test", "ward@example.test");
                assertThat(((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[1]).getPersonal())
                        .isEqualTo("护理组");
            }
        }

        @Test
        void aProbeOutageIsOneBannerInBothAlternatives() throws Exception {
            Digest outage = new Digest("prod", TestDigests.mixed().roundStartedAt(), TestDigests.SHANGHAI, 60,
                    Map.of(), List.of(), List.of(), "60 个接口全部域名解析失败", List.of());

            try (MailServer server = MailServer.smtp()) {
                notifier.deliver(outage, settings(plainConfig(server.port())));

                MimeMessage mail = server.awaitMessages(1).get(0);
                assertThat(mail.getSubject())
                        .isEqualTo("[ifmon] [prod] 监控机无法访问目标：60 个接口全部域名解析失败");
                assertThat(part(mail, "text/plain"))
                        .contains("监控机无法访问目标", "60 个接口全部域名解析失败")
                        .doesNotContain("FAILING");
                assertThat(part(mail, "text/html"))
                        .contains("监控机无法访问目标", "60 个接口全部域名解析失败")
                        .doesNotContain("<table");
            }
        }

        @Test
        void aTestMessageArrivesAsPlainText() throws Exception {
            try (MailServer server = MailServer.smtp()) {
                DeliveryResult result = notifier.sendTest("来自 ifmon 的测试",
                        settings(plainConfig(server.port())));

                assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
                MimeMessage mail = server.awaitMessages(1).get(0);
                assertThat(mail.getSubject()).isEqualTo("[ifmon] 测试邮件 test message");
                assertThat((String) mail.getContent()).startsWith("来自 ifmon 的测试");
            }
        }

        private List<String> addresses(Address[] addresses) {
            return Arrays.stream(addresses).map(address -> ((InternetAddress) address).getAddress()).toList();
        }
    }
}
