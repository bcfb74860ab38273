package dev.ifmon.runner.cli;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RoundReport;
import dev.ifmon.core.ChannelDelivery;
import dev.ifmon.core.RoundOutcome;
import dev.ifmon.runner.logging.ControlCharacters;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Prints one round's summary for people: counts by outcome, one line per failing endpoint, endpoints that
 * recovered after a retry, problems with file and line, and what happened to notifications. Control characters
 * in any of it (a server's status line or reason) are printed as escapes such as {@code \u001b}. Stateless and
 * thread-safe; the writer is flushed after each summary.
 */
public final class ConsoleSummary {

    /** Printed when the WeCom webhook is empty. */
    public static final String NO_WEBHOOK = "WeCom push is off (wechat.webhook_url is empty): nothing pushed";
    /** Printed when alerts are undelivered and the channels' counts are unknown. */
    static final String PENDING = "some alerts could not be delivered yet; they stay pending";
    /** Why {@code wechat} is off in the {@code Notifications:} line, when its webhook is empty. */
    public static final String WEBHOOK_EMPTY = "no webhook configured: nothing pushed";

    private ConsoleSummary() {
    }

    /**
     * Prints a round.
     *
     * @param out where to print
     * @param round the round's outcome
     * @param webhookMissing whether {@code wechat.webhook_url} is empty
     */
    public static void print(PrintWriter out, RoundOutcome round, boolean webhookMissing) {
        RoundReport report = round.report();
        println(out, header(report));
        println(out, "  " + counts(report));
        printFailures(out, report.failures());
        printRecovered(out, report.results());
        printProblems(out, report.problems());
        printNotifications(out, round, webhookMissing);
        println(out, verdict(round));
        out.flush();
    }

    /**
     * @param report a round report
     * @return {@code N endpoints: 7 OK, 3 HTTP_ERROR, ...}, listing outcomes that occurred, in enum order
     */
    public static String counts(RoundReport report) {
        String endpoints = Plural.of(report.results().size(), "endpoint");
        StringJoiner joiner = new StringJoiner(", ", endpoints + ": ", "");
        joiner.setEmptyValue(endpoints);
        for (Map.Entry<Outcome, Integer> count : report.summary().entrySet()) {
            if (count.getValue() > 0) {
                joiner.add(count.getValue() + " " + count.getKey().name());
            }
        }
        return joiner.toString();
    }

    /**
     * @param result a failing result
     * @return {@code service/module/name  METHOD URL  status or reason  latency}; a failing status alone
     *     ({@code HTTP 500 HTTP_ERROR}) needs no reason, any other code after a status is named with its
     *     reason ({@code HTTP 302 HTTP_ERROR REDIRECT_LIMIT: more than 5 redirects ...})
     */
    public static String failureLine(CheckResult result) {
        boolean statusSaysIt = result.status() != null && result.outcome() == Outcome.HTTP_ERROR
                && result.reasonCode().equals("HTTP_" + result.status());
        String verdict = result.status() == null ? result.outcome().name() + " " + result.reasonCode()
                : "HTTP " + result.status() + " " + result.outcome().name()
                        + (statusSaysIt || result.outcome() != Outcome.HTTP_ERROR ? "" : " " + result.reasonCode());
        String reason = result.reason().isEmpty() || statusSaysIt ? "" : ": " + result.reason();
        return "  FAIL " + result.id() + "  " + result.method() + " " + result.url() + "  " + verdict + reason
                + "  " + millis(result.latency()) + attempts(result.attempts());
    }

    private static String header(RoundReport report) {
        String environment = report.environment().isEmpty() ? "" : ", environment " + report.environment();
        Duration took = Duration.between(report.startedAt(), report.finishedAt());
        return "ifmon round " + report.startedAt().truncatedTo(ChronoUnit.SECONDS) + " (" + millis(took)
                + environment + ")";
    }

    private static void printFailures(PrintWriter out, List<CheckResult> failures) {
        if (!failures.isEmpty()) {
            println(out, "Failing endpoints (" + failures.size() + "):");
            failures.forEach(result -> println(out, failureLine(result)));
        }
    }

    private static void printRecovered(PrintWriter out, List<CheckResult> results) {
        List<CheckResult> recovered = results.stream().filter(CheckResult::recoveredAfterRetry).toList();
        if (!recovered.isEmpty()) {
            println(out, "Recovered after retry:");
            recovered.forEach(result -> println(out, "  OK   " + result.id() + "  " + result.method() + " "
                    + result.url() + "  " + attempts(result.attempts()).strip()));
        }
    }

    private static void printProblems(PrintWriter out, List<Problem> problems) {
        if (!problems.isEmpty()) {
            println(out, "Problems (" + problems.size() + "):");
            problems.forEach(problem -> println(out, "  " + problem.format()));
        }
    }

    private static void printNotifications(PrintWriter out, RoundOutcome round, boolean webhookMissing) {
        if (round.deliveries().isEmpty()) {
            if (webhookMissing) {
                println(out, "Notifications: " + NO_WEBHOOK);
            }
            round.deliveryNotes().forEach(note -> println(out, "Notifications: " + note));
        } else {
            StringJoiner channels = new StringJoiner(", ", "Notifications: ", "");
            round.deliveries().forEach(delivery -> channels.add(describe(delivery, webhookMissing)));
            println(out, channels);
        }
        if (round.notificationsPending()) {
            undelivered(round).forEach(line -> println(out, "Notifications: " + line));
        }
    }

    /**
     * Pending digests are retried next round; failed ones (rejected for good, or expired) are gone. A digest is
     * what one channel was handed for the round; the channel may post it as several messages (WeCom parts).
     */
    private static List<String> undelivered(RoundOutcome round) {
        int pending = round.deliveries().stream().mapToInt(ChannelDelivery::pending).sum();
        int failed = round.deliveries().stream().mapToInt(ChannelDelivery::failed).sum();
        if (pending == 0 && failed == 0) {
            return List.of(PENDING);
        }
        List<String> lines = new ArrayList<>();
        if (pending > 0) {
            lines.add(Plural.of(pending, "digest") + " could not be delivered yet; "
                    + (pending == 1 ? "it stays" : "they stay") + " pending in the outbox and "
                    + (pending == 1 ? "is" : "are") + " retried next round");
        }
        if (failed > 0) {
            lines.add(Plural.of(failed, "digest") + " failed for good and " + (failed == 1 ? "was" : "were")
                    + " dropped (rejected by the channel, or expired); the reason is above and in the log");
        }
        return lines;
    }

    /**
     * @param delivery one channel's part of a round
     * @param webhookMissing whether {@code wechat.webhook_url} is empty, which is why {@code wechat} is off
     * @return e.g. {@code wechat sent (1 digest)}, {@code email off (not configured)},
     *     {@code wechat idle (nothing new to send)} or {@code wechat failed (1 digest pending: HTTP 503)}
     */
    public static String describe(ChannelDelivery delivery, boolean webhookMissing) {
        String channel = delivery.channel();
        return switch (delivery.state()) {
            case SENT -> channel + " sent (" + Plural.of(delivery.delivered(), "digest") + ")";
            case IDLE -> channel + " idle (nothing new to send)";
            case OFF -> channel + " off (" + ("wechat".equals(channel) && webhookMissing ? WEBHOOK_EMPTY
                    : delivery.detail()) + ")";
            case FAILED -> channel + " failed (" + failedCounts(delivery)
                    + (delivery.detail().isEmpty() ? "" : ": " + delivery.detail()) + ")";
        };
    }

    private static String failedCounts(ChannelDelivery delivery) {
        StringJoiner counts = new StringJoiner(", ");
        if (delivery.delivered() > 0) {
            counts.add(Plural.of(delivery.delivered(), "digest") + " sent");
        }
        if (delivery.pending() > 0) {
            counts.add(Plural.of(delivery.pending(), "digest") + " pending");
        }
        if (delivery.failed() > 0) {
            counts.add(Plural.of(delivery.failed(), "digest") + " not delivered");
        }
        return counts.toString();
    }

    private static String verdict(RoundOutcome round) {
        RoundReport report = round.report();
        int failed = report.failures().size();
        String endpoints = Plural.of(report.results().size(), "endpoint");
        String text = failed == 0 ? "Result: all " + endpoints + " OK" : "Result: " + failed + " of " + endpoints
                + " failed";
        return round.notificationsPending() ? text + "; alerts not delivered" : text;
    }

    /** Every line goes through here: text from servers and docs may hold ESC sequences or NUL. */
    private static void println(PrintWriter out, Object line) {
        out.println(ControlCharacters.escapeLine(String.valueOf(line)));
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static String attempts(int attempts) {
        return attempts > 1 ? " (" + attempts + " attempts)" : "";
    }
}
