package dev.ifmon.core.alert;

import dev.ifmon.api.AlertKind;
import dev.ifmon.core.store.AtomicFiles;
import dev.ifmon.core.store.DigestJson;
import dev.ifmon.core.store.Failures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code <data>/alert-state.json} atomically. A missing file starts fresh quietly; an
 * unreadable one starts fresh with a WARN and is kept beside as {@code alert-state.json.corrupt}.
 * Not thread-safe: the {@link AlertEngine} serialises calls.
 */
final class StateFile {

    static final String NAME = "alert-state.json";
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);
    private static final int VERSION = 1;

    private final Path file;

    /** The stored form of a {@link Track}; see its fields. */
    record StoredTrack(String history, Instant failingSince, int failedRounds, int okStreak, Instant announcedAt,
            String handed, AlertKind handedKind, String recoveryHanded, Instant recoverySince, int recoveryRounds,
            Instant lastSeen) {
    }

    /**
     * The stored probe-side outage.
     *
     * @param since when it began, {@code null} when there is none
     * @param announcedAt when a channel confirmed its announcement
     * @param handed the digest key of an unconfirmed announcement
     */
    record StoredProbe(Instant since, Instant announcedAt, String handed) {
    }

    /**
     * The whole file.
     *
     * @param version the format, 1
     * @param savedAt when it was written
     * @param endpoints endpoint (or service) id to its state
     * @param probe the probe-side outage
     * @param problems fingerprints of the last round's problems
     */
    record Stored(int version, Instant savedAt, Map<String, StoredTrack> endpoints, StoredProbe probe,
            List<String> problems) {
    }

    StateFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(NAME);
    }

    Path path() {
        return file;
    }

    Stored load() {
        if (!Files.exists(file)) {
            return empty();
        }
        try {
            Stored stored = DigestJson.mapper().readValue(Files.readAllBytes(file), Stored.class);
            if (stored.version() != VERSION || stored.endpoints() == null) {
                throw new IOException("unknown format version " + stored.version());
            }
            return stored;
        } catch (IOException | RuntimeException e) {
            keepAside(e);
            return empty();
        }
    }

    void save(Map<String, Track> tracks, StoredProbe probe, List<String> problems, Instant now) throws IOException {
        Map<String, StoredTrack> stored = new LinkedHashMap<>();
        tracks.forEach((key, track) -> stored.put(key, toStored(track)));
        Stored state = new Stored(VERSION, now, stored, probe, problems);
        AtomicFiles.write(file, DigestJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
    }

    static Track toTrack(StoredTrack stored) {
        Track track = new Track();
        track.history = stored.history() == null ? "" : stored.history();
        track.failingSince = stored.failingSince();
        track.failedRounds = stored.failedRounds();
        track.okStreak = stored.okStreak();
        track.announcedAt = stored.announcedAt();
        track.handed = stored.handed();
        track.handedKind = stored.handedKind();
        track.recoveryHanded = stored.recoveryHanded();
        track.recoverySince = stored.recoverySince();
        track.recoveryRounds = stored.recoveryRounds();
        track.lastSeen = stored.lastSeen();
        return track;
    }

    private static StoredTrack toStored(Track track) {
        return new StoredTrack(track.history, track.failingSince, track.failedRounds, track.okStreak,
                track.announcedAt, track.handed, track.handedKind, track.recoveryHanded, track.recoverySince,
                track.recoveryRounds, track.lastSeen);
    }

    private void keepAside(Exception cause) {
        Path aside = file.resolveSibling(NAME + ".corrupt");
        LOG.warn("file={} alert state unreadable: {}; kept as {} and starting with fresh state,"
                + " ongoing failures will be announced again", file, Failures.describe(cause), aside);
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("file={} cannot move the unreadable state aside: {}", file, Failures.describe(e));
        }
    }

    private static Stored empty() {
        return new Stored(VERSION, null, Map.of(), new StoredProbe(null, null, null), List.of());
    }
}
