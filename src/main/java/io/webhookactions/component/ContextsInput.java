package io.webhookactions.component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.response.ActionResult;
import io.webhookactions.support.Json;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.NoTypeConversionAvailableException;

/**
 * Where a {@code webhook-action} endpoint reads the contexts: the {@code CamelWebhookActionContexts} header when
 * set, else the body. Either may be a Map, a Jackson tree, a JSON string or bytes; null or blank means no
 * attributes. The ActionResult of an earlier action gives the contexts as that action left them, so
 * {@code to("webhook-action:a").to("webhook-action:b")} runs b as a pipeline would. Anything else fails the exchange:
 * a body with {@link InvalidPayloadException}, the header with a {@link CamelExchangeException} that names it (Camel's
 * payload exception would name the body, which may be fine).
 */
final class ContextsInput {

    private static final String ACCEPTED = "a Map of contexts such as {user={user_id=42}}, a Jackson JsonNode or JSON text"
            + " such as {\"user\": {\"user_id\": \"42\"}}, or the ActionResult of an earlier action";

    private ContextsInput() {
    }

    static Contexts read(Exchange exchange) throws InvalidPayloadException, CamelExchangeException {
        Object header = exchange.getMessage().getHeader(WebhookActionConstants.CONTEXTS);
        Object input = header != null ? header : exchange.getMessage().getBody();
        try {
            return contexts(exchange, input);
        } catch (IOException | IllegalArgumentException | NoTypeConversionAvailableException e) {
            if (header != null) {
                throw new CamelExchangeException("header " + WebhookActionConstants.CONTEXTS + " is not contexts ("
                        + ACCEPTED + "): " + reason(e) + "; correct it, or remove it to read the contexts from the body",
                        exchange, e);
            }
            throw new InvalidPayloadException(exchange, Contexts.class, exchange.getMessage(),
                    new IllegalArgumentException("the body is not contexts (" + ACCEPTED + "): " + reason(e), e));
        }
    }

    private static Contexts contexts(Exchange exchange, Object input) throws IOException, NoTypeConversionAvailableException {
        if (input instanceof Contexts contexts) {
            return contexts;
        } else if (input instanceof ActionResult result) {
            // A stub's result may carry no input; its attributes are still what the action set.
            return result.input() == null ? Contexts.empty().withAll(result.attributes()) : result.contexts();
        }
        return Contexts.fromJson(tree(exchange, input));
    }

    /** What is wrong, without Jackson's location suffix (it says where in a text the user did not write as such). */
    private static String reason(Exception e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
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
