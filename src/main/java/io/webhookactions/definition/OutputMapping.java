package io.webhookactions.definition;

import io.webhookactions.attribute.AttributeName;
import java.util.Objects;

/** One output of a status group: the target attribute and the expression that fills it. */
public record OutputMapping(AttributeName target, Language language, String expression) {

    public OutputMapping {
        Objects.requireNonNull(target);
        Objects.requireNonNull(language);
        Objects.requireNonNull(expression);
    }

    /** The query language of {@link #expression()}. */
    public enum Language {
        /** The default: a JMESPath expression (a dotted path is already one). */
        JMESPATH,
        /** {@code {"jsonpath": "$..."}}: Jayway JSONPath through camel-jsonpath. */
        JSONPATH
    }
}
