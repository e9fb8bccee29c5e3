package io.webhookactions.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.webhookactions.call.RenderedRequest;
import io.webhookactions.support.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code _webhook} context (SPEC §2): the request exactly as it will be sent, for signing. It is the
 * request before authentication adds its own headers (a signature cannot cover itself).
 */
final class WebhookValues {

    private final RenderedRequest request;

    WebhookValues(RenderedRequest request) {
        this.request = request;
    }

    /** Computed when read: a signature reads two or three of these, rarely the headers or query as JSON. */
    JsonNode get(String name) {
        JsonNode value = switch (name) {
            case "url" -> TextNode.valueOf(request.url());
            case "method" -> TextNode.valueOf(request.method().name());
            case "body" -> TextNode.valueOf(request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8));
            case "headers" -> TextNode.valueOf(headers().toString());
            case "content_type" -> TextNode.valueOf(request.body() == null ? "" : "application/json");
            case "query_params" -> TextNode.valueOf(queryParams().toString());
            default -> null;
        };
        return value == null ? MissingNode.getInstance() : value;
    }

    private ObjectNode headers() {
        ObjectNode headers = Json.mapper().createObjectNode();
        request.headerValues().forEach(headers::put);
        if (request.body() != null) {
            headers.put("Content-Type", "application/json");
        }
        return headers;
    }

    private ObjectNode queryParams() {
        ObjectNode query = Json.mapper().createObjectNode();
        String raw = request.uri().getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.put(name, value);
            }
        }
        return query;
    }
}
