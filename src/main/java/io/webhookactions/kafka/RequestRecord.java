package io.webhookactions.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.support.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One record of the requests topic, read and checked:
 * <pre>
 *   {"id": "r-42", "action": "get_user", "context": {"user": {"user_id": "42"}}}
 *   {"id": "r-43", "actions": ["get_user", "create_ticket"], "context": {...}}
 * </pre>
 * {@code id} names the request in its result (and to the idempotency guard); exactly one of {@code action} and
 * {@code actions} says what runs; {@code context} holds the contexts of SPEC §2 and may be left out. Anything else
 * (another field, a context name that is not one, a pipeline longer than {@code webhook.pipelines.max-actions}) is
 * refused with the reason, as the HTTP API refuses it.
 *
 * @param json the record as read, to tell a redelivery of this request from another request reusing its id
 */
public record RequestRecord(String id, List<String> actions, boolean pipeline, Contexts contexts, JsonNode json) {

    static final int MAX_ID_LENGTH = 200;
    private static final Set<String> FIELDS = Set.of("id", "action", "actions", "context");

    public RequestRecord {
        actions = List.copyOf(actions);
    }

    /**
     * @throws RejectedRequest with the reason, when the payload is not a request
     */
    public static RequestRecord parse(String payload, int maxPipelineActions) {
        JsonNode json;
        try {
            json = payload == null || payload.isBlank() ? null : Json.strict().readTree(payload);
        } catch (JsonProcessingException e) {
            throw new RejectedRequest(null, "not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new RejectedRequest(null, "a request is a JSON object {\"id\": ..., \"action\": ..., \"context\": {...}}");
        }
        String id = id(json);
        Set<String> unknown = new TreeSet<>();
        json.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new RejectedRequest(id, "unknown field" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                    + ": a request has id, action or actions, and context");
        }
        boolean pipeline = json.has("actions");
        if (pipeline == json.has("action")) {
            throw new RejectedRequest(id, "a request names either \"action\" (one action) or \"actions\" (a pipeline), not "
                    + (pipeline ? "both" : "neither"));
        }
        List<String> actions = pipeline ? pipeline(id, json.get("actions"), maxPipelineActions) : List.of(name(id, json.get("action")));
        Contexts contexts;
        try {
            contexts = Contexts.fromJson(json.get("context"));
        } catch (IllegalArgumentException e) {
            throw new RejectedRequest(id, "context: " + e.getMessage());
        }
        return new RequestRecord(id, actions, pipeline, contexts, json);
    }

    /**
     * SHA-256 (hex) of the request with the keys of every object sorted: the same for every copy of this request, however
     * its producer ordered the fields, and different for another request reusing its id. The shared guard stores it
     * instead of the request, which the history already keeps.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sorted(json).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Set<String> names = new TreeSet<>();
            node.fieldNames().forEachRemaining(names::add);
            ObjectNode sorted = Json.NODES.objectNode();
            names.forEach(name -> sorted.set(name, sorted(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode sorted = Json.NODES.arrayNode();
            node.forEach(element -> sorted.add(sorted(element)));
            return sorted;
        }
        return node;
    }

    private static String id(JsonNode json) {
        JsonNode id = json.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new RejectedRequest(null, "\"id\" must be a non-empty string: the result carries it back");
        }
        if (id.asText().length() > MAX_ID_LENGTH) {
            throw new RejectedRequest(null, "\"id\" is longer than " + MAX_ID_LENGTH + " characters");
        }
        return id.asText();
    }

    private static List<String> pipeline(String id, JsonNode actions, int max) {
        if (!actions.isArray() || actions.isEmpty()) {
            throw new RejectedRequest(id, "\"actions\" must be a non-empty array of action names");
        }
        if (actions.size() > max) {
            throw new RejectedRequest(id, "a pipeline runs at most " + max + " actions (webhook.pipelines.max-actions); this one has "
                    + actions.size());
        }
        List<String> names = new ArrayList<>();
        actions.forEach(name -> names.add(name(id, name)));
        return names;
    }

    private static String name(String id, JsonNode name) {
        if (!name.isTextual() || name.asText().isBlank()) {
            throw new RejectedRequest(id, "an action name must be a non-empty string, not " + name);
        }
        return name.asText();
    }
}
