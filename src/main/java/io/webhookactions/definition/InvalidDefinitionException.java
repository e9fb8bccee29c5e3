package io.webhookactions.definition;

import io.webhookactions.WebhookActionException;
import java.util.List;
import java.util.stream.Collectors;

/** A definition (or a set of them) failed to load; carries every error found, not just the first. */
public class InvalidDefinitionException extends WebhookActionException {

    private final List<DefinitionError> errors;

    public InvalidDefinitionException(List<DefinitionError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<DefinitionError> errors() {
        return errors;
    }

    private static String describe(List<DefinitionError> errors) {
        return errors.size() + " error" + (errors.size() == 1 ? "" : "s") + " in webhook action definitions:\n"
                + errors.stream().map(DefinitionError::toString).collect(Collectors.joining("\n"));
    }
}
