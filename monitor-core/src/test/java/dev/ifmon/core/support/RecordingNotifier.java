package dev.ifmon.core.support;

import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.Notifier;
import dev.ifmon.api.Settings;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real, if simple, notifier plug-in for tests: it keeps every digest it accepts and answers as told.
 * Thread-safe.
 */
public final class RecordingNotifier implements Notifier {

    /** How the channel behaves. */
    public enum Mode {
        /** Accepts every digest. */
        UP,
        /** Answers retryable, as a channel that is down. */
        DOWN,
        /** Throws, as a broken plug-in. */
        THROWS,
        /** Rejects for good, with a hint. */
        REJECTS
    }

    private final String type;
    private final List<Digest> received = new CopyOnWriteArrayList<>();
    private final Deque<DeliveryResult> scripted = new ArrayDeque<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Mode mode = Mode.UP;

    /** @param type the channel's type */
    public RecordingNotifier(String type) {
        this.type = type;
    }

    /** @param next how the channel behaves from now on */
    public void mode(Mode next) {
        this.mode = next;
    }

    /** @param results answers to give before falling back to the mode; DELIVERED ones record the digest */
    public synchronized void script(DeliveryResult... results) {
        scripted.addAll(List.of(results));
    }

    /** @return the digests accepted, in order */
    public List<Digest> received() {
        return List.copyOf(received);
    }

    /** @return how many times deliver or sendTest was called */
    public int calls() {
        return calls.get();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public boolean isEnabled(Settings settings) {
        return settings.bool("enabled", true);
    }

    @Override
    public DeliveryResult deliver(Digest digest, Settings settings) {
        calls.incrementAndGet();
        DeliveryResult result = next();
        if (result.status() == DeliveryResult.Status.DELIVERED) {
            received.add(digest);
        }
        return result;
    }

    @Override
    public DeliveryResult sendTest(String text, Settings settings) {
        calls.incrementAndGet();
        return next();
    }

    private synchronized DeliveryResult next() {
        if (!scripted.isEmpty()) {
            return scripted.poll();
        }
        return switch (mode) {
            case UP -> DeliveryResult.delivered();
            case DOWN -> DeliveryResult.retryable("HTTP 503 from the channel");
            case THROWS -> throw new IllegalStateException("boom from " + type + " key=SECRETKEY123");
            case REJECTS -> DeliveryResult.failed("errcode 93000 invalid webhook key: paste the whole URL");
        };
    }
}
