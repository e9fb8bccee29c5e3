package io.webhookactions.route;

import io.webhookactions.attribute.Contexts;

/** The body an action's route consumes: the contexts of one execution. */
public record ExecutionRequest(Contexts contexts) {
}
