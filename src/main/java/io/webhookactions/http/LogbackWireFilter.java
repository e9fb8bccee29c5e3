package io.webhookactions.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Denies every event of HttpClient's wire and header loggers, and HttpClient's own events below WARN (they carry
 * request lines, query strings included); see {@link WireLogGuard}.
 */
final class LogbackWireFilter extends TurboFilter {

    private static final String WIRE = "org.apache.hc.client5.http.wire";
    private static final String HEADERS = "org.apache.hc.client5.http.headers";

    private LogbackWireFilter() {
        setName("webhook-actions-wire-log-guard");
    }

    static synchronized void install() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(filter -> filter instanceof LogbackWireFilter)) {
            LogbackWireFilter filter = new LogbackWireFilter();
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    /** HttpClient logs request lines (URLs with their query) at DEBUG: below WARN it says nothing a user needs. */
    private static final String CLIENT = "org.apache.hc.client5.http";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        String name = logger.getName();
        if (name.startsWith(WIRE) || name.startsWith(HEADERS)) {
            return FilterReply.DENY;
        }
        return name.startsWith(CLIENT) && level != null && !level.isGreaterOrEqual(Level.WARN) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
