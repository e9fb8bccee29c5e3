package io.webhookactions.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route's error handler: any exception becomes a result ({@code N_action_success=false},
 * {@code N_error}), never an exception to the caller. Expected failures carry their reason; anything else
 * is a bug in this product, logged with its stack trace and reported by class name only.
 */
final class FailureResult implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FailureResult.class);

    private final CompiledAction action;
    private final ActionMetrics metrics;

    FailureResult(CompiledAction action, ActionMetrics metrics) {
        this.action = action;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason;
        FailureKind kind = FailureKind.INTERNAL;
        if (error instanceof ExecutionFailure failure) {
            reason = failure.getMessage();
            kind = failure.kind();
        } else {
            LOG.error("action {}: unexpected {}", action.name(), error == null ? "error" : error.getClass().getName(), error);
            reason = "internal error (" + (error == null ? "unknown" : error.getClass().getSimpleName()) + "); see the log";
        }
        MapResponse.failed(exchange, action, reason, kind, metrics);
    }
}
