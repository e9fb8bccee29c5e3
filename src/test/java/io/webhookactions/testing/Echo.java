package io.webhookactions.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.webhookactions.support.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * An upstream that answers with everything it received, as JSON: method, path, query, every header (the
 * response also repeats each request header as {@code Echo-<name>}) and the body. The worst upstream for
 * secrets: whatever credential the call carried comes back.
 */
public final class Echo {

    private Echo() {
    }

    public static Upstream.Handler handler() {
        return Echo::respond;
    }

    public static void respond(HttpExchange exchange, String body) throws IOException {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("method", exchange.getRequestMethod());
        json.put("path", exchange.getRequestURI().getRawPath());
        json.put("query", exchange.getRequestURI().getRawQuery());
        ObjectNode headers = json.putObject("headers");
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            headers.put(header.getKey().toLowerCase(java.util.Locale.ROOT), String.join(", ", header.getValue()));
            exchange.getResponseHeaders().put("Echo-" + header.getKey(), header.getValue());
        }
        json.put("body", body);
        Upstream.respond(exchange, 200, "application/json", json.toString());
    }
}
