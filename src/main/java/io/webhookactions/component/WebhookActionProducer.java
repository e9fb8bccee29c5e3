package io.webhookactions.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.support.Json;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.support.DefaultProducer;

/**
 * Runs the endpoint's action. In: the contexts as a JSON string, bytes, a Map or a Jackson tree (an empty
 * body means no attributes). Out: the result as a {@code Map} in the test-endpoint shape of SPEC §7.
 */
public class WebhookActionProducer extends DefaultProducer {

    WebhookActionProducer(WebhookActionEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public WebhookActionEndpoint getEndpoint() {
        return (WebhookActionEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Contexts contexts = contexts(exchange);
        WebhookActionConfiguration configuration = getEndpoint().getConfiguration();
        ActionResult result = WebhookActions.in(getEndpoint().getCamelContext())
                .execute(configuration.getName(), ExecutionInput.of(contexts, "component"));
        ObjectNode json = result.toJson();
        if (!configuration.isIncludeExchange()) {
            json.remove("request");
            json.remove("response");
        }
        exchange.getMessage().setBody(Json.mapper().convertValue(json, Map.class));
    }

    private static Contexts contexts(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getMessage().getBody();
        try {
            JsonNode tree;
            if (body == null) {
                return Contexts.empty();
            } else if (body instanceof Contexts contexts) {
                return contexts;
            } else if (body instanceof JsonNode node) {
                tree = node;
            } else if (body instanceof Map<?, ?> map) {
                tree = Json.mapper().valueToTree(map);
            } else if (body instanceof byte[] bytes) {
                tree = bytes.length == 0 ? null : Json.mapper().readTree(bytes);
            } else {
                String text = exchange.getMessage().getMandatoryBody(String.class);
                tree = text.isBlank() ? null : Json.mapper().readTree(text);
            }
            return Contexts.fromJson(tree);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new InvalidPayloadException(exchange, Contexts.class, exchange.getMessage(), e);
        }
    }
}
