package io.webhookactions.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON body template compiled at load. The structure is fixed by the definition: values only fill
 * leaves. A string that is exactly one reference becomes the attribute's typed JSON value (missing ->
 * {@code null}); a reference inside a longer string is rendered as text into that string. The result
 * is a Jackson tree, serialised by Jackson, so no value can alter the JSON structure.
 */
public final class JsonBodyTemplate {

    private sealed interface Node {
        JsonNode render(Scope scope);
    }

    private record Constant(JsonNode value) implements Node {
        @Override
        public JsonNode render(Scope scope) {
            return value;
        }
    }

    private record Typed(Segment.Expression expression) implements Node {
        @Override
        public JsonNode render(Scope scope) {
            JsonNode value = Template.evaluate(expression, scope);
            if (value.isMissingNode()) {
                return NullNode.getInstance();
            }
            if (!io.webhookactions.attribute.Coercion.numbersWritable(value)) {
                // The product's mapper writes numbers out in full and refused this one when the body was written for
                // sending, an error no execution result reported; fail the render instead. The value is not named.
                throw new RenderException("the value of " + expression.text() + " holds a number with an exponent beyond "
                        + io.webhookactions.attribute.Coercion.MAX_SCALE + "; numbers in a JSON body are written out in full, up to "
                        + io.webhookactions.attribute.Coercion.MAX_SCALE + " digits before or after the point");
            }
            return value.isBinary() ? TextNode.valueOf(Values.asText(value)) : value;
        }
    }

    private record Text(Template template) implements Node {
        @Override
        public JsonNode render(Scope scope) {
            return TextNode.valueOf(template.render(scope));
        }
    }

    private record Array(List<Node> items) implements Node {
        @Override
        public JsonNode render(Scope scope) {
            ArrayNode array = Values.NODES.arrayNode(items.size());
            for (Node item : items) {
                array.add(item.render(scope));
            }
            return array;
        }
    }

    private record Object(Map<String, Node> fields) implements Node {
        @Override
        public JsonNode render(Scope scope) {
            // Sized up front: a 20-field body would otherwise rehash its map twice per render.
            Map<String, JsonNode> children = new LinkedHashMap<>((int) (fields.size() / 0.75f) + 1);
            for (Map.Entry<String, Node> field : fields.entrySet()) {
                children.put(field.getKey(), field.getValue().render(scope));
            }
            return new ObjectNode(Values.NODES, children);
        }
    }

    private final Node root;
    private final List<Template> templates;

    private JsonBodyTemplate(Node root, List<Template> templates) {
        this.root = root;
        this.templates = List.copyOf(templates);
    }

    /** Parses one string of the body; null when it cannot be used (its problem was reported). */
    @FunctionalInterface
    public interface Strings {
        Template parse(String text, String pointer);
    }

    /**
     * Compiles a body tree. Every string in it is a template; keys are literal.
     *
     * @param body    the definition's body
     * @param pointer the JSON pointer of the body ({@code /body}), for {@code strings}
     * @param strings parses each string at its pointer; when it returns null for any, so does this
     */
    public static JsonBodyTemplate compile(JsonNode body, String pointer, Strings strings) {
        List<Template> templates = new ArrayList<>();
        Node root = compile(body, pointer, strings, templates);
        return root == null ? null : new JsonBodyTemplate(root, templates);
    }

    private static Node compile(JsonNode node, String pointer, Strings strings, List<Template> templates) {
        if (node.isTextual()) {
            Template template = strings.parse(node.textValue(), pointer);
            if (template == null) {
                return null;
            }
            templates.add(template);
            if (template.isConstant()) {
                return new Constant(TextNode.valueOf(template.render(Scope.empty())));
            }
            return template.isSingleExpression() ? new Typed((Segment.Expression) template.segments().get(0)) : new Text(template);
        }
        boolean complete = true;
        if (node.isArray()) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                Node item = compile(node.get(i), pointer + "/" + i, strings, templates);
                complete &= item != null;
                items.add(item);
            }
            return complete ? new Array(List.copyOf(items)) : null;
        }
        if (node.isObject()) {
            Map<String, Node> fields = new LinkedHashMap<>();
            var entries = node.fields();
            while (entries.hasNext()) {
                var entry = entries.next();
                String child = pointer + "/" + entry.getKey().replace("~", "~0").replace("/", "~1");
                Node value = compile(entry.getValue(), child, strings, templates);
                complete &= value != null;
                fields.put(entry.getKey(), value);
            }
            return complete ? new Object(java.util.Collections.unmodifiableMap(fields)) : null;
        }
        return new Constant(node.deepCopy());
    }

    /** The body for this scope, a fresh tree. */
    public JsonNode render(Scope scope) {
        return root.render(scope);
    }

    /** Every template in the body, in document order. */
    public List<Template> templates() {
        return templates;
    }
}
