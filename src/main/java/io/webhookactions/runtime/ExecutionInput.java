package io.webhookactions.runtime;

import io.webhookactions.attribute.Contexts;
import java.util.Objects;

/**
 * What an action's route consumes: the contexts of one execution, and who asked for it and through what
 * (for the execution log line and the history).
 *
 * @param source {@code test}, {@code execute}, {@code pipeline}, {@code component} or {@code cli}
 * @param caller the API key's name or the token's subject; {@code local} without authentication
 */
public record ExecutionInput(Contexts contexts, String source, String caller) {

    public static final String LOCAL = "local";

    public ExecutionInput {
        Objects.requireNonNull(contexts);
        Objects.requireNonNull(source);
        Objects.requireNonNull(caller);
    }

    /** An execution asked for in-process, without a caller to name. */
    public static ExecutionInput of(Contexts contexts, String source) {
        return new ExecutionInput(contexts, source, LOCAL);
    }
}
