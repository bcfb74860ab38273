package dev.ifmon.runner.cli;

import dev.ifmon.api.Problem;
import dev.ifmon.api.RoundReport;
import dev.ifmon.core.RoundOutcome;
import dev.ifmon.core.report.JsonReportWriter;
import dev.ifmon.core.store.Failures;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows each round: adds the runner's own problems (missing notifier modules) to the report, prints the
 * console summary and writes the JSON report when asked. Thread-safe when the writer is.
 */
public final class RoundPresenter {

    private static final Logger LOG = LoggerFactory.getLogger(RoundPresenter.class);

    private final PrintWriter out;
    private final ChannelInspector channels;
    private final Path reportJson;
    private volatile boolean reportWritten = true;

    /**
     * @param out where the summary goes
     * @param channels what the runner found about notification channels
     * @param reportJson where to write the JSON report, or {@code null} for none
     */
    public RoundPresenter(PrintWriter out, ChannelInspector channels, Path reportJson) {
        this.out = out;
        this.channels = channels;
        this.reportJson = reportJson;
    }

    /**
     * Presents one round.
     *
     * @param round the round as the monitor returned it
     * @return the round with the runner's problems added, for the exit code
     */
    public RoundOutcome present(RoundOutcome round) {
        RoundOutcome complete = withProblems(round, channels.problems());
        ConsoleSummary.print(out, complete, channels.webhookMissing());
        if (reportJson != null) {
            try {
                JsonReportWriter.write(complete.report(), reportJson);
                out.println("JSON report written to " + reportJson);
                reportWritten = true;
            } catch (UncheckedIOException e) {
                reportWritten = false;
                LOG.error("JSON report not written: file={} reason=\"{}\"; the summary above stands; make the folder"
                        + " writable or pass another --report-json path", reportJson.toAbsolutePath(),
                        Failures.describe(e.getCause()));
            }
            out.flush();
        }
        return complete;
    }

    /** @return whether the last round's {@code --report-json} file was written; true when none is asked for */
    public boolean reportWritten() {
        return reportWritten;
    }

    /**
     * @param round a round
     * @param extra problems to add after the round's own
     * @return the round with the problems added
     */
    public static RoundOutcome withProblems(RoundOutcome round, List<Problem> extra) {
        if (extra.isEmpty()) {
            return round;
        }
        RoundReport report = round.report();
        List<Problem> problems = new ArrayList<>(report.problems());
        problems.addAll(extra);
        RoundReport merged = new RoundReport(report.environment(), report.startedAt(), report.finishedAt(),
                report.results(), problems);
        return new RoundOutcome(merged, round.notificationsPending(), round.deliveryNotes(), round.deliveries());
    }
}
