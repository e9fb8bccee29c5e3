package io.webhookactions.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code _webhook} context (SPEC §2): the request exactly as it will be sent, for signing. */
final class WebhookValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthRequest request;
    /** The headers as rendered, before authentication adds its own (a signature cannot cover itself). */
    private final Map<String, String> renderedHeaders;

    private WebhookValues(AuthRequest request) {
        this.request = request;
        this.renderedHeaders = new LinkedHashMap<>(request.headers());
    }

    static WebhookValues of(AuthRequest request) {
        return new WebhookValues(request);
    }

    /** Computed when read: a signature reads two or three of these, rarely the headers or query as JSON. */
    private JsonNode compute(String name) {
        return switch (name) {
            case "url" -> TextNode.valueOf(request.url());
            case "method" -> TextNode.valueOf(request.method());
            case "body" -> TextNode.valueOf(request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8));
            case "headers" -> TextNode.valueOf(headers().toString());
            case "content_type" -> TextNode.valueOf(request.body() == null ? "" : "application/json");
            case "query_params" -> TextNode.valueOf(queryParams().toString());
            default -> null;
        };
    }

    private ObjectNode headers() {
        ObjectNode headers = JSON.createObjectNode();
        renderedHeaders.forEach(headers::put);
        if (request.body() != null) {
            headers.put("Content-Type", "application/json");
        }
        return headers;
    }

    private ObjectNode queryParams() {
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
        return query;
    }

    JsonNode get(String name) {
        JsonNode value = compute(name);
        return value == null ? MissingNode.getInstance() : value;
    }
}
