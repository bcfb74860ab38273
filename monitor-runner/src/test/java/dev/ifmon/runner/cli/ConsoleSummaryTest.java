package dev.ifmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.RoundReport;
import dev.ifmon.core.ChannelDelivery;
import dev.ifmon.core.ChannelDelivery.State;
import dev.ifmon.core.RoundOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsoleSummaryTest {

    static final OffsetDateTime START = OffsetDateTime.of(2026, 12, 4, 9, 0, 0, 0, ZoneOffset.ofHours(8));

    static RoundReport report(Outcome... outcomes) {
        List<CheckResult> results = IntStream.range(0, outcomes.length)
                .mapToObj(index -> new CheckResult(new EndpointId("user", "login", "接口" + index), "GET",
                        "http://127.0.0.1:1/" + index, outcomes[index], "", "", 200, Duration.ofMillis(5), 1,
                        Instant.EPOCH, null, null, List.of()))
                .toList();
        return new RoundReport("", START, START, results, List.of());
    }

    static String print(RoundOutcome round, boolean webhookMissing) {
        StringWriter text = new StringWriter();
        ConsoleSummary.print(new PrintWriter(text), round, webhookMissing);
        return text.toString();
    }

    @Nested
    class TheNotificationsLine {

        @ParameterizedTest(name = "{0} {1}/{2}/{3} -> {5}")
        @CsvSource(delimiter = '|', textBlock = """
                SENT   | 1 | 0 | 0 | ''             | wechat sent (1 digest)
                SENT   | 2 | 0 | 0 | ''             | wechat sent (2 digests)
                IDLE   | 0 | 0 | 0 | ''             | wechat idle (nothing new to send)
                OFF    | 0 | 0 | 0 | not configured | wechat off (not configured)
                FAILED | 0 | 1 | 0 | HTTP 503 ****  | wechat failed (1 digest pending: HTTP 503 ****)
                FAILED | 1 | 0 | 2 | code 1         | wechat failed (1 digest sent, 2 digests not delivered: code 1)
                """)
        void describesEachStateWithCountsInWords(State state, int delivered, int pending, int failed, String detail,
                                                 String expected) {
            ChannelDelivery delivery = new ChannelDelivery("wechat", state, delivered, pending, failed, detail);

            assertThat(ConsoleSummary.describe(delivery, false)).isEqualTo(expected);
        }

        @Test
        void listsEveryChannelOnOneLineInTheOrderGiven() {
            RoundOutcome round = new RoundOutcome(report(Outcome.OK), false, List.of(), List.of(
                    new ChannelDelivery("wechat", State.SENT, 1, 0, 0, ""),
                    new ChannelDelivery("email", State.OFF, 0, 0, 0, "not configured")));

            assertThat(print(round, false))
                    .contains("Notifications: wechat sent (1 digest), email off (not configured)\n");
        }

        @Test
        void anEmptyWebhookIsNamedAsTheReasonWeChatIsOff() {
            RoundOutcome round = new RoundOutcome(report(Outcome.OK), false, List.of(), List.of(
                    new ChannelDelivery("wechat", State.OFF, 0, 0, 0, "not configured")));

            assertThat(print(round, true)).contains("Notifications: wechat off (" + ConsoleSummary.WEBHOOK_EMPTY + ")");
        }

        @Test
        void aMessageRejectedForGoodIsCalledDroppedNotPending() {
            RoundOutcome round = new RoundOutcome(report(Outcome.HTTP_ERROR), true, List.of(), List.of(
                    new ChannelDelivery("wechat", State.FAILED, 0, 0, 1, "errcode 93000 invalid webhook key")));

            assertThat(print(round, false)).doesNotContain("pending")
                    .contains("Notifications: 1 digest failed for good and was dropped");
        }

        @Test
        void pendingAndDroppedMessagesAreCountedApart() {
            RoundOutcome round = new RoundOutcome(report(Outcome.HTTP_ERROR), true, List.of(), List.of(
                    new ChannelDelivery("wechat", State.FAILED, 0, 2, 0, "HTTP 503"),
                    new ChannelDelivery("email", State.FAILED, 0, 0, 1, "550 no such user")));

            assertThat(print(round, false))
                    .contains("Notifications: 2 digests could not be delivered yet; they stay pending in the outbox"
                            + " and are retried next round\n", "Notifications: 1 digest failed for good");
        }

        @Test
        void anOutcomeWithoutDeliveriesStillShowsItsNotes() {
            RoundOutcome round = new RoundOutcome(report(Outcome.OK), true, List.of("wecom: 0 delivered, 1 pending"));

            assertThat(print(round, false)).contains("Notifications: wecom: 0 delivered, 1 pending\n",
                    "Notifications: some alerts could not be delivered yet; they stay pending");
        }
    }

    @Nested
    class ServerText {

        @Test
        void controlCharactersFromAServerArePrintedAsEscapesOnOneLine() {
            CheckResult result = new CheckResult(new EndpointId("user", "login", "登录"), "GET",
                    "http://127.0.0.1:1/x", Outcome.ASSERTION_FAILED, "BODY_MISMATCH",
                    "body says \u001b[2J\u001b[31mOK\u0000\r\nfake line\u009b", null, Duration.ofMillis(5), 1,
                    Instant.EPOCH, null, null, List.of());
            RoundReport report = new RoundReport("", START, START, List.of(result), List.of());

            String text = print(new RoundOutcome(report, false, List.of()), false);

            assertThat(text).doesNotContain("\u001b", "\u0000", "\r", "\u009b")
                    .contains("body says \\u001b[2J\\u001b[31mOK\\u0000\\u000d\\u000afake line\\u009b  5 ms\n");
        }
    }

    @Nested
    class Counts {

        @Test
        void oneEndpointIsSingular() {
            String text = print(new RoundOutcome(report(Outcome.HTTP_ERROR), false, List.of()), false);

            assertThat(text).contains("  1 endpoint: 1 HTTP_ERROR\n", "Result: 1 of 1 endpoint failed");
        }

        @Test
        void twoEndpointsArePlural() {
            String text = print(new RoundOutcome(report(Outcome.OK, Outcome.OK), false, List.of()), false);

            assertThat(text).contains("  2 endpoints: 2 OK\n", "Result: all 2 endpoints OK");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "HTTP_ERROR | HTTP_500       | 500 | status 500                  | HTTP 500 HTTP_ERROR  ",
        "HTTP_ERROR | REDIRECT_LIMIT | 302 | more than 5 redirects       "
                + "| HTTP 302 HTTP_ERROR REDIRECT_LIMIT: more than 5 redirects  ",
        "AUTH_ERROR | TOKEN_REJECTED | 401 | token rejected              | HTTP 401 AUTH_ERROR: token rejected  ",
        "NETWORK_ERROR | DNS         |     | cannot resolve host name x  "
                + "| NETWORK_ERROR DNS: cannot resolve host name x  ",
    })
    void aFailureLineNamesTheReasonCodeWheneverTheStatusDoesNotSayIt(Outcome outcome, String code, Integer status,
            String reason, String expected) {
        CheckResult result = new CheckResult(new EndpointId("s", "m", "n"), "GET", "http://h.invalid/", outcome,
                code, reason, status, Duration.ofMillis(12), 1, Instant.EPOCH, null, null, List.of());

        assertThat(ConsoleSummary.failureLine(result)).isEqualTo("  FAIL s/m/n  GET http://h.invalid/  "
                + expected.strip() + "  12 ms");
    }
}
