package io.webhookactions.definition;

import io.webhookactions.attribute.AttributeName;
import java.util.List;
import java.util.Objects;

/**
 * How one status group is mapped: the success rule, the outputs in file order, and the attribute that
 * receives the raw body ({@code null} when not stored).
 */
public record ResponseGroup(SuccessRule actionSuccess, List<OutputMapping> outputs, AttributeName rawResponse) {

    public ResponseGroup {
        Objects.requireNonNull(actionSuccess);
        outputs = List.copyOf(outputs);
    }

    /** The mapping of a group the definition leaves out: its default success and nothing else. */
    public static ResponseGroup byDefault(StatusGroup group) {
        return new ResponseGroup(SuccessRule.byDefault(group), List.of(), null);
    }
}
