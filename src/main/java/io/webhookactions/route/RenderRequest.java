package io.webhookactions.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretValues;
import io.webhookactions.call.CallFailure;
import io.webhookactions.call.FailureKind;
import io.webhookactions.call.RenderedRequest;
import io.webhookactions.definition.ActionPlan;
import io.webhookactions.host.HostPolicy;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.runtime.Settings;
import io.webhookactions.support.Json;
import io.webhookactions.template.AttributeScope;
import io.webhookactions.template.HeaderTemplate;
import io.webhookactions.template.RenderException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step: renders URL, headers and JSON body from the contexts with the templates compiled at load,
 * then applies the host rules to the rendered URL. Nothing has been sent when this fails.
 */
final class RenderRequest implements Processor {

    private final ActionPlan plan;
    private final Settings settings;

    /** The host rule's answer for the host this action called last: most actions call one host. */
    private volatile HostAnswer lastHost;

    private record HostAnswer(String host, String refusal) {
    }

    RenderRequest(ActionPlan plan, Settings settings) {
        this.plan = plan;
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ExecutionInput input = exchange.getMessage().getBody(ExecutionInput.class);
        if (input == null) {
            input = ExecutionInput.of(Contexts.empty(), "component");
        }
        SecretValues secrets = new SecretValues();
        secrets.addAll(plan.sensitiveValues());
        AttributeScope scope = AttributeScope.of(input.contexts(), settings.types(), settings.secrets(), secrets)
                .withMaxRenderedLength(settings.maxRenderedBytes());
        Execution.started(exchange, new Execution.Started(plan, input, System.nanoTime(), java.time.Instant.now(), scope));

        RenderedRequest request;
        try {
            URI uri = URI.create(plan.request().url().render(scope));
            List<RenderedRequest.Header> headers = new ArrayList<>(plan.request().headers().size());
            for (HeaderTemplate header : plan.request().headers()) {
                String value = header.render(scope);
                headers.add(new RenderedRequest.Header(header.name(), value, value));
            }
            JsonNode body = plan.request().body() == null ? null : plan.request().body().render(scope);
            request = new RenderedRequest(plan.method(), uri, headers, body, body == null ? null : Json.mapper().writeValueAsBytes(body));
        } catch (RenderException e) {
            throw CallFailure.beforeSending(FailureKind.RENDER, e.getMessage(), e);
        }
        Execution.request(exchange, request);
        String refusal = hostRule(settings.hosts(), request.uri().getHost());
        if (refusal != null) {
            throw CallFailure.beforeSending(FailureKind.DENIED_HOST, refusal, null);
        }
    }

    private String hostRule(HostPolicy hosts, String host) {
        HostAnswer last = lastHost;
        if (last != null && last.host().equals(host)) {
            return last.refusal();
        }
        String refusal = hosts.refusal(host);
        lastHost = new HostAnswer(host, refusal);
        return refusal;
    }
}
