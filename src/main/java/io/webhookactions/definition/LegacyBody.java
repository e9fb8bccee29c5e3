package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.AttributeName;

/**
 * The body template of a legacy action: {@code {"input_data": {"attributes": {"user_id": "{user.user_id}"}}}}.
 * Each input is a single reference, so it is sent with its declared type (SPEC §3 JSON body).
 */
public final class LegacyBody {

    private LegacyBody() {
    }

    public static JsonNode of(LegacyIo io) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode attributes = body.putObject("input_data").putObject("attributes");
        for (AttributeName input : io.inputs()) {
            attributes.put(input.name(), "{" + input + "}");
        }
        return body;
    }
}
