package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The tree the JSON Schema checks: numbers beyond a long brought to the nearest one. The validator (networknt 1.5)
 * compares a decimal with a bound by its {@code BigDecimal.longValue()}, the low 64 bits of its whole part: {@code 1e300}
 * read as 0 ("must be at least 1" for a timeout) and {@code 1.8446744073709551716e19} as 100, so such a
 * {@code timeout_ms} passed as valid and then ran with the default. Brought to {@link Long#MAX_VALUE}, the schema's
 * own "must be at most ..." applies. Only the schema sees this tree; the compiler keeps the numbers as written (a
 * body's literal numbers are sent exactly).
 */
final class OutOfRangeNumbers {

    private OutOfRangeNumbers() {
    }

    /** {@code tree} itself when every number fits a long (nearly always), else a copy with those that do not clamped. */
    static JsonNode clamped(JsonNode tree) {
        if (!holdsOne(tree)) {
            return tree;
        }
        JsonNode copy = tree.deepCopy();
        clampIn(copy);
        return copy;
    }

    private static boolean beyond(JsonNode node) {
        return node.isNumber() && !node.canConvertToLong();
    }

    private static boolean holdsOne(JsonNode node) {
        if (beyond(node)) {
            return true;
        }
        for (JsonNode child : node) {
            if (holdsOne(child)) {
                return true;
            }
        }
        return false;
    }

    private static void clampIn(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (beyond(field.getValue())) {
                    field.setValue(nearest(field.getValue()));
                } else {
                    clampIn(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (beyond(array.get(i))) {
                    array.set(i, nearest(array.get(i)));
                } else {
                    clampIn(array.get(i));
                }
            }
        }
    }

    private static JsonNode nearest(JsonNode number) {
        return LongNode.valueOf(number.decimalValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
    }
}
