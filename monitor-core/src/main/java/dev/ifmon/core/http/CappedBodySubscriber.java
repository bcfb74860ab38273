package dev.ifmon.core.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body keeping at most {@code cap} bytes and counting (then dropping) the rest, so a
 * 2 GiB or endless body costs no more memory than the cap.
 *
 * <p>Thread-safety: the HTTP client calls it serially as the reactive-streams rules demand; {@link #snapshot()}
 * may be called from another thread at any time and sees a consistent copy.
 */
public final class CappedBodySubscriber implements HttpResponse.BodySubscriber<CapturedBody> {

    private final int cap;
    private final ByteArrayOutputStream kept;
    private final CompletableFuture<CapturedBody> result = new CompletableFuture<>();
    private long total;
    private boolean truncated;
    private volatile Flow.Subscription subscription;

    /** @param cap the most bytes to keep, at least 0 */
    public CappedBodySubscriber(int cap) {
        this.cap = Math.max(0, cap);
        this.kept = new ByteArrayOutputStream(Math.min(this.cap, 8192));
    }

    @Override
    public CompletionStage<CapturedBody> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription value) {
        subscription = value;
        value.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        synchronized (this) {
            for (ByteBuffer buffer : buffers) {
                keep(buffer);
            }
        }
    }

    private void keep(ByteBuffer buffer) {
        int length = buffer.remaining();
        total += length;
        int room = cap - kept.size();
        int take = Math.min(room, length);
        if (take > 0) {
            byte[] chunk = new byte[take];
            buffer.get(chunk);
            kept.write(chunk, 0, take);
        }
        if (length > take) {
            truncated = true;
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(capture(true));
    }

    /** @return what was kept so far, marked incomplete; for a body still arriving at the timeout */
    public CapturedBody snapshot() {
        return capture(false);
    }

    /** @return whether more than the cap arrived already */
    public synchronized boolean truncated() {
        return truncated;
    }

    /** Stops reading; the client then closes the connection. */
    public void cancel() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    private synchronized CapturedBody capture(boolean complete) {
        return new CapturedBody(kept.toByteArray(), total, truncated, complete);
    }
}
