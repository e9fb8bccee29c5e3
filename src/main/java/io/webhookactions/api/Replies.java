package io.webhookactions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.webhookactions.support.Json;
import org.slf4j.LoggerFactory;

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
            // The answer says internal error: the log must say which (a value too deep or too wide to write, ...).
            LoggerFactory.getLogger(Replies.class).error("API answer to {} {} could not be written", ctx.request().method(),
                    ctx.request().path(), e);
            response.setStatusCode(500).putHeader("Content-Type", "application/json").end("{\"error\": \"internal error (the answer could not be written); see the service log\"}");
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
