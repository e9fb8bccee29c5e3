package io.webhookactions.definition;

import java.util.List;

/** The outcome of loading one definition: the definition, or every error that prevented it. */
public record LoadResult(WebhookActionDefinition definition, List<DefinitionError> errors) {

    public LoadResult {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty() && definition != null;
    }

    /** The definition, or an {@link InvalidDefinitionException} listing every error. */
    public WebhookActionDefinition orThrow() {
        if (!ok()) {
            throw new InvalidDefinitionException(errors);
        }
        return definition;
    }
}
