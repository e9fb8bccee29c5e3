package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPath;
import io.burt.jmespath.Expression;
import io.webhookactions.attribute.AttributeName;
import java.util.Objects;

/** One output of a status group: the target attribute and its compiled expression. */
public sealed interface OutputPlan {

    AttributeName target();

    /** The expression as written. */
    String source();

    /** The default: a JMESPath expression (a dotted path is already one). */
    record JmesPath(AttributeName target, String source, Expression<JsonNode> compiled) implements OutputPlan {
        public JmesPath {
            Objects.requireNonNull(target);
            Objects.requireNonNull(compiled);
        }
    }

    /** {@code {"jsonpath": "$..."}}: Jayway JSONPath, the library camel-jsonpath wraps. */
    record JsonPathQuery(AttributeName target, String source, JsonPath compiled) implements OutputPlan {
        public JsonPathQuery {
            Objects.requireNonNull(target);
            Objects.requireNonNull(compiled);
        }
    }
}
