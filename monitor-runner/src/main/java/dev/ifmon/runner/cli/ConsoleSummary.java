package dev.ifmon.runner.cli;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.api.RoundReport;
import dev.ifmon.core.RoundOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Prints one round's summary for people: counts by outcome, one line per failing endpoint, endpoints that
 * recovered after a retry, problems with file and line, and what happened to notifications. Stateless and
 * thread-safe; the writer is flushed after each summary.
 */
public final class ConsoleSummary {

    /** Printed when the WeCom webhook is empty. */
    public static final String NO_WEBHOOK = "WeCom push is off (wechat.webhook_url is empty): nothing pushed";

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
        out.println(header(report));
        out.println("  " + counts(report));
        printFailures(out, report.failures());
        printRecovered(out, report.results());
        printProblems(out, report.problems());
        printNotifications(out, round, webhookMissing);
        out.println(verdict(round));
        out.flush();
    }

    /**
     * @param report a round report
     * @return {@code N endpoints: 7 OK, 3 HTTP_ERROR, ...}, listing outcomes that occurred, in enum order
     */
    public static String counts(RoundReport report) {
        StringJoiner joiner = new StringJoiner(", ", report.results().size() + " endpoints: ", "");
        joiner.setEmptyValue(report.results().size() + " endpoints");
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
        return "ifmon round " + report.startedAt().truncatedTo(ChronoUnit.SECONDS) + " (" + millis(Duration.between(report.startedAt(),
                report.finishedAt())) + environment + ")";
    }

    private static void printFailures(PrintWriter out, List<CheckResult> failures) {
        if (!failures.isEmpty()) {
            out.println("Failing endpoints (" + failures.size() + "):");
            failures.forEach(result -> out.println(failureLine(result)));
        }
    }

    private static void printRecovered(PrintWriter out, List<CheckResult> results) {
        List<CheckResult> recovered = results.stream().filter(CheckResult::recoveredAfterRetry).toList();
        if (!recovered.isEmpty()) {
            out.println("Recovered after retry:");
            recovered.forEach(result -> out.println("  OK   " + result.id() + "  " + result.method() + " "
                    + result.url() + "  " + attempts(result.attempts()).strip()));
        }
    }

    private static void printProblems(PrintWriter out, List<Problem> problems) {
        if (!problems.isEmpty()) {
            out.println("Problems (" + problems.size() + "):");
            problems.forEach(problem -> out.println("  " + problem.format()));
        }
    }

    private static void printNotifications(PrintWriter out, RoundOutcome round, boolean webhookMissing) {
        if (webhookMissing) {
            out.println("Notifications: " + NO_WEBHOOK);
        }
        round.deliveryNotes().forEach(note -> out.println("Notifications: " + note));
        if (round.notificationsPending()) {
            out.println("Notifications: some alerts could not be delivered yet; they stay pending");
        }
    }

    private static String verdict(RoundOutcome round) {
        RoundReport report = round.report();
        int failed = report.failures().size();
        String text = failed == 0 ? "Result: all " + report.results().size() + " endpoints OK"
                : "Result: " + failed + " of " + report.results().size() + " endpoints failed";
        return round.notificationsPending() ? text + "; alerts not delivered" : text;
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static String attempts(int attempts) {
        return attempts > 1 ? " (" + attempts + " attempts)" : "";
    }
}
