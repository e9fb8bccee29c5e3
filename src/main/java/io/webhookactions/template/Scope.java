package io.webhookactions.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.webhookactions.attribute.Context;

/**
 * Where references read their values during one render. Implementations supply the root attribute of a
 * context; accessors are applied here, the same way for every scope.
 */
@FunctionalInterface
public interface Scope {

    /** The attribute {@code name} of {@code context}, or a MissingNode. Never null. */
    JsonNode attribute(Context context, String name);

    /** The value of a full reference: the attribute, then each accessor; anything absent is a MissingNode. */
    default JsonNode resolve(Reference reference) {
        JsonNode value = attribute(reference.context(), reference.name());
        return Values.walk(value == null ? MissingNode.getInstance() : value, reference.path());
    }

    /** The value of a filter argument: literal text, or the attribute an {@code @ref} names. */
    default JsonNode resolve(Argument argument) {
        if (argument instanceof Argument.Attribute attribute) {
            return resolve(attribute.reference());
        }
        return Values.text(((Argument.Literal) argument).text());
    }

    /**
     * How a protected property value ({@link Segment.Protected}) reads in this scope: as it is by default;
     * a scope that shows values to people masks it.
     */
    default String protectedText(String text) {
        return text;
    }

    /**
     * The most characters one rendered value may have ({@code webhook.max-rendered-bytes}, SPEC §11): a filter
     * that would go beyond it fails the render instead of filling the memory.
     */
    default long maxRenderedLength() {
        return Long.MAX_VALUE;
    }

    /** A scope with no attributes at all. */
    static Scope empty() {
        return (context, name) -> MissingNode.getInstance();
    }
}
