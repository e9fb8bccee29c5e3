package io.webhookactions.route;

import io.webhookactions.call.CallFailure;
import io.webhookactions.call.FailureKind;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route's error handler, run by {@link ActionSteps} when a step throws: any exception becomes a result
 * ({@code N_action_success=false}, {@code N_error}), never an exception to the caller. Expected failures carry their
 * kind and reason; anything else is a bug in this product, logged with its stack trace and reported by class name only.
 */
final class FailureResult implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FailureResult.class);

    private final String action;
    private final MapResponse results;

    FailureResult(String action, MapResponse results) {
        this.action = action;
        this.results = results;
    }

    @Override
    public void process(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        CallFailure failure;
        if (error instanceof CallFailure expected) {
            failure = expected;
        } else {
            LOG.error("action {}: unexpected {}", action, error == null ? "error" : error.getClass().getName(), error);
            failure = CallFailure.during(FailureKind.INTERNAL, "internal error ("
                    + (error == null ? "unknown" : error.getClass().getSimpleName()) + "); see the log", error);
        }
        results.failed(exchange, failure);
    }
}
