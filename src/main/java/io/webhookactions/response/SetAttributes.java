package io.webhookactions.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.AttributeName;
import io.webhookactions.attribute.Context;
import java.util.EnumMap;
import java.util.Map;

/** The attributes one execution sets, by context, with the three defaults of SPEC §4. */
final class SetAttributes {

    private final Map<Context, ObjectNode> values = new EnumMap<>(Context.class);

    Map<Context, ObjectNode> values() {
        return values;
    }

    /** Sets {@code name}; null sets nothing, a NullNode marks the attribute as removed. */
    void put(AttributeName name, JsonNode value) {
        if (value != null) {
            values.computeIfAbsent(name.context(), c -> JsonNodeFactory.instance.objectNode()).set(name.name(), value);
        }
    }

    void putDefaults(String action, boolean success, Integer status, String error) {
        ObjectNode user = values.computeIfAbsent(Context.USER, c -> JsonNodeFactory.instance.objectNode());
        user.set(action + "_action_success", BooleanNode.valueOf(success));
        user.set("action_success", BooleanNode.valueOf(success));
        if (status != null) {
            user.set(action + "_status_code", IntNode.valueOf(status));
        }
        if (error != null) {
            user.put(action + "_error", error);
        }
    }
}
