package io.webhookactions.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.SecretValues;
import io.webhookactions.call.SentRequest;
import io.webhookactions.call.UpstreamResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies an execution's {@link SecretValues} to everything it shows or keeps (SPEC §11): the request as
 * shown, the response headers and body, and every attribute it set, raw response included. One mechanism
 * for results, logs and history, which all read the scrubbed result.
 */
final class Scrubbing {

    private Scrubbing() {
    }

    static SentRequest request(SentRequest request, SecretValues secrets) {
        if (request == null || secrets.isEmpty()) {
            return request;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> headers.put(name, secrets.scrub(value)));
        return new SentRequest(request.method(), secrets.scrub(request.url()), headers, node(request.body(), secrets));
    }

    static UpstreamResponse response(UpstreamResponse response, SecretValues secrets) {
        if (response == null || secrets.isEmpty()) {
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, secrets.scrub(value)));
        byte[] body = response.body();
        String text = response.bodyText();
        if (text != null) {
            String scrubbed = secrets.scrub(text);
            if (!scrubbed.equals(text)) {
                body = scrubbed.getBytes(StandardCharsets.UTF_8);
            }
        }
        return new UpstreamResponse(response.status(), headers, body);
    }

    static Map<Context, ObjectNode> attributes(Map<Context, ObjectNode> attributes, SecretValues secrets) {
        if (secrets.isEmpty()) {
            return attributes;
        }
        Map<Context, ObjectNode> scrubbed = new EnumMap<>(Context.class);
        attributes.forEach((context, values) -> scrubbed.put(context, (ObjectNode) node(values, secrets)));
        return scrubbed;
    }

    /** A copy of {@code node} with every string scrubbed (keys included: a secret can be echoed as a key). */
    static JsonNode node(JsonNode node, SecretValues secrets) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String scrubbed = secrets.scrub(text);
            return scrubbed.equals(text) ? node : TextNode.valueOf(scrubbed);
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(item -> copy.add(node(item, secrets)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(secrets.scrub(field.getKey()), node(field.getValue(), secrets));
            }
            return copy;
        }
        return node;
    }
}
