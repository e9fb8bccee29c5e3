package io.webhookactions.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A compiled filter: its literal arguments were checked and pre-parsed at load, so applying it only
 * evaluates. Values are Jackson nodes; digests produce {@link com.fasterxml.jackson.databind.node.BinaryNode}.
 */
@FunctionalInterface
public interface Filter {

    /**
     * @param input the value so far (never null; a missing attribute is a MissingNode)
     * @param scope reads {@code @ref} arguments
     */
    JsonNode apply(JsonNode input, Scope scope);
}
