package dev.ifmon.core.notify;

import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Settings;
import dev.ifmon.core.alert.AlertSettings;
import dev.ifmon.core.mask.Masker;
import dev.ifmon.core.store.Failures;
import dev.ifmon.core.store.OutboxStore;
import dev.ifmon.core.time.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers digests to every configured channel through an on-disk outbox, so nothing is lost while a
 * channel is down or the process restarts.
 *
 * <p><b>Flow.</b> {@link #dispatch} first writes the digest into the outbox of every enabled channel
 * ({@code <data>/outbox/<channel>/<key>.json}, atomically), then drains each channel's outbox oldest first:
 * a {@link DeliveryResult.Status#DELIVERED} entry is removed and its key recorded in the delivery journal; a
 * {@link DeliveryResult.Status#FAILED} one is removed and logged as ERROR with the channel's detail (its
 * hint); a {@link DeliveryResult.Status#RETRYABLE} one is retried with back-off within the call
 * ({@code alerts.retry_attempts}, {@code alerts.retry_backoff}, at most {@code alerts.retry_budget} of
 * waiting) and then stays in the outbox, holding back the channel's newer entries so messages arrive in
 * order. {@link #retryOutbox} drains again: the runner calls it at start-up and every round. An entry older
 * than {@code alerts.outbox_expiry} is dropped with an ERROR.
 *
 * <p><b>Isolation.</b> Channels are drained in parallel, each on its own virtual thread; an exception from a
 * notifier counts as retryable and is logged once as a WARN naming the notifier. One channel's failure,
 * slowness or exception never delays or loses another's message.
 *
 * <p>Thread-safety: {@link #dispatch} and {@link #retryOutbox} are serialised; {@link #sendTest} may run at
 * any time. Notifiers must be thread-safe (see {@link Notifier}).
 *
 * <p>Known limitation: a notifier that ignores its own time bounds is abandoned after the wait limit
 * ({@code retry_budget} plus two minutes per attempt); its entry stays in the outbox and may be delivered
 * twice if the abandoned call still succeeds.
 */
public final class NotificationDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final Duration PER_ATTEMPT_WAIT = Duration.ofMinutes(2);
    private static final String NOT_CONFIGURED = "not configured";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(url|key|token|secret|passw|webhook|auth|credential).*");

    private final List<Channel> channels;
    private final AlertSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final OutboxStore outbox;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * One delivery channel: a notifier and its block of configuration.
     *
     * @param notifier the plug-in
     * @param settings its config block ({@link Notifier#configKey()}), variables resolved
     */
    public record Channel(Notifier notifier, Settings settings) {

        /** Checks the components. */
        public Channel {
            Objects.requireNonNull(notifier, "notifier");
            Objects.requireNonNull(settings, "settings");
        }

        /** @return the channel's name in reports and outbox folders: the notifier's type, made file-safe */
        public String name() {
            return channelName(notifier);
        }

        /**
         * @return a masker that hides this channel's secrets: every text under a key that names a URL, key,
         *     token, secret, password or webhook, at any depth of the block, and each query parameter value of
         *     such a text (the WeCom webhook key)
         */
        Masker masker() {
            Set<String> secrets = new HashSet<>();
            collectSecrets(settings.asMap(), false, secrets);
            return Masker.of(secrets);
        }

        private static void collectSecrets(Object value, boolean sensitive, Set<String> secrets) {
            if (value instanceof Map<?, ?> map) {
                map.forEach((key, nested) -> collectSecrets(nested,
                        sensitive || SECRET_KEY.matcher(String.valueOf(key)).matches(), secrets));
            } else if (value instanceof List<?> list) {
                list.forEach(item -> collectSecrets(item, sensitive, secrets));
            } else if (sensitive && value != null) {
                String text = value.toString();
                secrets.add(text);
                int query = text.indexOf('?');
                for (String parameter : query < 0 ? new String[0] : text.substring(query + 1).split("[&;]")) {
                    secrets.add(parameter.substring(parameter.indexOf('=') + 1));
                }
            }
        }
    }

    /**
     * @param notifier a notifier
     * @return its channel's name in reports and outbox folders: the notifier's type, made file-safe
     */
    public static String channelName(Notifier notifier) {
        return notifier.type().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * @param dataDirectory the data folder; the outbox is {@code <dataDirectory>/outbox}
     * @param channels the channels, in the order they are reported
     * @param alertsBlock the {@code alerts:} block (outbox and retry keys)
     * @param clock the time source, for expiry
     * @param sleeper waits between retries
     */
    public NotificationDispatcher(Path dataDirectory, List<Channel> channels, Settings alertsBlock, Clock clock,
            Sleeper sleeper) {
        this.channels = List.copyOf(channels);
        this.settings = AlertSettings.from(alertsBlock);
        this.clock = clock;
        this.sleeper = sleeper;
        this.outbox = new OutboxStore(dataDirectory);
    }

    /**
     * Queues a digest for every enabled channel, then delivers what the outbox holds. A digest already
     * waiting for a channel is not queued twice (its age and attempts are kept). With no enabled channel at
     * all there is nobody to tell: the digest counts as handled (it is in {@link DispatchSummary#delivered()}),
     * so alert state does not announce it again every round.
     *
     * @param digest the round's digest
     * @return per channel: delivered, pending, failed and expired counts
     */
    public synchronized DispatchSummary dispatch(Digest digest) {
        String key = OutboxStore.keyOf(digest);
        Instant now = clock.instant();
        boolean queued = false;
        Map<String, OutboxStore.Entry> unsaved = new LinkedHashMap<>();
        for (Channel channel : channels) {
            if (enabled(channel)) {
                enqueue(channel, key, now, digest).ifPresent(entry -> unsaved.put(channel.name(), entry));
                queued = true;
            }
        }
        DispatchSummary summary = drain(unsaved);
        if (queued) {
            return summary;
        }
        List<Digest> handled = new ArrayList<>(summary.delivered());
        handled.add(digest);
        return new DispatchSummary(summary.channels(), handled);
    }

    /**
     * Delivers what the outbox holds, e.g. after a restart or when a channel is back.
     *
     * @return per channel: delivered, pending, failed and expired counts
     */
    public synchronized DispatchSummary retryOutbox() {
        return drain(Map.of());
    }

    /**
     * Sends a short test message through every enabled channel, once, without the outbox.
     *
     * @param text the message
     * @return channel name to its result, in configuration order; disabled channels are left out
     */
    public Map<String, DeliveryResult> sendTest(String text) {
        Map<String, DeliveryResult> results = new LinkedHashMap<>();
        for (Channel channel : channels) {
            if (enabled(channel)) {
                results.put(channel.name(), call(channel, () -> channel.notifier().sendTest(text,
                        channel.settings()), true).result());
            }
        }
        return results;
    }

    /** Stops the delivery threads, waiting for running deliveries to end. */
    @Override
    public void close() {
        executor.close();
    }

    /** @return the entry when it could not be written, so that it is delivered from memory this once */
    private Optional<OutboxStore.Entry> enqueue(Channel channel, String key, Instant now, Digest digest) {
        if (outbox.contains(channel.name(), key)) {
            return Optional.empty();
        }
        OutboxStore.Entry entry = new OutboxStore.Entry(1, channel.name(), key, now, 0, "", digest);
        try {
            outbox.put(entry);
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.error("channel={} key={} cannot write the outbox: {}; the digest is tried now from memory and is"
                    + " lost if that fails", channel.name(), key, Failures.describe(e));
            return Optional.of(entry);
        }
    }

    private DispatchSummary drain(Map<String, OutboxStore.Entry> unsaved) {
        List<ChannelJob> jobs = new ArrayList<>();
        for (Channel channel : channels) {
            ChannelJob job = new ChannelJob(channel.name(), enabled(channel) ? channel : null);
            job.unsaved = unsaved.get(channel.name());
            jobs.add(job);
        }
        for (String name : outbox.channels()) {
            if (jobs.stream().noneMatch(job -> job.name.equals(name))) {
                jobs.add(new ChannelJob(name, null));
            }
        }
        return collect(jobs);
    }

    private DispatchSummary collect(List<ChannelJob> jobs) {
        List<Future<DispatchSummary.ChannelSummary>> futures = new ArrayList<>();
        for (ChannelJob job : jobs) {
            futures.add(executor.submit(job::run));
        }

        List<DispatchSummary.ChannelSummary> summaries = new ArrayList<>();
        List<Digest> delivered = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            summaries.add(await(jobs.get(i), futures.get(i)));
            jobs.get(i).delivered.stream().filter(digest -> !delivered.contains(digest)).forEach(delivered::add);
        }
        return new DispatchSummary(summaries, delivered);
    }

    private DispatchSummary.ChannelSummary await(ChannelJob job, Future<DispatchSummary.ChannelSummary> future) {
        Duration limit = settings.retryBudget().plus(PER_ATTEMPT_WAIT.multipliedBy(settings.retryAttempts()));
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("channel={} delivery still running after {}s; leaving it in the outbox", job.name,
                    limit.toSeconds());
            return new DispatchSummary.ChannelSummary(job.name, job.channel != null, 0,
                    outbox.list(job.name).size(), 0, 0, List.of("delivery still running after the wait limit"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DispatchSummary.ChannelSummary(job.name, job.channel != null, 0, 0, 0, 0,
                    List.of("interrupted"));
        } catch (ExecutionException e) {
            LOG.warn("channel={} delivery ended unexpectedly: {}; messages stay in the outbox", job.name,
                    e.getCause().toString());
            return new DispatchSummary.ChannelSummary(job.name, job.channel != null, 0, 0, 0, 0,
                    List.of(Masker.none().mask(e.getCause().toString())));
        }
    }

    private boolean enabled(Channel channel) {
        try {
            return channel.notifier().isEnabled(channel.settings());
        } catch (RuntimeException e) {
            LOG.warn("channel={} isEnabled threw {}; treating the channel as not configured", channel.name(),
                    channel.masker().mask(e.toString()));
            return false;
        }
    }

    private static Called call(Channel channel, Supplier<DeliveryResult> delivery, boolean warn) {
        try {
            DeliveryResult result = delivery.get();
            return new Called(result != null ? result
                    : DeliveryResult.retryable(channel.name() + " returned no result"), false);
        } catch (RuntimeException e) {
            String thrown = channel.masker().mask(e.toString());
            if (warn) {
                LOG.warn("channel={} notifier {} threw {}; treating it as retryable", channel.name(),
                        channel.notifier().getClass().getName(), thrown);
            }
            return new Called(DeliveryResult.retryable(channel.name() + " threw " + thrown), true);
        }
    }

    /** Drains one channel's outbox; runs on its own thread. */
    private final class ChannelJob {

        private final String name;
        private final Channel channel;
        private final List<Digest> delivered = new CopyOnWriteArrayList<>();
        private final List<String> details = new ArrayList<>();
        private OutboxStore.Entry unsaved;
        private int deliveredCount;
        private int pending;
        private int failed;
        private int expired;
        private boolean warned;

        private ChannelJob(String name, Channel channel) {
            this.name = name;
            this.channel = channel;
        }

        private DispatchSummary.ChannelSummary run() {
            boolean blocked = false;
            List<OutboxStore.Entry> entries = new ArrayList<>(outbox.list(name));
            if (unsaved != null) {
                entries.add(unsaved);
            }
            for (OutboxStore.Entry entry : entries) {
                if (expire(entry)) {
                    continue;
                }
                if (blocked || channel == null) {
                    pending++;
                    continue;
                }
                blocked = !deliver(entry);
            }

            if (channel == null) {
                details.add(pending > 0 ? NOT_CONFIGURED + "; " + pending + " message(s) kept until they expire"
                        : NOT_CONFIGURED);
            }
            return new DispatchSummary.ChannelSummary(name, channel != null, deliveredCount, pending, failed,
                    expired, details);
        }

        private boolean expire(OutboxStore.Entry entry) {
            Instant now = clock.instant();
            if (entry.createdAt() != null && !now.isAfter(entry.createdAt().plus(settings.outboxExpiry()))) {
                return false;
            }
            LOG.error("channel={} key={} attempts={} lastError={} undelivered message expired after {}h;"
                    + " dropping it from the outbox, the alerts it carried were not delivered on this channel",
                    name, entry.key(), entry.attempts(), entry.lastError(), settings.outboxExpiry().toHours());
            outbox.remove(name, entry.key());
            expired++;
            details.add("expired " + entry.key() + " after " + entry.attempts() + " attempts");
            return true;
        }

        /** @return whether the channel is free to take the next entry */
        private boolean deliver(OutboxStore.Entry entry) {
            Attempts attempts = attempt(entry);
            DeliveryResult result = attempts.result;
            String detail = channel.masker().mask(result.detail());
            switch (result.status()) {
                case DELIVERED -> {
                    if (entry != unsaved) {
                        outbox.remove(name, entry.key());
                    }
                    outbox.recordDelivered(entry.key(), clock.instant());
                    delivered.add(entry.digest());
                    deliveredCount++;
                    LOG.info("channel={} key={} attempts={} digest delivered", name, entry.key(), attempts.count);
                }
                case FAILED -> {
                    outbox.remove(name, entry.key());
                    failed++;
                    details.add(detail);
                    LOG.error("channel={} key={} rejected the digest: {}; dropping it, retrying cannot help",
                            name, entry.key(), detail);
                }
                case RETRYABLE -> {
                    details.add(detail);
                    if (keep(entry.attempted(attempts.count, detail))) {
                        pending++;
                        LOG.warn("channel={} key={} attempts={} not delivered: {}; kept in the outbox for the next"
                                + " round", name, entry.key(), attempts.count, detail);
                    } else {
                        failed++;
                    }
                }
                default -> throw new IllegalStateException("unknown status " + result.status());
            }
            return result.status() != DeliveryResult.Status.RETRYABLE;
        }

        /** @return whether the entry is in the outbox for the next round; when not, says it is lost */
        private boolean keep(OutboxStore.Entry entry) {
            try {
                outbox.put(entry);
                return true;
            } catch (RuntimeException e) {
                LOG.error("channel={} key={} attempts={} not delivered: {}; cannot keep it for the next round: {};"
                        + " the digest is lost on this channel", name, entry.key(), entry.attempts(),
                        entry.lastError(), Failures.describe(e));
                return false;
            }
        }

        private Attempts attempt(OutboxStore.Entry entry) {
            int count = entry.attempts();
            Duration waited = Duration.ZERO;
            Duration backoff = settings.retryBackoff();
            for (int attempt = 1; ; attempt++) {
                Called called = call(channel, () -> channel.notifier().deliver(entry.digest(),
                        channel.settings()), !warned);
                DeliveryResult result = called.result();
                warned |= called.threw();
                count++;
                if (result.status() != DeliveryResult.Status.RETRYABLE || attempt >= settings.retryAttempts()) {
                    return new Attempts(result, count);
                }

                Duration pause = result.retryAfter() != null ? result.retryAfter() : backoff;
                if (waited.plus(pause).compareTo(settings.retryBudget()) > 0 || !pause(pause)) {
                    return new Attempts(result, count);
                }
                waited = waited.plus(pause);
                backoff = backoff.multipliedBy(2);
            }
        }

        private boolean pause(Duration pause) {
            try {
                sleeper.sleep(pause);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** One call into a notifier: its result, and whether it threw. */
    private record Called(DeliveryResult result, boolean threw) {
    }

    /** A delivery's last result and the attempts made so far. */
    private record Attempts(DeliveryResult result, int count) {
    }
}
