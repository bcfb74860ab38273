package dev.ifmon.runner.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Turns every {@code dev.ifmon} logger to DEBUG and keeps what they log, stack traces included, through a
 * real Logback appender. Close it to detach and restore the level. Thread-safe for the appender's use.
 */
final class DebugLogCapture implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.ifmon");
    private final Level before = logger.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    DebugLogCapture() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    /** @return how many events were logged */
    synchronized int size() {
        return appender.list.size();
    }

    /** @return every event as level, logger, message and stack trace, one after another */
    synchronized String text() {
        return List.copyOf(appender.list).stream().map(DebugLogCapture::line).collect(Collectors.joining("\n"));
    }

    private static String line(ILoggingEvent event) {
        String thrown = event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(
                event.getThrowableProxy());
        return event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage() + thrown;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(before);
    }
}
