package io.webhookactions.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.Map;

/**
 * The caller-supplied contexts of one execution (SPEC §2): {@code user}, {@code session},
 * {@code global}, {@code conversation}, each a JSON object. Instances are immutable; {@link #with}
 * returns a copy with one attribute changed (only {@code user} and {@code session} are writable).
 */
public final class Contexts {

    private static final Contexts EMPTY = new Contexts(new EnumMap<>(Context.class));

    private final Map<Context, ObjectNode> values;

    private Contexts(Map<Context, ObjectNode> values) {
        this.values = values;
    }

    public static Contexts empty() {
        return EMPTY;
    }

    /** How deep attribute values may nest: deeper documents are refused, not half-processed (SPEC §11). */
    public static final int MAX_DEPTH = 64;

    /**
     * Reads {@code {"user": {...}, "session": {...}, "global": {...}, "conversation": {...}}}.
     *
     * @throws IllegalArgumentException when the document or a context in it is not a JSON object, when it names
     *                                  another context ({@code secret}, {@code _auth} and {@code _webhook} cannot be
     *                                  supplied), or when values nest deeper than {@value #MAX_DEPTH} levels
     */
    public static Contexts fromJson(JsonNode document) {
        if (document == null || document.isNull() || document.isMissingNode()) {
            return EMPTY;
        }
        if (!document.isObject()) {
            throw new IllegalArgumentException("contexts must be a JSON object such as {\"user\": {\"user_id\": \"42\"}}");
        }
        java.util.List<String> unknown = new java.util.ArrayList<>();
        document.fieldNames().forEachRemaining(name -> {
            if (Context.ofKey(name).filter(Context::suppliedByCaller).isEmpty()) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown context" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                    + ": contexts are user, session, global and conversation (secret, _auth and _webhook cannot be supplied)");
        }
        if (depth(document, 0) > MAX_DEPTH) {
            throw new IllegalArgumentException("contexts nest deeper than " + MAX_DEPTH + " levels; flatten the attribute values");
        }
        Map<Context, ObjectNode> values = new EnumMap<>(Context.class);
        for (Context context : Context.values()) {
            if (!context.suppliedByCaller()) {
                continue;
            }
            JsonNode node = document.get(context.key());
            if (node == null || node.isNull()) {
                continue;
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException("context \"" + context.key() + "\" must be a JSON object of attributes");
            }
            values.put(context, ((ObjectNode) node).deepCopy());
        }
        return new Contexts(values);
    }

    /**
     * Whether {@code value} can be a context value: it nests at most {@value #MAX_DEPTH} levels and its numbers can be
     * written out ({@link Coercion#numbersWritable}). Values that come in another way than a request's contexts (an
     * output, a collection read from text) are held to it, or an answer carrying them could not be written.
     */
    public static boolean holdable(JsonNode value) {
        return depth(value) <= MAX_DEPTH && Coercion.numbersWritable(value);
    }

    /** How deep {@code value} nests: 0 for a scalar, 1 for a flat array or object; counting no further than one level past the limit. */
    static int depth(JsonNode value) {
        return value.isContainerNode() ? depth(value, 1) : 0;
    }

    /** The depth of {@code node}, counting no further than one level past the limit. */
    private static int depth(JsonNode node, int level) {
        if (level > MAX_DEPTH || !node.isContainerNode()) {
            return level;
        }
        int deepest = level;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child, level + 1));
            if (deepest > MAX_DEPTH) {
                break;
            }
        }
        return deepest;
    }

    /** The attribute {@code name} of a caller context, or a MissingNode. */
    public JsonNode get(Context context, String name) {
        ObjectNode node = values.get(context);
        JsonNode value = node == null ? null : node.get(name);
        return value == null ? MissingNode.getInstance() : value;
    }

    /** A copy with {@code context.name} set ({@code value} null or missing removes it). */
    public Contexts with(Context context, String name, JsonNode value) {
        if (!context.writable()) {
            throw new IllegalArgumentException(context.key() + " is read-only");
        }
        Map<Context, ObjectNode> copy = new EnumMap<>(values);
        ObjectNode node = copy.containsKey(context) ? copy.get(context).deepCopy() : JsonNodeFactory.instance.objectNode();
        if (value == null || value.isMissingNode()) {
            node.remove(name);
        } else {
            node.set(name, value);
        }
        copy.put(context, node);
        return new Contexts(copy);
    }

    /**
     * A copy with every change applied at once (one copy per changed context rather than one per
     * attribute): {@code changes} maps a writable context to the attributes to set; a null or NullNode
     * value removes the attribute.
     */
    public Contexts withAll(Map<Context, ObjectNode> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        Map<Context, ObjectNode> copy = new EnumMap<>(values);
        for (Map.Entry<Context, ObjectNode> change : changes.entrySet()) {
            Context context = change.getKey();
            if (!context.writable()) {
                throw new IllegalArgumentException(context.key() + " is read-only");
            }
            ObjectNode node = copy.containsKey(context) ? copy.get(context).deepCopy() : JsonNodeFactory.instance.objectNode();
            change.getValue().fields().forEachRemaining(field -> {
                if (field.getValue() == null || field.getValue().isNull() || field.getValue().isMissingNode()) {
                    node.remove(field.getKey());
                } else {
                    node.set(field.getKey(), field.getValue());
                }
            });
            copy.put(context, node);
        }
        return new Contexts(copy);
    }

    /** The contexts as a JSON document (copies). */
    public ObjectNode toJson() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        values.forEach((context, node) -> document.set(context.key(), node.deepCopy()));
        return document;
    }
}
