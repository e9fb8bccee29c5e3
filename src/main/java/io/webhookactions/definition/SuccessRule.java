package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** What decides {@code N_action_success} for a status group: a constant or a compiled JMESPath expression. */
public sealed interface SuccessRule {

    SuccessRule TRUE = new Constant(true);
    SuccessRule FALSE = new Constant(false);

    record Constant(boolean value) implements SuccessRule {
    }

    /** A JMESPath expression over the parsed response body that must yield a boolean. */
    record Expression(String source, io.burt.jmespath.Expression<JsonNode> compiled) implements SuccessRule {
        public Expression {
            Objects.requireNonNull(source);
            Objects.requireNonNull(compiled);
        }
    }

    static SuccessRule byDefault(StatusGroup group) {
        return group.successByDefault() ? TRUE : FALSE;
    }
}
