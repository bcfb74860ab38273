package dev.ifmon.notify.wecom;

import dev.ifmon.notify.wecom.internal.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when the code under test sleeps. Thread-safe. */
final class FakeTime extends Clock implements Sleeper {

    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-12-04T07:00:00Z").toEpochMilli());
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        millis.addAndGet(duration.toMillis());
    }

    /** @return every sleep asked for, in order */
    List<Duration> sleeps() {
        return sleeps;
    }

    /** @return the time slept in total */
    Duration slept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }
}
