package dev.ifmon.core.store;

import dev.ifmon.api.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk outbox under {@code <data>/outbox}: one JSON file per undelivered digest and channel,
 * {@code outbox/<channel>/<key>.json}, plus the delivery journal {@code outbox/delivered.json} that
 * records which digests some channel confirmed. Every write is atomic ({@link AtomicFiles}).
 *
 * <p>The key of a digest is its round's start in UTC ({@code 20261204T150000123Z}): keys sort in round
 * order, and writing the same digest twice replaces one file rather than queueing it twice.
 *
 * <p>Thread-safety: reads are safe at any time (files are replaced whole); writes to the same channel
 * must be serialised by the caller (the {@code NotificationDispatcher} does).
 */
public final class OutboxStore {

    /** The journal's file name inside the outbox folder. */
    public static final String JOURNAL = "delivered.json";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxStore.class);
    private static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String SUFFIX = ".json";
    private static final Duration JOURNAL_KEEP = Duration.ofDays(8);

    private final Path root;

    /**
     * One undelivered digest for one channel.
     *
     * @param version the file format, 1
     * @param channel the channel's type, e.g. {@code wecom}
     * @param key the digest's key
     * @param createdAt when it entered the outbox
     * @param attempts delivery attempts so far
     * @param lastError the channel's last answer, masked; {@code ""} before the first attempt
     * @param digest the digest
     */
    public record Entry(int version, String channel, String key, Instant createdAt, int attempts,
            String lastError, Digest digest) {

        /**
         * @param attemptsSoFar the new count
         * @param error the latest answer
         * @return a copy with the attempt recorded
         */
        public Entry attempted(int attemptsSoFar, String error) {
            return new Entry(version, channel, key, createdAt, attemptsSoFar, error, digest);
        }
    }

    /** The journal file's content. @param delivered digest key to when a channel first confirmed it */
    private record Journal(Map<String, Instant> delivered) {
    }

    /** @param dataDirectory the data folder; the outbox is its {@code outbox} subfolder */
    public OutboxStore(Path dataDirectory) {
        this.root = dataDirectory.resolve("outbox");
    }

    /**
     * @param digest a digest
     * @return its key: the round's start in UTC, sortable
     */
    public static String keyOf(Digest digest) {
        return keyOf(digest.roundStartedAt().toInstant());
    }

    /**
     * @param roundStartedAt a round's start
     * @return the key of that round's digest
     */
    public static String keyOf(Instant roundStartedAt) {
        return KEY.format(roundStartedAt);
    }

    /** @return the outbox folder */
    public Path root() {
        return root;
    }

    /**
     * Writes an entry, replacing one with the same channel and key.
     *
     * @param entry the entry
     * @throws UncheckedIOException when it cannot be written
     */
    public void put(Entry entry) {
        try {
            AtomicFiles.write(fileOf(entry.channel(), entry.key()), DigestJson.mapper().writeValueAsBytes(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write outbox entry " + fileOf(entry.channel(), entry.key()), e);
        }
    }

    /**
     * @param channel a channel type
     * @param key a digest key
     */
    public void remove(String channel, String key) {
        try {
            Files.deleteIfExists(fileOf(channel, key));
        } catch (IOException e) {
            LOG.warn("channel={} key={} cannot delete delivered outbox entry: {}; it may be sent again",
                    channel, key, Failures.describe(e));
        }
    }

    /** @return the channels that have a folder in the outbox, sorted */
    public List<String> channels() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list outbox " + root, e);
        }
    }

    /**
     * Reads a channel's entries, oldest first. A file that cannot be read is renamed to
     * {@code *.json.corrupt} with a WARN, so it is neither retried nor lost from view.
     *
     * @param channel a channel type
     * @return the entries, oldest first
     */
    public List<Entry> list(String channel) {
        List<Entry> entries = new ArrayList<>();
        for (Path file : files(channel)) {
            try {
                entries.add(DigestJson.mapper().readValue(Files.readAllBytes(file), Entry.class));
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException | RuntimeException e) {
                quarantine(file, e);
            }
        }
        return entries;
    }

    /**
     * @param channel a channel type
     * @param key a digest key
     * @return whether that channel has that digest waiting
     */
    public boolean contains(String channel, String key) {
        return Files.exists(fileOf(channel, key));
    }

    /**
     * @param key a digest key
     * @return whether some channel still has that digest waiting
     */
    public boolean holds(String key) {
        return channels().stream().anyMatch(channel -> Files.exists(fileOf(channel, key)));
    }

    /** @return the keys of every digest some channel still has waiting */
    public Set<String> pendingKeys() {
        Set<String> keys = new HashSet<>();
        for (String channel : channels()) {
            for (Path file : files(channel)) {
                String name = file.getFileName().toString();
                keys.add(name.substring(0, name.length() - SUFFIX.length()));
            }
        }
        return keys;
    }

    /**
     * Records that a channel confirmed a digest; the first confirmation's time is kept. Entries older than
     * eight days are dropped.
     *
     * @param key a digest key
     * @param at when it was confirmed
     */
    public synchronized void recordDelivered(String key, Instant at) {
        Map<String, Instant> delivered = new LinkedHashMap<>(delivered());
        delivered.putIfAbsent(key, at);
        delivered.values().removeIf(time -> time.isBefore(at.minus(JOURNAL_KEEP)));
        try {
            AtomicFiles.write(root.resolve(JOURNAL), DigestJson.mapper().writeValueAsBytes(new Journal(delivered)));
        } catch (IOException e) {
            LOG.warn("file={} cannot record a delivery: {}; the alert may be announced again",
                    root.resolve(JOURNAL), Failures.describe(e));
        }
    }

    /** @return digest key to when a channel first confirmed it; empty when the journal is missing or bad */
    public Map<String, Instant> delivered() {
        Path file = root.resolve(JOURNAL);
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            Journal journal = DigestJson.mapper().readValue(Files.readAllBytes(file), Journal.class);
            return journal.delivered() == null ? Map.of() : Map.copyOf(journal.delivered());
        } catch (IOException | RuntimeException e) {
            LOG.warn("file={} delivery journal unreadable: {}; treating as empty, so an entry confirmed just before"
                    + " may be delivered once more", file, Failures.describe(e));
            return Map.of();
        }
    }

    private List<Path> files(String channel) {
        Path folder = root.resolve(channel);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.getFileName().toString().endsWith(SUFFIX))
                    .filter(path -> !AtomicFiles.isTemporary(path.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list outbox " + folder, e);
        }
    }

    private void quarantine(Path file, Exception cause) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
        LOG.warn("file={} outbox entry unreadable: {}; moved aside to {}, its alerts are not sent", file,
                Failures.describe(cause), aside);
        try {
            Files.move(file, aside);
        } catch (IOException e) {
            LOG.warn("file={} cannot move the unreadable entry aside: {}", file, Failures.describe(e));
        }
    }

    private Path fileOf(String channel, String key) {
        return root.resolve(channel).resolve(key + SUFFIX);
    }
}
