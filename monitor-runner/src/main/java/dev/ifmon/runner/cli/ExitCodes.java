package dev.ifmon.runner.cli;

import dev.ifmon.api.Problem;
import dev.ifmon.core.RoundOutcome;

/**
 * The exit codes of {@code ifmon run --once}, {@code validate}, {@code demo} and {@code notify-test}.
 * A stable contract for scripts and cron jobs.
 */
public final class ExitCodes {

    /** Every endpoint is OK (or degraded) and every alert was delivered; or validation found no error. */
    public static final int OK = 0;
    /** Some endpoint failed, or some alert could not be delivered. */
    public static final int FAILED = 1;
    /** The configuration has errors, the command line is wrong, or the run could not start. */
    public static final int CONFIG_OR_USAGE = 2;

    private ExitCodes() {
    }

    /**
     * Picks a round's exit code: failing endpoints first (1), then configuration errors (2), then alerts that
     * could not be delivered (1), else 0.
     *
     * @param round the round, with the runner's own problems included
     * @return the exit code
     */
    public static int forRound(RoundOutcome round) {
        if (round.report().hasFailures()) {
            return FAILED;
        }
        if (round.report().problems().stream().anyMatch(Problem::isError)) {
            return CONFIG_OR_USAGE;
        }
        return round.notificationsPending() ? FAILED : OK;
    }

    /**
     * Like {@link #forRound(RoundOutcome)}, with a {@code --report-json} file that could not be written counted
     * as a usage error (2) after failing endpoints. Files in the data folder that cannot be written (last
     * round, alert state, outbox) do not change the code: each is one ERROR or WARN line in the log.
     *
     * @param round the round, with the runner's own problems included
     * @param reportWritten whether the asked-for JSON report was written (true when none was asked for)
     * @return the exit code
     */
    public static int forRound(RoundOutcome round, boolean reportWritten) {
        int code = forRound(round);
        return reportWritten || round.report().hasFailures() ? code : CONFIG_OR_USAGE;
    }
}
