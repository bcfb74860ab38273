package dev.ifmon.runner.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A Logback encoder that writes either the text pattern or one JSON event per line, chosen by its
 * {@code format} property, so that {@code IFMON_LOG_FORMAT=json} switches every appender without editing XML.
 *
 * <p>{@code text} (the default) uses {@link PatternLayoutEncoder} with the given pattern in UTF-8; {@code json}
 * uses Logback's {@link JsonEncoder} with the formatted message and without the raw arguments, sequence number
 * and context properties. Any other value falls back to text with a warning in Logback's status. Used by
 * Logback from one thread per appender, as every encoder is; configure it before {@link #start()}.
 */
public final class FormatSwitchingEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "text";
    private String pattern = "%d %-5level [%thread] %logger{36} - %msg%n";
    private Encoder<ILoggingEvent> delegate;

    /** @param format {@code text} or {@code json}, case-insensitive */
    public void setFormat(String format) {
        this.format = format == null ? "text" : format.strip().toLowerCase(Locale.ROOT);
    }

    /** @param pattern the Logback pattern of the text format */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** @return the format in effect after {@link #start()}: {@code text} or {@code json} */
    public String getFormat() {
        return format;
    }

    @Override
    public void start() {
        if (!format.equals("text") && !format.equals("json")) {
            addWarn("unknown log format '" + format + "' (IFMON_LOG_FORMAT or ifmon.log.format); use text or json;"
                    + " falling back to text");
            format = "text";
        }
        delegate = format.equals("json") ? json() : text();
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(withCleanMessage(event));
    }

    /**
     * @return the event, or a view of it whose message has its control characters (other than tab and line
     *     feed) escaped: a reason quoting a server's {@code \u001b[2J} must not clear the terminal that tails the
     *     log, nor a carriage return hide the start of a line
     */
    static ILoggingEvent withCleanMessage(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        String clean = ControlCharacters.escapeKeepingNewlines(message);
        if (clean == null || clean.equals(message)) {
            return event;
        }
        InvocationHandler view = (proxy, method, args) -> switch (method.getName()) {
            case "getFormattedMessage", "getMessage" -> clean;
            case "getArgumentArray" -> null;
            default -> invoke(method, event, args);
        };
        return (ILoggingEvent) Proxy.newProxyInstance(ILoggingEvent.class.getClassLoader(),
                new Class<?>[] {ILoggingEvent.class}, view);
    }

    private static Object invoke(Method method, ILoggingEvent event, Object[] args) throws Throwable {
        try {
            return method.invoke(event, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    private Encoder<ILoggingEvent> text() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(getContext());
        encoder.setPattern(pattern);
        encoder.setCharset(StandardCharsets.UTF_8);
        return encoder;
    }

    private Encoder<ILoggingEvent> json() {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(getContext());
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        return encoder;
    }
}
