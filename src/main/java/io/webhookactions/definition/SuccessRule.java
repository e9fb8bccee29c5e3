package io.webhookactions.definition;

/** What decides {@code N_action_success} for a status group: a constant or a JMESPath expression. */
public sealed interface SuccessRule {

    SuccessRule TRUE = new Constant(true);
    SuccessRule FALSE = new Constant(false);

    record Constant(boolean value) implements SuccessRule {
    }

    /** A JMESPath expression over the parsed response body that must yield a boolean. */
    record Expression(String jmesPath) implements SuccessRule {
    }

    static SuccessRule byDefault(StatusGroup group) {
        return group.successByDefault() ? TRUE : FALSE;
    }
}
