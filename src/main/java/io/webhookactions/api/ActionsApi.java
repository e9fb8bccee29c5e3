package io.webhookactions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.DefinitionError;
import io.webhookactions.perimeter.Caller;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.runtime.UnknownActionException;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The action endpoints of the HTTP API (SPEC §7, §10, §11): the list, test and execute, pipelines, problems.
 * Executions run on the {@link ExecutionPool}, never on the server's own threads; every result is built from
 * an {@link ActionResult}, whose secrets are already masked and scrubbed.
 */
final class ActionsApi {

    private final WebhookActions actions;
    private final ExecutionPool pool;
    private final int maxPipelineActions;

    ActionsApi(WebhookActions actions, ExecutionPool pool, int maxPipelineActions) {
        this.actions = actions;
        this.pool = pool;
        this.maxPipelineActions = maxPipelineActions;
    }

    /** {@code GET /api/actions}: the actions this caller may use. */
    void list(RoutingContext ctx) {
        Caller caller = Guard.caller(ctx);
        ArrayNode list = Json.mapper().createArrayNode();
        for (ActionPlan action : actions.registry().all()) {
            if (!caller.mayUse(action.name())) {
                continue;
            }
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
        Replies.json(ctx, 200, list);
    }

    /** {@code GET /api/problems}: the definition files that are broken now. */
    void problems(RoutingContext ctx) {
        ArrayNode list = Json.mapper().createArrayNode();
        for (Map.Entry<String, List<DefinitionError>> problem : actions.problems().all().entrySet()) {
            ObjectNode item = list.addObject();
            item.put("file", problem.getKey());
            ArrayNode errors = item.putArray("errors");
            problem.getValue().forEach(error -> errors.add((error.pointer().isEmpty() ? "/" : error.pointer()) + ": " + error.reason()));
        }
        Replies.json(ctx, 200, list);
    }

    /** {@code POST /api/actions/{name}/test} and {@code /execute}. */
    void run(RoutingContext ctx, boolean test) {
        String name = ctx.pathParam("name");
        Caller caller = Guard.caller(ctx);
        if (!known(ctx, caller, name)) {
            return;
        }
        Contexts contexts;
        try {
            contexts = Contexts.fromJson(body(ctx));
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        ExecutionInput input = new ExecutionInput(contexts, test ? "test" : "execute", caller.name());
        submit(ctx, () -> {
            ActionResult result = actions.execute(name, input);
            if (test) {
                return result.toJson();
            }
            ObjectNode json = Json.mapper().createObjectNode();
            json.set("attributes", result.attributesJson());
            return json;
        });
    }

    /** {@code POST /api/pipelines/execute}: {@code {"actions": [...], "context": {...}}}. */
    void pipeline(RoutingContext ctx) {
        Caller caller = Guard.caller(ctx);
        JsonNode request;
        try {
            request = body(ctx);
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        JsonNode names = request == null ? null : request.get("actions");
        if (names == null || !names.isArray() || names.isEmpty()) {
            Replies.error(ctx, 400, "body must be {\"actions\": [\"a\", \"b\"], \"context\": {...}} with at least one action");
            return;
        }
        if (names.size() > maxPipelineActions) {
            Replies.error(ctx, 400, "a pipeline runs at most " + maxPipelineActions + " actions (webhook.pipelines.max-actions);"
                    + " this one has " + names.size());
            return;
        }
        List<String> list = new ArrayList<>();
        for (JsonNode name : names) {
            if (!name.isTextual()) {
                Replies.error(ctx, 400, "\"actions\" must be an array of action names");
                return;
            }
            if (!known(ctx, caller, name.asText())) {
                return;
            }
            list.add(name.asText());
        }
        Contexts contexts;
        try {
            contexts = Contexts.fromJson(request.get("context"));
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, "\"context\": " + e.getMessage());
            return;
        }
        ExecutionInput input = new ExecutionInput(contexts, "pipeline", caller.name());
        submit(ctx, () -> {
            ObjectNode merged = Json.mapper().createObjectNode();
            ObjectNode attributes = merged.putObject("attributes");
            for (ActionResult result : actions.pipeline(list, input)) {
                result.attributesJson().fields().forEachRemaining(context ->
                        ((ObjectNode) attributes.with(context.getKey())).setAll((ObjectNode) context.getValue()));
            }
            return merged;
        });
    }

    /** True when {@code name} is loaded and the caller may use it; else answers 404 or 403. */
    private boolean known(RoutingContext ctx, Caller caller, String name) {
        if (!caller.mayUse(name)) {
            Replies.error(ctx, 403, "the key " + caller.name() + " may not use the action \"" + name + "\"");
            return false;
        }
        if (actions.find(name).isEmpty()) {
            // The closest name among the actions this caller may use: a hint never reveals one it may not.
            String hint = io.webhookactions.support.Suggestions.closest(name, actions.registry().all().stream()
                    .map(ActionPlan::name).filter(caller::mayUse).toList())
                    .map(close -> "; did you mean \"" + close + "\"?").orElse("");
            Replies.error(ctx, 404, new UnknownActionException(name, hint).getMessage());
            return false;
        }
        return true;
    }

    /** Runs {@code work} on the execution pool and answers with its JSON; 503 when the pool is full. */
    private void submit(RoutingContext ctx, java.util.function.Supplier<JsonNode> work) {
        boolean accepted = pool.submit(() -> {
            try {
                Replies.json(ctx, 200, work.get());
            } catch (UnknownActionException e) {
                Replies.error(ctx, 404, e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                org.slf4j.LoggerFactory.getLogger(ActionsApi.class).error("API execution failed unexpectedly", e);
                Replies.error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "); see the service log");
            }
        });
        if (!accepted) {
            ctx.response().putHeader("Retry-After", "1");
            Replies.error(ctx, 503, "too many executions at once (webhook.executions.max-concurrent and as many waiting);"
                    + " try again shortly");
        }
    }

    /** The request body as JSON; null for an empty body. */
    private static JsonNode body(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Json.strict().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + e.getOriginalMessage());
        }
    }

}
