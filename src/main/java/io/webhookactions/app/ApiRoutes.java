package io.webhookactions.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.definition.ActionPlan;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.runtime.UnknownActionException;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.support.Json;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The HTTP API of SPEC §7 on the embedded server (camel-platform-http). Every response is JSON; every
 * result is built from {@link ActionResult}, whose request and response already have secrets masked.
 */
public final class ApiRoutes extends RouteBuilder {


    @Override
    public void configure() {
        onException(UnknownActionException.class).handled(true)
                .process(exchange -> reply(exchange, 404, error(caught(exchange).getMessage())));
        // Anything else is a bug here, not the caller's fault: a JSON 500 without internals; Camel logs it.
        onException(Exception.class).handled(true)
                .process(exchange -> reply(exchange, 500, error("internal error (" + caught(exchange).getClass().getSimpleName()
                        + "); see the service log")));
        from("platform-http:/api/actions?httpMethodRestrict=GET").routeId("api:list-actions")
                .process(this::listActions);
        from("platform-http:/api/actions/{name}/test?httpMethodRestrict=POST").routeId("api:test-action")
                .process(exchange -> runAction(exchange, true));
        from("platform-http:/api/actions/{name}/execute?httpMethodRestrict=POST").routeId("api:execute-action")
                .process(exchange -> runAction(exchange, false));
        from("platform-http:/api/pipelines/execute?httpMethodRestrict=POST").routeId("api:execute-pipeline")
                .process(this::runPipeline);
    }

    private void listActions(Exchange exchange) {
        ArrayNode list = Json.mapper().createArrayNode();
        for (ActionPlan action : WebhookActions.in(getContext()).registry().all()) {
            ObjectNode item = list.addObject();
            item.put("name", action.name());
            item.put("description", action.description());
            item.put("method", action.method().name());
            item.put("url", action.request().url().display());
            if (action.isLegacy()) {
                item.put("legacy", true);
            }
            ArrayNode inputs = item.putArray("inputs");
            action.inputs().forEach(inputs::add);
        }
        reply(exchange, 200, list);
    }

    private void runAction(Exchange exchange, boolean test) {
        String name = exchange.getMessage().getHeader("name", String.class);
        WebhookActions actions = WebhookActions.in(getContext());
        if (name == null || actions.find(name).isEmpty()) {
            reply(exchange, 404, error(new UnknownActionException(name).getMessage()));
            return;
        }
        Contexts contexts;
        try {
            contexts = Contexts.fromJson(body(exchange));
        } catch (IllegalArgumentException e) {
            badRequest(exchange, e);
            return;
        }
        ActionResult result = actions.execute(name, new ExecutionInput(contexts, test ? "test" : "execute", ExecutionInput.LOCAL));
        if (test) {
            reply(exchange, 200, result.toJson());
        } else {
            ObjectNode json = Json.mapper().createObjectNode();
            json.set("attributes", result.attributesJson());
            reply(exchange, 200, json);
        }
    }

    private void runPipeline(Exchange exchange) {
        JsonNode request;
        try {
            request = body(exchange);
        } catch (IllegalArgumentException e) {
            badRequest(exchange, e);
            return;
        }
        JsonNode names = request == null ? null : request.get("actions");
        if (names == null || !names.isArray() || names.isEmpty()) {
            reply(exchange, 400, error("body must be {\"actions\": [\"a\", \"b\"], \"context\": {...}} with at least one action"));
            return;
        }
        List<String> actions = new ArrayList<>();
        for (JsonNode name : names) {
            if (!name.isTextual()) {
                reply(exchange, 400, error("\"actions\" must be an array of action names"));
                return;
            }
            actions.add(name.asText());
        }
        Contexts contexts;
        try {
            contexts = Contexts.fromJson(request.get("context"));
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, error("\"context\": " + e.getMessage()));
            return;
        }
        List<ActionResult> results = WebhookActions.in(getContext())
                .pipeline(actions, new ExecutionInput(contexts, "pipeline", ExecutionInput.LOCAL));
        ObjectNode merged = Json.mapper().createObjectNode();
        ObjectNode attributes = merged.putObject("attributes");
        for (ActionResult result : results) {
            result.attributesJson().fields().forEachRemaining(context ->
                    ((ObjectNode) attributes.with(context.getKey())).setAll((ObjectNode) context.getValue()));
        }
        reply(exchange, 200, merged);
    }

    /**
     * The request body as JSON; null for an empty body. A body sent as a form (curl -d without a
     * Content-Type) would have been parsed into form fields and lost its JSON, so it is refused by name.
     */
    private static JsonNode body(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            throw new UnsupportedMediaType(contentType);
        }
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Json.strict().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Exception caught(Exchange exchange) {
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    /** The body was not sent as JSON. */
    private static final class UnsupportedMediaType extends IllegalArgumentException {
        UnsupportedMediaType(String contentType) {
            super("send the body as JSON with Content-Type: application/json (got " + contentType + ")");
        }
    }

    private static void badRequest(Exchange exchange, IllegalArgumentException e) {
        reply(exchange, e instanceof UnsupportedMediaType ? 415 : 400, error(e.getMessage()));
    }

    private static ObjectNode error(String message) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("error", message);
        return json;
    }

    private static void reply(Exchange exchange, int status, JsonNode body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            exchange.getMessage().setBody(Json.mapper().writeValueAsString(body));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
