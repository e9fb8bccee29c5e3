package io.webhookactions.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A parsed template string: literal text, attribute expressions with compiled filters, and property
 * placeholders. Parsing happens once, at load; rendering only walks the segments.
 */
public final class Template {

    private final String source;
    private final List<Segment> segments;

    private Template(String source, List<Segment> segments) {
        this.source = source;
        this.segments = List.copyOf(segments);
    }

    /**
     * Parses {@code source}.
     *
     * @throws TemplateSyntaxException with the column and the fix when it does not parse, names an
     *                                 unknown filter, or gives a filter wrong arguments
     */
    public static Template parse(String source) {
        return new Template(Objects.requireNonNull(source), TemplateParser.parse(source));
    }

    /** A template that renders {@code text} exactly, braces included. */
    public static Template literal(String text) {
        return new Template(text, text.isEmpty() ? List.of() : List.of(new Segment.Text(text)));
    }

    public String source() {
        return source;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** True when the template is exactly one expression ({@code "{user.age}"}): it then has a typed value. */
    public boolean isSingleExpression() {
        return segments.size() == 1 && segments.get(0) instanceof Segment.Expression;
    }

    /** True when there is nothing to evaluate: the template always renders the same text. */
    public boolean isConstant() {
        return segments.stream().allMatch(segment -> segment instanceof Segment.Text);
    }

    /** Every attribute reference, those in {@code @ref} filter arguments included, in order of appearance. */
    public List<Reference> references() {
        List<Reference> references = new ArrayList<>();
        for (Segment segment : segments) {
            if (segment instanceof Segment.Expression expression) {
                references.add(expression.reference());
                for (FilterCall filter : expression.filters()) {
                    for (Argument argument : filter.arguments()) {
                        if (argument instanceof Argument.Attribute attribute) {
                            references.add(attribute.reference());
                        }
                    }
                }
            }
        }
        return references;
    }

    /** The keys of {@code {{key}}} placeholders. */
    public List<String> placeholders() {
        // A loop, not a stream: called for every template of every definition at load, mostly before the JIT has
        // compiled anything, where a stream pipeline cost more than the parse (ScaleBench 10 000, JFR).
        List<String> keys = new ArrayList<>(0);
        for (Segment segment : segments) {
            if (segment instanceof Segment.Placeholder placeholder) {
                keys.add(placeholder.key());
            }
        }
        return List.copyOf(keys);
    }

    /**
     * Replaces every {@code {{key}}} with its value, as literal text: a property value is never parsed for
     * attribute references.
     *
     * @param protect true inside authentication: the values become {@link Segment.Protected}, sent as they
     *                are and shown masked
     */
    public Template withPlaceholders(UnaryOperator<String> properties, boolean protect) {
        if (placeholders().isEmpty()) {
            return this;
        }
        List<Segment> resolved = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments) {
            if (segment instanceof Segment.Text literal) {
                text.append(literal.text());
            } else if (segment instanceof Segment.Placeholder placeholder && !protect) {
                text.append(properties.apply(placeholder.key()));
            } else {
                if (text.length() > 0) {
                    resolved.add(new Segment.Text(text.toString()));
                    text.setLength(0);
                }
                resolved.add(segment instanceof Segment.Placeholder placeholder
                        ? new Segment.Protected(properties.apply(placeholder.key())) : segment);
            }
        }
        if (text.length() > 0) {
            resolved.add(new Segment.Text(text.toString()));
        }
        return new Template(source, resolved);
    }

    /** {@link #withPlaceholders(UnaryOperator, boolean)} outside authentication: values become literal text. */
    public Template withPlaceholders(UnaryOperator<String> properties) {
        return withPlaceholders(properties, false);
    }

    /**
     * The template for people to read: literal text and resolved properties as they are, each expression as
     * written, protected values masked ({@code https://api.example.com/users/{user_id}}).
     */
    public String display() {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            if (segment instanceof Segment.Text text) {
                out.append(text.text().replace("{", "\\{").replace("}", "\\}"));
            } else if (segment instanceof Segment.Expression expression) {
                out.append(expression.text());
            } else if (segment instanceof Segment.Protected) {
                out.append(io.webhookactions.attribute.SecretSource.MASK);
            } else {
                out.append("{{").append(((Segment.Placeholder) segment).key()).append("}}");
            }
        }
        return out.toString();
    }

    /**
     * The value of one expression: the reference's value passed through its filters.
     *
     * @throws RenderException when a filter makes the value longer than the scope allows
     */
    public static JsonNode evaluate(Segment.Expression expression, Scope scope) {
        JsonNode value = scope.resolve(expression.reference());
        if (lengthOf(value) > scope.maxRenderedLength()) {
            throw tooLong(expression, scope);
        }
        for (FilterCall filter : expression.filters()) {
            value = filter.filter().apply(value, scope);
            if (value == null) {
                value = MissingNode.getInstance();
            }
            if (lengthOf(value) > scope.maxRenderedLength()) {
                throw tooLong(expression, scope);
            }
        }
        return value;
    }

    private static long lengthOf(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().length();
        }
        if (value.isBinary()) {
            return ((com.fasterxml.jackson.databind.node.BinaryNode) value).binaryValue().length;
        }
        return 0;
    }

    static RenderException tooLong(Segment.Expression expression, Scope scope) {
        return new RenderException("the value of " + expression.text() + " is longer than webhook.max-rendered-bytes ("
                + scope.maxRenderedLength() + ")");
    }

    /** The typed value of a single-expression template, or its text for any other template. */
    public JsonNode value(Scope scope) {
        if (isSingleExpression()) {
            return evaluate((Segment.Expression) segments.get(0), scope);
        }
        return Values.text(render(scope));
    }

    /** Plain-text rendering: each expression's value as text, missing ones as nothing. */
    public String render(Scope scope) {
        if (segments.size() == 1 && segments.get(0) instanceof Segment.Text text) {
            return text.text();
        }
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (Segment segment : segments) {
            if (segment instanceof Segment.Text text) {
                out.append(text.text());
            } else if (segment instanceof Segment.Expression expression) {
                out.append(Values.asText(evaluate(expression, scope)));
                if (out.length() > scope.maxRenderedLength()) {
                    throw tooLong(expression, scope);
                }
            } else if (segment instanceof Segment.Protected value) {
                out.append(scope.protectedText(value.text()));
            } else {
                throw new IllegalStateException("property placeholder {{" + ((Segment.Placeholder) segment).key()
                        + "}} was not resolved at load");
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
