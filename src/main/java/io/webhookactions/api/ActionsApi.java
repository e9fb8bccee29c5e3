package io.webhookactions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.buffer.Buffer;
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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The action endpoints of the HTTP API (SPEC §7, §10, §11): the list, test and execute, pipelines, problems.
 * Executions run on the {@link ExecutionPool}, never on the server's own threads; every result is built from
 * an {@link ActionResult}, whose secrets are already masked and scrubbed.
 */
final class ActionsApi {

    /** Twice the longest action name (60 characters, the definition format): beyond it no name is close enough to suggest. */
    static final int MAX_HINTED = 120;

    private final WebhookActions actions;
    private final ExecutionPool pool;
    private final int maxPipelineActions;
    /** The list entry of each loaded plan; weak keys compare by identity, and a replaced plan's entry goes with it. */
    private final Cache<ActionPlan, String> listed = Caffeine.newBuilder().weakKeys().build();

    ActionsApi(WebhookActions actions, ExecutionPool pool, int maxPipelineActions) {
        this.actions = actions;
        this.pool = pool;
        this.maxPipelineActions = maxPipelineActions;
    }

    /**
     * {@code GET /api/actions}: the actions this caller may use. Each action's entry is written once per loaded plan
     * (plans are immutable; a reload makes a new one) and kept while the plan is, so with thousands of actions a
     * request only joins ready-made text instead of building and writing a tree of every action again.
     */
    void list(RoutingContext ctx) {
        Caller caller = Guard.caller(ctx);
        StringBuilder list = new StringBuilder(4096).append('[');
        for (ActionPlan action : actions.registry().all()) {
            if (caller.mayUse(action.name())) {
                list.append(list.length() > 1 ? "," : "").append(listed.get(action, ActionsApi::entry));
            }
        }
        Replies.json(ctx, 200, list.append(']').toString());
    }

    private static String entry(ActionPlan action) {
        ObjectNode item = Json.mapper().createObjectNode();
        item.put("name", action.name());
        item.put("description", action.description());
        item.put("method", action.method().name());
        item.put("url", action.request().url().display());
        if (action.isLegacy()) {
            item.put("legacy", true);
        }
        ArrayNode inputs = item.putArray("inputs");
        action.inputs().forEach(inputs::add);
        return item.toString();
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
            // The closest name among the actions this caller may use: a hint never reveals one it may not. A name longer
            // than MAX_HINTED is further than any action name from every one (a hint allows half the length in edits),
            // and comparing a 1 MiB name to each of thousands took minutes on the event loop.
            String hint = name.length() > MAX_HINTED ? "" : io.webhookactions.support.Suggestions.closest(name, actions.registry().all()
                    .stream().map(ActionPlan::name).filter(caller::mayUse).toList())
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
        Buffer bytes = ctx.body() == null ? null : ctx.body().buffer();
        String text = bytes == null ? null : text(bytes.getBytes(), ctx.request().getHeader("Content-Type"));
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Json.strict().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The body as text: UTF-8 (RFC 8259) unless {@code Content-Type} names another charset. Bytes that are not in it
     * are an error rather than U+FFFD, which silently changed the values sent on (and signed); a charset that is no
     * charset is a 400 rather than Vert.x's 500 (a lone {@code "}) or an empty message.
     */
    static String text(byte[] bytes, String contentType) {
        String name = charset(contentType);
        Charset charset;
        try {
            charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Content-Type names the charset \"" + name + "\", which this service cannot read;"
                    + " send the body as UTF-8 (charset=utf-8, or no charset)");
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("body is not valid " + charset.name() + (name == null ? "" : " (the charset of Content-Type)")
                    + "; send JSON as UTF-8");
        }
    }

    /** The {@code charset} parameter of a Content-Type, unquoted; null when there is none. */
    private static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0 && parts[i].substring(0, equals).strip().equalsIgnoreCase("charset")) {
                String value = parts[i].substring(equals + 1).strip();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

}
