package io.webhookactions.component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.response.ActionResult;
import io.webhookactions.support.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Converter;

/**
 * Camel type converters from the {@link ActionResult} a {@code webhook-action} endpoint leaves in the body to its
 * JSON form (the test response of SPEC §7): as a Jackson tree, a Map, or JSON text, and that text as UTF-8 bytes or a
 * stream, which endpoints such as {@code file:} ask for (Camel does not chain converters through String). Camel's tooling
 * generates the loader ({@code ActionResultConvertersLoader}).
 */
@Converter(generateLoader = true)
public final class ActionResultConverters {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ActionResultConverters() {
    }

    @Converter
    public static JsonNode toJsonNode(ActionResult result) {
        return result.toJson();
    }

    @Converter
    public static Map<String, Object> toMap(ActionResult result) {
        return Json.mapper().convertValue(result.toJson(), MAP);
    }

    @Converter
    public static String toJsonString(ActionResult result) {
        return result.toJson().toString();
    }

    @Converter
    public static byte[] toBytes(ActionResult result) {
        return toJsonString(result).getBytes(StandardCharsets.UTF_8);
    }

    @Converter
    public static InputStream toInputStream(ActionResult result) {
        return new ByteArrayInputStream(toBytes(result));
    }
}
