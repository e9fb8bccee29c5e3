package io.webhookactions.route;

import io.webhookactions.attribute.Contexts;
import io.webhookactions.response.ActionResult;
import io.webhookactions.response.ResponseMapping;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Last step: status group -> {@code action_success} -> outputs -> raw response, then the result with
 * the contexts updated for the next action. Also used (through {@link #failed}) for executions that
 * received no response.
 */
final class MapResponse implements Processor {

    private final CompiledAction action;
    private final ActionMetrics metrics;

    MapResponse(CompiledAction action, ActionMetrics metrics) {
        this.action = action;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Execution execution = Execution.of(exchange);
        ResponseMapping.Mapped mapped = action.response().map(execution.response);
        ActionResult result = finish(exchange, execution, mapped, execution.response.status(), mapped.error());
        metrics.record(result, null);
    }

    /** The result of an execution that ended with {@code reason} and no response. */
    static void failed(Exchange exchange, CompiledAction action, String reason, FailureKind kind, ActionMetrics metrics) {
        Execution execution = Execution.of(exchange);
        if (execution == null) {
            execution = new Execution(action.name(), Contexts.empty());
        }
        ActionResult result = finish(exchange, execution, action.response().failure(reason), null, reason);
        metrics.record(result, kind);
    }

    private static ActionResult finish(Exchange exchange, Execution execution, ResponseMapping.Mapped mapped, Integer status,
                               String error) {
        ActionResult result = new ActionResult(execution.action, mapped.success(), status, execution.elapsedMillis(),
                mapped.attributes(), execution.shown(), status == null ? null : execution.response, error, execution.contexts);
        ExecutionLog.log(result, execution);
        exchange.getMessage().setBody(result);
        return result;
    }
}
