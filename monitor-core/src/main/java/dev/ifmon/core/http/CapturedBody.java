package dev.ifmon.core.http;

/**
 * The part of a response body that was kept, and how much arrived in total. Immutable.
 *
 * @param bytes the first bytes of the body, at most the cap
 * @param totalBytes how many body bytes arrived, counting the discarded ones
 * @param truncated whether bytes beyond the cap were discarded
 * @param complete whether the body was read to its end (false when reading stopped at the timeout)
 */
public record CapturedBody(byte[] bytes, long totalBytes, boolean truncated, boolean complete) {

    /** An empty, complete body. */
    public static final CapturedBody EMPTY = new CapturedBody(new byte[0], 0, false, true);
}
