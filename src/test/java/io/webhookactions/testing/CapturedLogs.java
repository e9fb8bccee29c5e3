package io.webhookactions.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures everything logged (at the given level and above) while it is open, for assertions on log output. */
public final class CapturedLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final java.util.Map<Logger, Level> previous = new java.util.LinkedHashMap<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** @param alsoAt loggers configured quieter elsewhere that must log at {@code level} too (e.g. org.apache.camel) */
    public CapturedLogs(Level level, String... alsoAt) {
        appender.start();
        root.addAppender(appender);
        set(root, level);
        for (String name : alsoAt) {
            set((Logger) LoggerFactory.getLogger(name), level);
        }
    }

    private void set(Logger logger, Level level) {
        previous.put(logger, logger.getLevel());
        logger.setLevel(level);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    public List<String> lines(String loggerName) {
        return events().stream().filter(event -> event.getLoggerName().equals(loggerName))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Every message and stack trace, as one text to search for secrets. */
    public String text() {
        return textExcept("\0");
    }

    /** {@link #text()} without the events of loggers whose name starts with {@code prefix}. */
    public String textExcept(String prefix) {
        return events().stream().filter(event -> !event.getLoggerName().startsWith(prefix)).map(event -> event.getLoggerName() + " " + event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        previous.forEach(Logger::setLevel);
    }
}
