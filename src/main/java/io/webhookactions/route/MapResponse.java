package io.webhookactions.route;

import io.webhookactions.call.CallFailure;
import io.webhookactions.call.RenderedRequest;
import io.webhookactions.call.UpstreamResponse;
import io.webhookactions.definition.ActionPlan;
import io.webhookactions.response.ActionResult;
import io.webhookactions.response.ResponseMapping;
import io.webhookactions.runtime.WebhookActions;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Last step: status group -> {@code action_success} -> outputs -> raw response, then the result: scrubbed of
 * every secret value the execution used (SPEC §11), counted, logged, and set as the message body. Also used
 * (through {@link #failed}) for executions that received no response.
 */
final class MapResponse implements Processor {

    private final ActionPlan plan;
    private final ResponseMapping mapping;
    private final WebhookActions actions;

    MapResponse(ActionPlan plan, ResponseMapping mapping, WebhookActions actions) {
        this.plan = plan;
        this.mapping = mapping;
        this.actions = actions;
    }

    @Override
    public void process(Exchange exchange) {
        Execution.Outcome outcome = Execution.outcome(exchange);
        UpstreamResponse response = outcome.response();
        ResponseMapping.Mapped mapped = mapping.map(response);
        finish(exchange, mapped, response, null, outcome.attempts());
    }

    /** The result of an execution that ended with {@code failure} and no usable response. */
    void failed(Exchange exchange, CallFailure failure) {
        finish(exchange, mapping.failure(failure.getMessage()), null, failure, 0);
    }

    private void finish(Exchange exchange, ResponseMapping.Mapped mapped, UpstreamResponse response, CallFailure failure,
                        int attempts) {
        Execution.Started execution = Execution.started(exchange);
        RenderedRequest request = Execution.request(exchange);
        long elapsed = execution == null ? 0 : execution.elapsedMillis();
        ActionResult result = new ActionResult(plan.name(), mapped.success(), response == null ? null : response.status(), elapsed,
                mapped.attributes(), request == null ? null : request.shown(), response,
                failure == null ? mapped.error() : failure.getMessage(), failure == null ? null : failure.kind(),
                execution == null ? io.webhookactions.attribute.Contexts.empty() : execution.input().contexts());
        if (execution != null) {
            result = result.scrubbed(execution.secrets());
        }
        ExecutionLog.log(result, execution, request, attempts);
        actions.metrics().record(result);
        if (execution != null) {
            actions.executed(execution.input(), execution.startedAt(), result);
        }
        exchange.getMessage().setBody(result);
    }
}
