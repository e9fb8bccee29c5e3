package io.webhookactions.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The {@code _webhook} context (SPEC §2): the request exactly as it will be sent, for signing. */
final class WebhookValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> values;

    private WebhookValues(Map<String, JsonNode> values) {
        this.values = values;
    }

    static WebhookValues of(AuthRequest request) {
        ObjectNode headers = JSON.createObjectNode();
        request.headers().forEach(headers::put);
        if (request.body() != null) {
            headers.put("Content-Type", "application/json");
        }
        ObjectNode query = JSON.createObjectNode();
        String raw = URI.create(request.url()).getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.put(name, value);
            }
        }
        return new WebhookValues(Map.of(
                "url", TextNode.valueOf(request.url()),
                "method", TextNode.valueOf(request.method()),
                "body", TextNode.valueOf(request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8)),
                "headers", TextNode.valueOf(headers.toString()),
                "content_type", TextNode.valueOf(request.body() == null ? "" : "application/json"),
                "query_params", TextNode.valueOf(query.toString())));
    }

    JsonNode get(String name) {
        JsonNode value = values.get(name);
        return value == null ? MissingNode.getInstance() : value;
    }
}
