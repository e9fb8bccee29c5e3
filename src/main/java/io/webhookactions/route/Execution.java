package io.webhookactions.route;

import io.webhookactions.attribute.SecretValues;
import io.webhookactions.call.RenderedRequest;
import io.webhookactions.call.UpstreamResponse;
import io.webhookactions.definition.ActionPlan;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.template.AttributeScope;
import org.apache.camel.Exchange;

/**
 * What the steps of one execution hand each other on the exchange, all immutable: the execution itself
 * (plan, input, start, scope), the request as rendered and then authenticated, and what the call brought
 * back. Each step reads what came before and sets its own part.
 */
final class Execution {

    private static final String STARTED = "webhook.execution";
    private static final String REQUEST = "webhook.request";
    private static final String OUTCOME = "webhook.outcome";

    /** One execution: what runs, for whom, since when, and the scope its templates read. */
    record Started(ActionPlan plan, ExecutionInput input, long startNanos, java.time.Instant startedAt, AttributeScope scope) {
        long elapsedMillis() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }

        /** Every secret value this execution used so far; what it shows is scrubbed of them. */
        SecretValues secrets() {
            return scope.used();
        }
    }

    /** The response the call ended with, after {@code attempts} attempts. */
    record Outcome(UpstreamResponse response, int attempts) {
    }

    private Execution() {
    }

    static Started started(Exchange exchange) {
        return exchange.getProperty(STARTED, Started.class);
    }

    static void started(Exchange exchange, Started started) {
        exchange.setProperty(STARTED, started);
    }

    /** The request as it stands (rendered, then authenticated), or null before rendering succeeded. */
    static RenderedRequest request(Exchange exchange) {
        return exchange.getProperty(REQUEST, RenderedRequest.class);
    }

    static void request(Exchange exchange, RenderedRequest request) {
        exchange.setProperty(REQUEST, request);
    }

    static Outcome outcome(Exchange exchange) {
        return exchange.getProperty(OUTCOME, Outcome.class);
    }

    static void outcome(Exchange exchange, Outcome outcome) {
        exchange.setProperty(OUTCOME, outcome);
    }
}
