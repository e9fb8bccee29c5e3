package io.webhookactions.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.template.AttributeScope;
import io.webhookactions.template.RenderException;
import java.net.URI;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step: renders URL, headers and JSON body from the contexts with the templates compiled at load,
 * then applies the host rules to the rendered URL. Nothing has been sent when this fails.
 */
final class RenderRequest implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompiledAction action;
    private final WebhookActionsSettings settings;

    /** The host rule's answer for the host this action called last: most actions call one host. */
    private volatile HostAnswer lastHost;

    private record HostAnswer(String host, String refusal) {
    }

    RenderRequest(CompiledAction action, WebhookActionsSettings settings) {
        this.action = action;
        this.settings = settings;
    }

    private String hostRule(String host) {
        HostAnswer last = lastHost;
        if (last != null && last.host().equals(host)) {
            return last.refusal();
        }
        String refusal = settings.hosts().refusal(host);
        lastHost = new HostAnswer(host, refusal);
        return refusal;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ExecutionRequest request = exchange.getMessage().getBody(ExecutionRequest.class);
        Contexts contexts = request == null ? Contexts.empty() : request.contexts();
        Execution execution = new Execution(action.name(), contexts);
        exchange.setProperty(Execution.PROPERTY, execution);

        execution.scope = AttributeScope.of(contexts, settings.types(), settings.secrets());
        execution.method = action.definition().method().name();
        try {
            execution.url = action.request().renderUrl(execution.scope);
            for (Map.Entry<String, String> header : action.request().renderHeaders(execution.scope).entrySet()) {
                execution.header(header.getKey(), header.getValue(), header.getValue());
            }
            JsonNode body = action.request().renderBody(execution.scope);
            if (body != null) {
                execution.body = body;
                execution.bodyBytes = JSON.writeValueAsBytes(body);
            }
        } catch (RenderException e) {
            throw new ExecutionFailure(FailureKind.RENDER, e.getMessage(), e);
        }
        execution.uri = URI.create(execution.url);
        String refusal = hostRule(execution.uri.getHost());
        if (refusal != null) {
            throw new ExecutionFailure(FailureKind.DENIED_HOST, refusal + "; the request was not sent");
        }
    }
}
