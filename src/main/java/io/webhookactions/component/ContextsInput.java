package io.webhookactions.component;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.support.Json;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.NoTypeConversionAvailableException;

/**
 * Where a {@code webhook-action} endpoint reads the contexts: the {@code CamelWebhookActionContexts} header when
 * set, else the body. Either may be a Map, a Jackson tree, a JSON string or bytes; null or blank means no
 * attributes. Anything else fails the exchange with {@link InvalidPayloadException}.
 */
final class ContextsInput {

    private ContextsInput() {
    }

    static Contexts read(Exchange exchange) throws InvalidPayloadException {
        Object header = exchange.getMessage().getHeader(WebhookActionConstants.CONTEXTS);
        Object input = header != null ? header : exchange.getMessage().getBody();
        try {
            return input instanceof Contexts contexts ? contexts : Contexts.fromJson(tree(exchange, input));
        } catch (IOException | IllegalArgumentException | NoTypeConversionAvailableException e) {
            throw new InvalidPayloadException(exchange, Contexts.class, exchange.getMessage(), e);
        }
    }

    private static JsonNode tree(Exchange exchange, Object input) throws IOException, NoTypeConversionAvailableException {
        if (input == null) {
            return null;
        } else if (input instanceof JsonNode node) {
            return node;
        } else if (input instanceof Map<?, ?> map) {
            return Json.mapper().valueToTree(map);
        } else if (input instanceof byte[] bytes) {
            return bytes.length == 0 ? null : Json.mapper().readTree(bytes);
        }
        String text = exchange.getContext().getTypeConverter().mandatoryConvertTo(String.class, exchange, input);
        return text.isBlank() ? null : Json.mapper().readTree(text);
    }
}
