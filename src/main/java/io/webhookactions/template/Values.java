package io.webhookactions.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.webhookactions.attribute.Coercion;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;

/** How attribute values (Jackson nodes) read as text, walk accessors, and compare. */
public final class Values {

    public static final JsonNodeFactory NODES = io.webhookactions.support.Json.NODES;

    private Values() {
    }

    public static JsonNode text(String text) {
        return TextNode.valueOf(text);
    }

    /** True for a value that renders as nothing: missing, null or the empty string. */
    public static boolean isEmpty(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isEmpty());
    }

    /**
     * The text form of a value: strings as they are, numbers without exponent, bytes as base64,
     * arrays and objects as compact JSON, missing and null as the empty string.
     */
    public static String asText(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBinary()) {
            return Base64.getEncoder().encodeToString(bytes(value));
        }
        if (value.isValueNode()) {
            return Coercion.plain(value);
        }
        return value.toString();
    }

    /** The bytes of a binary value, or the UTF-8 bytes of its text form. */
    public static byte[] bytes(JsonNode value) {
        if (value != null && value.isBinary()) {
            try {
                return value.binaryValue();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return asText(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Applies accessors; a key on a non-object, an index out of range or on a non-array yields MissingNode. */
    public static JsonNode walk(JsonNode value, List<Accessor> path) {
        JsonNode current = value;
        for (Accessor accessor : path) {
            if (current.isTextual() && looksLikeJson(current.textValue())) {
                current = parseOrSelf(current);
            }
            if (accessor instanceof Accessor.Key key) {
                current = current.isObject() ? current.path(key.name()) : MissingNode.getInstance();
            } else {
                int index = ((Accessor.Index) accessor).index();
                if (current.isArray()) {
                    int at = index < 0 ? current.size() + index : index;
                    current = current.path(at);
                } else {
                    current = MissingNode.getInstance();
                }
            }
            if (current.isMissingNode()) {
                return current;
            }
        }
        return current;
    }

    /** A JSON array from a value: arrays as they are, a JSON text holding an array parsed, else null. */
    public static ArrayNode asArray(JsonNode value) {
        if (value != null && value.isArray()) {
            return (ArrayNode) value;
        }
        if (value != null && value.isTextual() && looksLikeJson(value.textValue())) {
            JsonNode parsed = parseOrSelf(value);
            return parsed.isArray() ? (ArrayNode) parsed : null;
        }
        return null;
    }

    private static boolean looksLikeJson(String text) {
        String trimmed = text.strip();
        return trimmed.startsWith("[") || trimmed.startsWith("{");
    }

    /** Attribute values sometimes arrive as JSON text (a collection stored as a string); read them as JSON. */
    private static JsonNode parseOrSelf(JsonNode text) {
        try {
            return io.webhookactions.support.Json.mapper().readTree(text.textValue());
        } catch (java.io.IOException e) {
            return text;
        }
    }

    /**
     * A number from a value (numbers, numeric strings), or null. NaN, the infinities, text longer than
     * {@link Coercion#MAX_NUMBER_TEXT} characters and numbers that are not {@link Coercion#writable} are no numbers: filters then
     * pass them unchanged instead of computing with a billion digits.
     */
    public static BigDecimal number(JsonNode value) {
        BigDecimal number = value == null ? null : Coercion.number(value);
        return number != null && number.unscaledValue().bitLength() <= MAX_NUMBER_BITS ? number : null;
    }

    /** About {@link Coercion#MAX_NUMBER_TEXT} digits: the same limit for numbers handed over by Java code. */
    private static final int MAX_NUMBER_BITS = 3400;

}
