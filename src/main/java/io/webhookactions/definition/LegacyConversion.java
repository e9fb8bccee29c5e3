package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.AttributeName;
import java.util.List;

/**
 * Turns a legacy definition file into the equivalent V2 one (SPEC §9 {@code convert}): the same URL,
 * headers, authentication and timeout; a POST whose body template sends the inputs as
 * {@code input_data.attributes}; and, for every status group, success from {@code successful}, each
 * output from {@code output_data.attributes.<name>} and {@code N_error} from {@code errors[].message}.
 * One behaviour has no V2 form: a legacy {@code null} output removes the attribute, a V2 output that
 * is null leaves it as it was ({@link #DIFFERENCES}).
 */
public final class LegacyConversion {

    /** What the converted definition does differently, for the user to read. */
    public static final List<String> DIFFERENCES = List.of(
            "a null in output_data.attributes removed the attribute; the V2 definition leaves it unchanged");

    private LegacyConversion() {
    }

    /** @param legacy the legacy file's JSON tree (already validated); @param definition its compiled plan */
    public static ObjectNode toV2(JsonNode legacy, ActionPlan definition) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode v2 = nodes.objectNode();
        v2.put("name", definition.name());
        if (!definition.description().isEmpty()) {
            v2.put("description", definition.description());
        }
        v2.put("method", "POST");
        copy(legacy, v2, "url");
        copy(legacy, v2, "headers");
        v2.set("body", LegacyBody.of(definition.legacy()));
        copy(legacy, v2, "authentication");
        ObjectNode response = v2.putObject("response");
        for (StatusGroup group : StatusGroup.values()) {
            ObjectNode mapping = response.putObject(group.key());
            mapping.put("action_success", "successful == `true`");
            ObjectNode outputs = mapping.putObject("outputs");
            for (AttributeName output : definition.legacy().outputs()) {
                outputs.put(output.context() == io.webhookactions.attribute.Context.USER ? output.name() : output.toString(),
                        "output_data.attributes." + quoted(output.name()));
            }
            outputs.put(definition.name() + "_error", "errors && join('; ', errors[].message)");
        }
        copy(legacy, v2, "timeout_ms");
        copy(legacy, v2, "retry");
        return v2;
    }

    /** A JMESPath identifier, quoted when it is not a plain name. */
    private static String quoted(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "\"" + name.replace("\"", "\\\"") + "\"";
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field).deepCopy());
        }
    }
}
