package io.webhookactions.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.call.FailureKind;
import io.webhookactions.call.SentRequest;
import io.webhookactions.call.UpstreamResponse;
import java.util.Map;

/**
 * What one execution produced (SPEC §4, §7): success, status, what it set by context, the request as
 * sent and the response as received (secrets masked), the error when nothing was received, and the
 * contexts as updated for the next action of a pipeline.
 *
 * @param statusCode null when no response was received
 * @param attributes what this execution set: {@code user} and {@code session}; a NullNode value
 *                   means the attribute was removed
 * @param request    null when the request could not even be rendered
 * @param response   null when nothing was received
 * @param error      {@code N_error}, or null
 * @param failure    why nothing usable was received, or null when a response was
 * @param input      the contexts the execution started from ({@link #contexts()} adds what it set)
 */
public record ActionResult(String action, boolean success, Integer statusCode, long durationMs,
                           Map<Context, ObjectNode> attributes, SentRequest request, UpstreamResponse response,
                           String error, FailureKind failure, Contexts input) {

    public ActionResult {
        attributes = Map.copyOf(attributes);
    }

    /**
     * The result with every value in {@code secrets} scrubbed from what it shows (SPEC §11): the request,
     * the response headers and body, the attributes set, the error.
     */
    public ActionResult scrubbed(io.webhookactions.attribute.SecretValues secrets) {
        if (secrets.isEmpty()) {
            return this;
        }
        return new ActionResult(action, success, statusCode, durationMs, Scrubbing.attributes(attributes, secrets),
                Scrubbing.request(request, secrets), Scrubbing.response(response, secrets), secrets.scrub(error), failure, input);
    }

    /**
     * The contexts as this execution left them, for the next action of a pipeline. Computed when asked:
     * a single execution never needs the copy.
     */
    public Contexts contexts() {
        return input.withAll(attributes);
    }

    /** The attributes this execution set, as {@code {"user": {...}, "session": {...}}}. */
    public ObjectNode attributesJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (Context context : new Context[] {Context.USER, Context.SESSION}) {
            json.set(context.key(), attributes.getOrDefault(context, JsonNodeFactory.instance.objectNode()).deepCopy());
        }
        return json;
    }

    /**
     * The test-endpoint shape of SPEC §7. Also what Jackson writes for a result ({@code @JsonValue}): a host's
     * {@code marshal().json()} of the body a {@code webhook-action} endpoint left gets this masked form, where Jackson's
     * bean walk failed on the contexts and would have shown the unmasked input.
     */
    @com.fasterxml.jackson.annotation.JsonValue
    public ObjectNode toJson() {
        JsonNodeFactory nodes = io.webhookactions.support.Json.NODES;
        ObjectNode json = nodes.objectNode();
        json.put("action", action);
        json.put("success", success);
        if (statusCode == null) {
            json.putNull("status_code");
        } else {
            json.put("status_code", statusCode);
        }
        json.put("duration_ms", durationMs);
        json.set("attributes", attributesJson());
        if (request == null) {
            json.putNull("request");
        } else {
            ObjectNode sent = json.putObject("request");
            sent.put("method", request.method());
            sent.put("url", request.url());
            ObjectNode headers = sent.putObject("headers");
            request.headers().forEach(headers::put);
            sent.set("body", request.body() == null ? nodes.nullNode() : request.body());
        }
        if (response == null) {
            json.putNull("response");
        } else {
            ObjectNode received = json.putObject("response");
            received.put("status", response.status());
            ObjectNode headers = received.putObject("headers");
            response.headers().forEach(headers::put);
            String body = response.bodyText();
            if (body == null) {
                received.putNull("body");
            } else {
                received.put("body", body);
            }
        }
        if (error == null) {
            json.putNull("error");
        } else {
            json.put("error", error);
        }
        return json;
    }

    /** The value this execution set for {@code context.name}, or null. */
    public JsonNode attribute(Context context, String name) {
        ObjectNode values = attributes.get(context);
        return values == null ? null : values.get(name);
    }
}
