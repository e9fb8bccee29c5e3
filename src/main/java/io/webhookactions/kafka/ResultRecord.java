package io.webhookactions.kafka;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.response.ActionResult;
import io.webhookactions.support.Json;
import java.util.List;

/**
 * The record written to the results topic for one request, under the request's key. For one action:
 * <pre>
 *   {"id": "r-42", "action": "get_user", "success": true, "status_code": 200, "error": null, "duration_ms": 12,
 *    "attributes": {"user": {...}, "session": {...}}}
 * </pre>
 * For a pipeline ({@code "actions"}): {@code attributes} is everything its actions set, later actions winning (as
 * {@code POST /api/pipelines/execute} answers); {@code success} is true when every action succeeded;
 * {@code status_code} is the last action's; {@code error} the first error, prefixed with its action's name; and
 * {@code results} sums up each action in order. Requests and responses are not included: a result is what the
 * conversation needs, not a trace (the execution history keeps those).
 */
final class ResultRecord {

    private ResultRecord() {
    }

    static String of(RequestRecord request, List<ActionResult> results) {
        ObjectNode json = Json.NODES.objectNode();
        json.put("id", request.id());
        if (!request.pipeline()) {
            ActionResult result = results.get(0);
            json.put("action", result.action());
            summary(json, result);
            json.set("attributes", result.attributesJson());
            return json.toString();
        }
        ArrayNode names = json.putArray("actions");
        request.actions().forEach(names::add);
        json.put("success", results.stream().allMatch(ActionResult::success));
        ActionResult last = results.get(results.size() - 1);
        if (last.statusCode() == null) {
            json.putNull("status_code");
        } else {
            json.put("status_code", last.statusCode());
        }
        String error = results.stream().filter(result -> result.error() != null).findFirst()
                .map(result -> result.action() + ": " + result.error()).orElse(null);
        json.put("error", error);
        json.put("duration_ms", results.stream().mapToLong(ActionResult::durationMs).sum());
        ObjectNode attributes = json.putObject("attributes");
        ArrayNode each = json.putArray("results");
        for (ActionResult result : results) {
            result.attributesJson().fields().forEachRemaining(context ->
                    attributes.withObjectProperty(context.getKey()).setAll((ObjectNode) context.getValue()));
            summary(each.addObject().put("action", result.action()), result);
        }
        return json.toString();
    }

    private static void summary(ObjectNode json, ActionResult result) {
        json.put("success", result.success());
        if (result.statusCode() == null) {
            json.putNull("status_code");
        } else {
            json.put("status_code", result.statusCode());
        }
        json.put("error", result.error());
        json.put("duration_ms", result.durationMs());
    }
}
