package dev.ifmon.notify.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

    private static final String KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
    private final WeComNotifier notifier = new WeComNotifier();

    private List<Problem> validate(Map<String, ?> values) {
        return notifier.validate(Settings.of("config.yaml: wechat", values));
    }

    @Test
    void acceptsAWholeWebhookUrlAndEveryDocumentedKey() {
        List<Problem> problems = validate(Map.of(
                "webhook_url", "https://robot.example.invalid/cgi-bin/webhook/send?key=" + KEY,
                "mentioned_list", List.of("zhangsan", "@all"),
                "mentioned_mobile_list", List.of("13800001111"),
                "services", Map.of("nurse", Map.of("mentioned_list", List.of("nurse-lead"))),
                "message_type", "markdown_v2", "max_bytes", 4096, "rate_per_minute", 20, "timeout", "5s",
                "report_hint", "http://ifmon.example.invalid/"));

        assertThat(problems).isEmpty();
    }

    @Test
    void anEmptyWebhookUrlIsNoMistake() {
        assertThat(validate(Map.of("webhook_url", ""))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${env:WECOM_WEBHOOK}", "https://robot.example.invalid/send?key=${env:K}"})
    void aWebhookUrlWithAnUnresolvedVariableIsLeftToTheConfigLoadersOneProblem(String url) {
        assertThat(validate(Map.of("webhook_url", url))).isEmpty();
    }

    @Test
    void aBareKeyGetsAHintToPasteTheWholeUrlAndIsNotEchoed() {
        List<Problem> problems = validate(Map.of("webhook_url", KEY));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.isError()).isTrue();
            assertThat(problem.format()).contains("bare robot key", "whole webhook URL").doesNotContain(KEY);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLANTED_BAREKEY_123456789", "ftp://PLANTED_BAREKEY_123456789",
        "https://host.invalid/PLANTED_BAREKEY_123456789 x", "https://host.invalid/PLANTED_BAREKEY_123456789"})
    void aMistypedWebhookUrlIsNeverEchoedWhateverIsWrongWithIt(String url) {
        List<Problem> problems = validate(Map.of("webhook_url", url));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.isError()).isTrue();
            assertThat(problem.format()).contains("webhook_url").doesNotContain("PLANTED");
        });
    }

    @Test
    void aSingleMentionWrittenAsTextCountsAsAListOfOne() {
        assertThat(validate(Map.of("webhook_url", "", "mentioned_list", "zhangsan",
                "mentioned_mobile_list", "13800001111"))).isEmpty();
    }

    @Test
    void aDisplayNameOrAWordWhereAnIdOrPhoneBelongsIsReportedNotSilentlyDropped() {
        List<Problem> problems = validate(Map.of("webhook_url", "", "mentioned_list", "张三",
                "mentioned_mobile_list", List.of("李四"),
                "services", Map.of("nurse", Map.of("mentioned_list", List.of("ok-id", "王 五")))));

        assertThat(problems).extracting(Problem::format).containsExactly(
                "WARNING config.yaml: wechat: mentioned_list: '张三' is not a WeCom user id, so it is left out and"
                        + " nobody is mentioned for it (write the member's account (userid) from the WeCom admin"
                        + " console, e.g. zhangsan, not the display name; or put the member's phone number in"
                        + " mentioned_mobile_list)",
                "WARNING config.yaml: wechat: mentioned_mobile_list: '李四' is not a phone number, so the robot"
                        + " mentions nobody for it (write the member's phone number as digits, e.g."
                        + " \"13800001111\", or @all)",
                "WARNING config.yaml: wechat: services: nurse: mentioned_list: '王 五' is not a WeCom user id, so it"
                        + " is left out and nobody is mentioned for it (write the member's account (userid) from"
                        + " the WeCom admin console, e.g. zhangsan, not the display name; or put the member's"
                        + " phone number in mentioned_mobile_list)");
    }

    @ParameterizedTest
    @CsvSource({
        "ftp://robot.example.invalid/send?key=abc, not an http(s) URL",
        "https://robot.example.invalid/cgi-bin/webhook/send, has no key= parameter",
        "'https://robot example/send?key=abc', is not a URL (it holds a character a URL may not"})
    void rejectsWebhookUrlsThatCannotWork(String url, String message) {
        assertThat(validate(Map.of("webhook_url", url))).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains(message));
    }

    @Test
    void warnsAboutUnknownKeysWithADidYouMean() {
        List<Problem> problems = validate(Map.of("webhook_url", "", "mentioned_lst", List.of("a"),
                "services", Map.of("nurse", Map.of("mentioned_mobiles", List.of("1")))));

        assertThat(problems).extracting(Problem::format).anySatisfy(text -> assertThat(text)
                .contains("WARNING", "unknown key 'mentioned_lst'", "did you mean 'mentioned_list'?"))
                .anySatisfy(text -> assertThat(text).contains("services: nurse", "'mentioned_mobiles'",
                        "did you mean 'mentioned_mobile_list'?"));
    }

    @Test
    void reportsOutOfRangeNumbersAndUnknownMessageTypes() {
        List<Problem> problems = validate(Map.of("webhook_url", "", "max_bytes", 9000, "rate_per_minute", 50,
                "message_type", "markdwon"));

        assertThat(problems).extracting(Problem::format)
                .anySatisfy(text -> assertThat(text).contains("max_bytes 9000", "using 4096"))
                .anySatisfy(text -> assertThat(text).contains("rate_per_minute 50", "using 20"))
                .anySatisfy(text -> assertThat(text).contains("ERROR", "markdwon", "did you mean 'markdown'?"));
    }

    @Test
    void aValueOfTheWrongShapeIsAnErrorNotAnException() {
        List<Problem> problems = validate(Map.of("webhook_url", "", "max_bytes", "lots"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.isError()).isTrue();
            assertThat(problem.format()).isEqualTo("ERROR config.yaml: wechat: 'max_bytes' must be a whole number,"
                    + " but is 'lots' (write the value as the table in docs/wecom.md shows)");
        });
    }
}
