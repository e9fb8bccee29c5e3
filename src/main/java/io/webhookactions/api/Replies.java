package io.webhookactions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.webhookactions.support.Json;

/** How the API answers: JSON, always, errors included ({@code {"error": ...}}, SPEC §10). */
final class Replies {

    private Replies() {
    }

    static void json(RoutingContext ctx, int status, JsonNode body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        try {
            response.setStatusCode(status).putHeader("Content-Type", "application/json").end(Json.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            response.setStatusCode(500).putHeader("Content-Type", "application/json").end("{\"error\": \"internal error\"}");
        }
    }

    /** @param json JSON text already written */
    static void json(RoutingContext ctx, int status, String json) {
        HttpServerResponse response = ctx.response();
        if (!response.ended() && !response.closed()) {
            response.setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
        }
    }

    static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, error(message));
    }

    static ObjectNode error(String message) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("error", message);
        return json;
    }
}
