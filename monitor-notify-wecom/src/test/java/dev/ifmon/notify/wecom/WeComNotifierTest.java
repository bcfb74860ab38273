package dev.ifmon.notify.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Alert;
import dev.ifmon.api.AlertKind;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.api.HttpResponseSnapshot;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Settings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class WeComNotifierTest {

    private FakeTime time;
    private RobotStandIn robot;
    private WeComNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        time = new FakeTime();
        robot = new RobotStandIn(time);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        notifier = new WeComNotifier(http, time, time);
    }

    @AfterEach
    void stop() {
        robot.close();
    }

    private Settings settings(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("webhook_url", robot.url());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.of("config.yaml: wechat", values);
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Nested
    class Discovery {

        @Test
        void isFoundByServiceLoaderUnderItsTypeAndConfigKey() {
            List<Notifier> found = ServiceLoader.load(Notifier.class).stream().map(ServiceLoader.Provider::get)
                    .filter(n -> n.type().equals("wecom")).toList();

            assertThat(found).singleElement().isInstanceOf(WeComNotifier.class);
            assertThat(found.get(0).configKey()).isEqualTo("wechat");
        }

        @Test
        void itsOwnClientSpeaksPlainHttp11WithoutAskingForAnH2cUpgrade() {
            DeliveryResult result = new WeComNotifier().deliver(Digests.sample(), settings());

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(robot.upgrades()).containsExactly("");
        }

        @Test
        void isDisabledWhenTheWebhookUrlIsEmpty() {
            assertThat(notifier.isEnabled(Settings.of("t", Map.of("webhook_url", " ")))).isFalse();
            assertThat(notifier.isEnabled(Settings.of("t", Map.of()))).isFalse();
            assertThat(notifier.isEnabled(settings())).isTrue();
        }
    }

    @Nested
    class Delivery {

        @Test
        void deliversASmallDigestAsOneMarkdownMessageWithMentions() {
            DeliveryResult result = notifier.deliver(Digests.sample(), settings("mentioned_list",
                    List.of("zhangsan", "lisi")));

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(robot.accepted()).singleElement().satisfies(message -> {
                assertThat(message.type()).isEqualTo("markdown");
                assertThat(message.content()).contains("<@zhangsan> <@lisi>", "用户登录",
                        "服务器内部错误 (500)", "请求超时", "服务不可用 (503)", "连接被拒绝",
                        "系统状态", "2026-12-04 15:00:00 +08:00",
                        "环境 **prod**", "NullPointerException at UserService.login", "unknown key")
                        .doesNotContain("(1/", "<html>", "<h1>");
            });
        }

        @Test
        void deliversASixtyEndpointOutageCompletelyInNumberedPartsWithinTheByteLimit() {
            Digest digest = Digests.outage60();

            DeliveryResult result = notifier.deliver(digest, settings("mentioned_list", List.of("oncall")));

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
            List<RobotStandIn.Message> parts = robot.accepted();
            assertThat(parts).hasSizeGreaterThan(1).hasSizeLessThanOrEqualTo(20);
            assertThat(parts).allSatisfy(part -> assertThat(part.bytes()).isLessThanOrEqualTo(4096));
            for (int i = 0; i < parts.size(); i++) {
                assertThat(parts.get(i).content()).contains("(" + (i + 1) + "/" + parts.size() + ")");
            }
            assertThat(parts.get(0).content()).contains("新增故障", "共 60 个接口", "<@oncall>");
            assertThat(parts.subList(1, parts.size())).noneMatch(part -> part.content().contains("<@oncall>"));
            String all = String.join("\n", parts.stream().map(RobotStandIn.Message::content).toList());
            for (Alert alert : digest.alerts()) {
                assertThat(all).contains(alert.result().id().name());
            }
            assertThat(robot.answers()).containsOnly(0);
        }

        @Test
        void neverSplitsInsideALineOrACharacter() {
            notifier.deliver(Digests.outage60(), settings("max_bytes", 1500));

            assertThat(robot.accepted()).hasSizeGreaterThan(1).allSatisfy(part -> {
                assertThat(part.bytes()).isLessThanOrEqualTo(1500);
                assertThat(part.content()).doesNotContain("\uFFFD");
                for (String line : part.content().split("\n")) {
                    assertThat(count(line, "<font")).isEqualTo(count(line, "</font>"));
                    assertThat(count(line, "**") % 2).isZero();
                    assertThat(count(line, "`") % 2).isZero();
                }
            });
        }

        @Test
        void leavesOutRequestsAndResponsesFirstWhenTheFullPartsWouldBreakThePacingBudget() {
            Digest digest = Digests.outage60();

            DeliveryResult result = notifier.deliver(digest, settings("rate_per_minute", 10));

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(robot.accepted()).hasSizeBetween(2, 10);
            String all = String.join("\n", robot.accepted().stream().map(RobotStandIn.Message::content).toList());
            assertThat(all).doesNotContain("请求头", "响应体");
            for (Alert alert : digest.alerts()) {
                assertThat(all).contains(alert.result().id().name());
            }
        }

        @Test
        void sendsOnlyASummaryThatNamesTheFullReportWhenThePartsWouldBreakThePacingBudget() {
            DeliveryResult result = notifier.deliver(Digests.outage60(), settings("rate_per_minute", 2,
                    "report_hint", "http://ifmon.example.invalid/report.json", "mentioned_list", List.of("oncall")));

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(robot.accepted()).singleElement().satisfies(message -> {
                assertThat(message.bytes()).isLessThanOrEqualTo(4096);
                assertThat(message.content()).contains("报告过长", "http://ifmon.example.invalid/report.json",
                        "<@oncall>", "服务 nurse", "共 60 个接口");
            });
        }
    }

    @Nested
    class Escaping {

        private final String hostile = "# 标题\n> 引用 **粗体** [链接](http://x.invalid) `code` ``` <@all> "
                + "<font color=\"warning\">red</font> &lt;@all&gt; \\` | a | b |\n- 列表";

        @Test
        void textFromResponsesAndDocsCannotMentionColourOrBreakTheLayout() {
            CheckResult result = new CheckResult(new EndpointId("user", "x`<@all>", "名称 <@all> `x` **b**"),
                    "GET", "http://api.example.invalid/a?q=<@all>", Outcome.HTTP_ERROR, "HTTP_500", hostile, 500,
                    Duration.ofMillis(5), 1, Digests.ROUND,
                    new HttpRequestSnapshot("GET", "http://api.example.invalid/a", Map.of("X-Evil",
                            List.of("<@all>")), hostile),
                    new HttpResponseSnapshot(500, Map.of("Content-Type", List.of("application/json")), hostile,
                            false, 100, List.of()), List.of());

            notifier.deliver(Digests.of(List.of(Digests.alert(AlertKind.NEW, result))), settings());

            String content = robot.accepted().get(0).content();
            assertThat(content).doesNotContain("<@all>", "<font color=\"warning\">red", "&lt;", "```",
                    "[链接](", "\\`");
            assertThat(count(content, "<font")).isEqualTo(count(content, "</font>"));
            for (String line : content.split("\n")) {
                assertThat(count(line, "`") % 2).as(line).isZero();
                assertThat(count(line, "**") % 2).as(line).isZero();
                assertThat(line).doesNotStartWith("- ").doesNotStartWith("# ");
            }
            assertThat(robot.accepted()).singleElement()
                    .satisfies(m -> assertThat(m.mentionedList()).isEmpty());
        }
    }

    @Nested
    class Errors {

        @Test
        void aNonZeroErrcodeWithHttp200IsNotDelivered() {
            robot.answerNext(93004);

            DeliveryResult result = notifier.deliver(Digests.sample(), settings());

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
            assertThat(result.detail()).contains("errcode 93004", "enable it");
            assertThat(robot.accepted()).isEmpty();
        }

        @ParameterizedTest(name = "errcode {0}")
        @CsvSource(delimiterString = " => ", value = {
            "93000 => not just the key",
            "93004 => robot is disabled",
            "93008 => no longer in the group",
            "40058 => content too long",
            "40008 => invalid message type",
            "44004 => empty content",
            "12345 => see the WeCom robot documentation"})
        void aPermanentErrcodeFailsWithItsHint(int errcode, String hint) {
            robot.answerNext(errcode);

            DeliveryResult result = notifier.deliver(Digests.sample(), settings());

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
            assertThat(result.detail()).contains("errcode " + errcode, hint, "/cgi-bin/webhook/send?******")
                    .doesNotContain(RobotStandIn.KEY);
            assertThat(robot.requests()).isEqualTo(1);
        }

        @Test
        void aFrequencyLimitIsRetryableWithoutWaitingSoTheCoresRetryBudgetBoundsTheBackOff() {
            robot.answerNext(45009, -1);

            DeliveryResult first = notifier.deliver(Digests.sample(), settings());
            DeliveryResult second = notifier.deliver(Digests.sample(), settings());
            DeliveryResult third = notifier.deliver(Digests.sample(), settings());

            assertThat(List.of(first.status(), second.status(), third.status())).containsExactly(
                    DeliveryResult.Status.RETRYABLE, DeliveryResult.Status.RETRYABLE, DeliveryResult.Status.DELIVERED);
            assertThat(first.detail()).contains("errcode 45009");
            assertThat(first.retryAfter()).as("no Retry-After: the core's retry_backoff applies").isNull();
            assertThat(robot.answers()).containsExactly(45009, -1, 0);
            assertThat(time.sleeps()).isEmpty();
        }

        @ParameterizedTest(name = "HTTP {0} with Retry-After {1}")
        @CsvSource({
            "429, 5, PT5S",
            "503, 120, PT2M",
            "503, 'Fri, 04 Dec 2026 07:00:30 GMT', PT30S",
            "503, 'Fri, 04 Dec 2026 06:00:00 GMT', PT0S",
            "429, 999999999999, PT1H",
            "503, soon, "})
        void aBusyAnswersRetryAfterInSecondsOrAsADateIsHandedToTheCore(int status, String header,
                Duration expected) {
            robot.failNext(status);
            robot.retryAfterNext(header);

            DeliveryResult result = notifier.deliver(Digests.sample(), settings());

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.RETRYABLE);
            assertThat(result.detail()).contains("HTTP " + status).doesNotContain(RobotStandIn.KEY);
            assertThat(result.retryAfter()).isEqualTo(expected);
            assertThat(time.sleeps()).isEmpty();
            assertThat(robot.requests()).isEqualTo(1);
        }

        @Test
        void aFrequencyLimitsRetryAfterIsHandedToTheCore() {
            robot.answerNext(45009);
            robot.retryAfterNext("7");

            DeliveryResult result = notifier.deliver(Digests.sample(), settings());

            assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        }

        @Test
        void anInvalidKeyFailsWithAHintAndTheKeyMasked() {
            String wrongKey = "0b1e2d3c-aaaa-bbbb-cccc-0123456789ab";
            Settings wrong = Settings.of("config.yaml: wechat", Map.of("webhook_url", robot.url(wrongKey)));

            DeliveryResult result = notifier.deliver(Digests.sample(), wrong);

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
            assertThat(result.detail()).contains("errcode 93000", "not just the key", "send?******:")
                    .doesNotContain(wrongKey);
        }

        @Test
        void logsEveryOutcomeWithTheWebhookKeyMasked() {
            robot.answerNext(-1, 93008);

            try (LogCapture logs = new LogCapture()) {
                notifier.deliver(Digests.sample(), settings());
                notifier.deliver(Digests.sample(), settings());
                notifier.deliver(Digests.sample(), settings());

                assertThat(logs.lines()).anySatisfy(line -> assertThat(line).startsWith("WARN wecom digest not"
                                + " confirmed").contains("errcode -1", "send?******"))
                        .anySatisfy(line -> assertThat(line).startsWith("ERROR wecom digest rejected")
                                .contains("errcode 93008", "send?******"))
                        .anySatisfy(line -> assertThat(line).startsWith("INFO wecom digest delivered"))
                        .noneSatisfy(line -> assertThat(line).contains(RobotStandIn.KEY));
            }
        }

        @Test
        void aMisspelledKeyParameterIsNeverShown() {
            String url = robot.url("SECRETKEY777").replace("?key=", "?kye=");

            try (LogCapture logs = new LogCapture()) {
                DeliveryResult result = notifier.deliver(Digests.sample(), settings("webhook_url", url));

                String shown = url.substring(0, url.indexOf('?')) + "?******";
                assertThat(result.detail()).contains(shown).doesNotContain("SECRETKEY777", "kye");
                assertThat(logs.lines()).singleElement().asString().startsWith("ERROR wecom digest rejected webhook="
                        + shown + " ").doesNotContain("SECRETKEY777", "kye");
            }
        }

        @Test
        void aBareKeyIsNeverQuoted() {
            String bare = "0123456789abcdef-BAREKEY";

            try (LogCapture logs = new LogCapture()) {
                DeliveryResult tested = notifier.sendTest("hello", settings("webhook_url", bare));
                DeliveryResult delivered = notifier.deliver(Digests.sample(), settings("webhook_url", bare));

                assertThat(tested.status()).isEqualTo(DeliveryResult.Status.FAILED);
                assertThat(tested.detail()).startsWith("webhook_url (not shown: not a URL) cannot be requested")
                        .doesNotContain("BAREKEY", "0123456789abcdef");
                assertThat(delivered.detail()).doesNotContain("BAREKEY", "0123456789abcdef");
                assertThat(logs.lines()).singleElement().asString()
                        .startsWith("ERROR wecom digest rejected webhook=(not shown: not a URL) ")
                        .doesNotContain("BAREKEY", "0123456789abcdef");
            }
        }

        @Test
        void aServerErrorIsRetryableAndKeepsTheKeyOut() {
            robot.failNext(502);

            DeliveryResult result = notifier.deliver(Digests.sample(), settings());

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.RETRYABLE);
            assertThat(result.detail()).contains("HTTP 502").doesNotContain(RobotStandIn.KEY);
        }

        @Test
        void aRobotThatNeverAnswersIsRetryableAfterTheTimeout() throws Exception {
            try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                String url = "http://127.0.0.1:" + silent.getLocalPort() + "/cgi-bin/webhook/send?key="
                        + RobotStandIn.KEY;

                DeliveryResult result = notifier.deliver(Digests.sample(), Settings.of("t",
                        Map.of("webhook_url", url, "timeout", "300ms")));

                assertThat(result.status()).isEqualTo(DeliveryResult.Status.RETRYABLE);
                assertThat(result.detail()).contains("no answer", "within 300ms").doesNotContain(RobotStandIn.KEY);
            }
        }

        @Test
        void aWebhookUrlThatCannotBeRequestedFailsForGood() {
            DeliveryResult result = notifier.deliver(Digests.sample(), Settings.of("t",
                    Map.of("webhook_url", "ftp://127.0.0.1/send?key=" + RobotStandIn.KEY)));

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
            assertThat(result.detail()).contains("cannot be requested").doesNotContain(RobotStandIn.KEY);
        }

        @Test
        void anUnreachableRobotIsRetryable() {
            robot.close();

            DeliveryResult result = notifier.deliver(Digests.sample(), settings());

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.RETRYABLE);
            assertThat(result.detail()).contains("could not reach", "refused").doesNotContain(RobotStandIn.KEY,
                    "java.net", "Exception");
        }

        @Test
        void aRobotHostThatDoesNotResolveIsNamedAsADnsFailure() {
            DeliveryResult result = notifier.deliver(Digests.sample(), Settings.of("t",
                    Map.of("webhook_url", "http://robot.invalid/cgi-bin/webhook/send?key=" + RobotStandIn.KEY)));

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.RETRYABLE);
            assertThat(result.detail()).endsWith("cannot resolve host name robot.invalid (DNS)")
                    .doesNotContain(RobotStandIn.KEY, "java.net", "Exception");
        }

        @Test
        void aRetryOfAPartlyDeliveredDigestSendsOnlyTheMissingParts() {
            Digest digest = Digests.outage60();
            robot.failRequest(3, 503);

            DeliveryResult first = notifier.deliver(digest, settings());
            DeliveryResult second = notifier.deliver(digest, settings());

            assertThat(first.status()).isEqualTo(DeliveryResult.Status.RETRYABLE);
            assertThat(first.detail()).startsWith("message 3/").contains("HTTP 503");
            assertThat(second.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
            List<String> contents = robot.accepted().stream().map(RobotStandIn.Message::content).toList();
            assertThat(contents).hasSizeGreaterThan(3).doesNotHaveDuplicates();
            for (int i = 0; i < contents.size(); i++) {
                assertThat(contents.get(i)).contains("(" + (i + 1) + "/" + contents.size() + ")");
            }
        }
    }

    @Nested
    class Pacing {

        @Test
        void keepsEachRobotUnderTwentyMessagesAMinuteAcrossCalls() {
            for (int i = 0; i < 25; i++) {
                assertThat(notifier.sendTest("测试 " + i, settings()).status())
                        .isEqualTo(DeliveryResult.Status.DELIVERED);
            }

            assertThat(robot.accepted()).hasSize(25);
            assertThat(robot.answers()).containsOnly(0);
            assertThat(time.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(59));
        }

        @Test
        void concurrentDeliveriesShareOneBudgetPerRobot() throws Exception {
            try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
                List<Future<DeliveryResult>> results = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    String text = "并发 " + i;
                    results.add(threads.submit(() -> notifier.sendTest(text, settings())));
                }
                for (Future<DeliveryResult> result : results) {
                    assertThat(result.get(20, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DELIVERED);
                }
            }

            assertThat(robot.accepted()).hasSize(32);
            assertThat(robot.answers()).containsOnly(0);
        }
    }

    @Nested
    class Mentions {

        @Test
        void phoneMentionsAndAllGoInOneTextFollowUpWithinTheTextLimit() {
            DeliveryResult result = notifier.deliver(Digests.outage60(), settings(
                    "mentioned_list", List.of("oncall", "@all"),
                    "mentioned_mobile_list", List.of("13800001111")));

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
            List<RobotStandIn.Message> texts = robot.accepted().stream().filter(m -> m.type().equals("text"))
                    .toList();
            assertThat(texts).singleElement().satisfies(text -> {
                assertThat(text.bytes()).isLessThanOrEqualTo(2048);
                assertThat(text.mentionedList()).containsExactly("@all");
                assertThat(text.mentionedMobileList()).containsExactly("13800001111");
                assertThat(text.content()).contains("新增故障 60");
            });
            assertThat(robot.accepted().get(robot.accepted().size() - 1).type()).isEqualTo("text");
            assertThat(robot.accepted().get(0).content()).contains("<@oncall>").doesNotContain("<@@all>");
        }

        @Test
        void aServiceOverrideMentionsThatServicesTeamInsteadOfTheDefault() {
            Digest nurseOnly = Digests.of(List.of(Digests.alert(AlertKind.NEW,
                    Digests.http500("nurse", "schedule", "护士排班", "down"))));

            notifier.deliver(nurseOnly, settings("mentioned_list", List.of("oncall"),
                    "services", Map.of("nurse", Map.of("mentioned_list", List.of("nurse-lead"),
                            "mentioned_mobile_list", List.of("13900002222")))));

            assertThat(robot.accepted()).hasSize(2);
            assertThat(robot.accepted().get(0).content()).contains("<@nurse-lead>").doesNotContain("<@oncall>");
            assertThat(robot.accepted().get(1).mentionedMobileList()).containsExactly("13900002222");
        }

        @Test
        void aProbeSideOutageIsOneMessageThatMentionsTheDefaultList() {
            Digest outage = Digests.of(List.of(), List.of(), "DNS: no target name resolved", List.of());

            notifier.deliver(outage, settings("mentioned_list", List.of("oncall")));

            assertThat(robot.accepted()).singleElement().satisfies(m -> assertThat(m.content())
                    .contains("<@oncall>", "监控端无法访问目标", "DNS: no target name resolved"));
        }

        @Test
        void aRecoveryOnlyDigestMentionsNobody() {
            Digest recovered = Digests.of(List.of(new Alert(AlertKind.RECOVERED, Digests.ok("user", "login", "登录"),
                    Digests.ROUND, 2)));

            notifier.deliver(recovered, settings("mentioned_list", List.of("oncall"),
                    "mentioned_mobile_list", List.of("13800001111")));

            assertThat(robot.accepted()).singleElement().satisfies(m -> {
                assertThat(m.type()).isEqualTo("markdown");
                assertThat(m.content()).doesNotContain("<@");
            });
        }

        @Test
        void markdownV2SendsNoColoursAndCarriesUserMentionsInTheTextFollowUp() {
            notifier.deliver(Digests.sample(), settings("message_type", "markdown_v2",
                    "mentioned_list", List.of("oncall")));

            assertThat(robot.accepted()).hasSize(2);
            assertThat(robot.accepted().get(0).type()).isEqualTo("markdown_v2");
            assertThat(robot.accepted().get(0).content()).doesNotContain("<font", "<@");
            assertThat(robot.accepted().get(1).mentionedList()).containsExactly("oncall");
        }
    }

    @Nested
    class TestMessages {

        @ParameterizedTest
        @CsvSource({"markdown", "markdown_v2"})
        void sendsOneShortMessageOfTheConfiguredType(String type) {
            DeliveryResult result = notifier.sendTest("来自 ifmon 的测试 <@all>", settings("message_type", type));

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(robot.accepted()).singleElement().satisfies(m -> {
                assertThat(m.type()).isEqualTo(type);
                assertThat(m.content()).contains("来自 ifmon 的测试").doesNotContain("<@all>");
            });
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
