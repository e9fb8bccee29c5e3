package io.webhookactions.template;

import java.util.List;

/** A piece of a parsed template. */
public sealed interface Segment {

    /** Literal text, escapes already removed. */
    record Text(String text) implements Segment {
    }

    /** {@code {ref | filter args | ...}}, with its filters compiled; {@code text} is the expression as written. */
    record Expression(Reference reference, List<FilterCall> filters, String text) implements Segment {
        public Expression {
            filters = List.copyOf(filters);
        }
    }

    /**
     * A property value resolved into an authentication template: sent as it is, shown masked (SPEC §12), and
     * known to the execution so that an echo of it is scrubbed (SPEC §11).
     */
    record Protected(String text) implements Segment {
    }

    /** {@code {{key}}}: a Camel property placeholder, resolved once when the definition loads. */
    record Placeholder(String key) implements Segment {
    }
}
