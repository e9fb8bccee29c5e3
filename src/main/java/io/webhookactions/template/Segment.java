package io.webhookactions.template;

import java.util.List;

/** A piece of a parsed template. */
public sealed interface Segment {

    /** Literal text, escapes already removed. */
    record Text(String text) implements Segment {
    }

    /** {@code {ref | filter args | ...}}, with its filters compiled. */
    record Expression(Reference reference, List<FilterCall> filters) implements Segment {
        public Expression {
            filters = List.copyOf(filters);
        }
    }

    /** {@code {{key}}}: a Camel property placeholder, resolved once when the definition loads. */
    record Placeholder(String key) implements Segment {
    }
}
