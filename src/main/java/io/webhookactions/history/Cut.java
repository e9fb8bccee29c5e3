package io.webhookactions.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.support.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * Cuts what a history record keeps to {@code webhook.history.max-body-bytes} UTF-8 bytes: a body, a URL, an
 * attribute value (a {@code raw_response} attribute holds a whole body). A cut value is the longest prefix
 * that fits, never half a character; the part it belongs to says {@code "truncated": true}.
 */
final class Cut {

    private Cut() {
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes. */
    static String prefix(String text, int maxBytes) {
        if (text.length() <= maxBytes / 3) {
            return text; // even three bytes a char fit: the common case costs no scan
        }
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int size;
            if (c < 0x80) {
                size = 1;
            } else if (c < 0x800) {
                size = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                size = 4;
            } else {
                size = 3;
            }
            if (bytes + size > maxBytes) {
                return text.substring(0, i);
            }
            bytes += size;
            if (size == 4) {
                i++;
            }
        }
        return text;
    }

    /** Cuts the text field {@code name} of {@code part}; marks the part when it did. */
    static boolean text(ObjectNode part, String name, int maxBytes) {
        JsonNode value = part.get(name);
        if (value == null || !value.isTextual()) {
            return false;
        }
        String cut = prefix(value.textValue(), maxBytes);
        if (cut.length() == value.textValue().length()) {
            return false;
        }
        part.put(name, cut);
        part.put("truncated", true);
        return true;
    }

    /** A JSON body larger than {@code maxBytes} written out becomes the cut text of it; the part is marked. */
    static boolean json(ObjectNode part, String name, int maxBytes) {
        JsonNode value = part.get(name);
        if (value == null || value.isNull() || value.isTextual()) {
            return value != null && value.isTextual() && text(part, name, maxBytes);
        }
        String written;
        try {
            written = Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return false;
        }
        String cut = prefix(written, maxBytes);
        if (cut.length() == written.length()) {
            return false;
        }
        part.put(name, cut);
        part.put("truncated", true);
        return true;
    }

    /** Cuts every long string inside {@code node} (attribute values, at any depth); true when one was cut. */
    static boolean values(JsonNode node, int maxBytes) {
        boolean cut = false;
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual()) {
                    String text = field.getValue().textValue();
                    String shorter = prefix(text, maxBytes);
                    if (shorter.length() != text.length()) {
                        field.setValue(Json.NODES.textNode(shorter));
                        cut = true;
                    }
                } else {
                    cut |= values(field.getValue(), maxBytes);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual()) {
                    String shorter = prefix(item.textValue(), maxBytes);
                    if (shorter.length() != item.textValue().length()) {
                        array.set(i, Json.NODES.textNode(shorter));
                        cut = true;
                    }
                } else {
                    cut |= values(item, maxBytes);
                }
            }
        }
        return cut;
    }
}
