package io.webhookactions.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.webhookactions.attribute.AttributeName;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.call.UpstreamResponse;
import io.webhookactions.definition.ResponsePlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The response of a legacy action (SPEC §9): {@code successful} decides success; on success each listed
 * output is read from {@code output_data.attributes} (typed as declared; a {@code null} removes the
 * attribute); on failure the {@code errors[].message} become {@code N_error}. The status code is kept
 * as {@code N_status_code} but decides nothing.
 */
final class LegacyMapping implements ResponseMapping {

    private final String action;
    private final List<AttributeName> outputs;
    private final AttributeTypes types;

    LegacyMapping(String action, ResponsePlan.Legacy plan, AttributeTypes types) {
        this.action = action;
        this.outputs = plan.outputs();
        this.types = types;
    }

    @Override
    public Mapped map(UpstreamResponse response) {
        SetAttributes set = new SetAttributes();
        JsonNode json = StatusGroupMapping.parse(response.body());
        String error = null;
        boolean success = false;
        if (json == null || !json.isObject()) {
            error = "the legacy action answered " + response.status() + " with a body that is not a JSON object";
        } else if (!json.path("successful").isBoolean()) {
            error = "the legacy action's answer has no \"successful\" true/false";
        } else {
            success = json.get("successful").booleanValue();
            if (success) {
                JsonNode attributes = json.path("output_data").path("attributes");
                for (AttributeName output : outputs) {
                    if (attributes.has(output.name())) {
                        set.put(output, typed(output, attributes.get(output.name())));
                    }
                }
            } else {
                error = messages(json.path("errors"));
            }
        }
        set.putDefaults(action, success, response.status(), error);
        return new Mapped(success, set.values(), error);
    }

    @Override
    public Mapped failure(String error) {
        return ResponseMapping.failure(action, error);
    }

    /** A null output removes the attribute (NullNode); a value that cannot take the declared type sets nothing. */
    private JsonNode typed(AttributeName output, JsonNode value) {
        if (value.isNull()) {
            return NullNode.getInstance();
        }
        JsonNode coerced = types.coerce(output.context(), output.name(), value);
        return coerced.isMissingNode() ? null : coerced;
    }

    private static String messages(JsonNode errors) {
        List<String> messages = new ArrayList<>();
        if (errors.isTextual() && !errors.asText().isBlank()) {
            messages.add(errors.asText());
        } else if (errors.isObject() && !errors.path("message").asText("").isBlank()) {
            messages.add(errors.path("message").asText());
        } else if (errors.isArray()) {
            for (JsonNode error : errors) {
                String message = error.isTextual() ? error.asText() : error.path("message").asText("");
                if (!message.isBlank()) {
                    messages.add(message);
                }
            }
        }
        return messages.isEmpty() ? "the legacy action reported a failure without a message" : String.join("; ", messages);
    }
}
