package dev.ifmon.core.alert;

import dev.ifmon.api.AlertKind;
import java.time.Instant;

/**
 * One endpoint's (or service's) alert state between rounds. Mutable; owned by one {@link AlertEngine},
 * which guards it. Stored as {@link StateFile.StoredTrack}.
 */
final class Track {

    /** Recent checked rounds, oldest first: {@code F} failed, {@code O} answered correctly. */
    String history = "";
    /** When the open failure began; {@code null} when none is open. */
    Instant failingSince;
    /** Failed rounds in the open failure. */
    int failedRounds;
    /** Good rounds in a row since the last failure. */
    int okStreak;
    /** When a channel last confirmed an announcement (new or reminder) of the open failure. */
    Instant announcedAt;
    /** The digest key of an announcement handed over but not yet confirmed, else {@code null}. */
    String handed;
    /** {@link AlertKind#NEW} or {@link AlertKind#REMINDER}: what {@link #handed} announces. */
    AlertKind handedKind;
    /** The digest key of a recovery handed over but not confirmed; {@code ""} when it was lost. */
    String recoveryHanded;
    /** When the failure a pending recovery ends began. */
    Instant recoverySince;
    /** How many rounds the failure a pending recovery ends lasted. */
    int recoveryRounds;
    /** When the endpoint last appeared in a round. */
    Instant lastSeen;

    boolean failing() {
        return failingSince != null;
    }

    void record(boolean failed, int window) {
        String next = history + (failed ? 'F' : 'O');
        history = next.length() > window ? next.substring(next.length() - window) : next;
    }

    /** @return how many failures began within the history (a leading failure counts) */
    int failureStarts() {
        int starts = 0;
        for (int i = 0; i < history.length(); i++) {
            if (history.charAt(i) == 'F' && (i == 0 || history.charAt(i - 1) == 'O')) {
                starts++;
            }
        }
        return starts;
    }

    void open(Instant since) {
        failingSince = since;
        failedRounds = 0;
        announcedAt = null;
        handed = null;
        handedKind = null;
    }

    void close() {
        failingSince = null;
        failedRounds = 0;
        okStreak = 0;
        announcedAt = null;
        handed = null;
        handedKind = null;
    }

    boolean recoveryPending() {
        return recoveryHanded != null;
    }

    void clearRecovery() {
        recoveryHanded = null;
        recoverySince = null;
        recoveryRounds = 0;
    }

    /** @return whether nothing here needs remembering: no failure, no pending recovery, no recent failure */
    boolean idle() {
        return !failing() && !recoveryPending() && history.indexOf('F') < 0;
    }
}
