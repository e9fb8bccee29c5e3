package io.webhookactions.definition;

import java.util.List;

/** The outcome of loading one definition file: its compiled plan, or every error that prevented it. */
public record LoadResult(ActionPlan plan, List<DefinitionError> errors) {

    public LoadResult {
        errors = List.copyOf(errors);
        if ((plan == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a load result holds a plan or errors, never both or neither");
        }
    }

    public boolean ok() {
        return plan != null;
    }

    /** The plan, or an {@link InvalidDefinitionException} listing every error. */
    public ActionPlan orThrow() {
        if (!ok()) {
            throw new InvalidDefinitionException(errors);
        }
        return plan;
    }
}
