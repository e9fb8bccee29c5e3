package io.webhookactions.runtime;

import io.webhookactions.response.ActionResult;
import java.time.Instant;

/**
 * Told about every finished execution, after its result was scrubbed of secrets (SPEC §11): the execution
 * history records it. Called on the execution's own thread, so an implementation must return at once
 * (hand the record to a queue) and never throw.
 */
@FunctionalInterface
public interface ExecutionListener {

    /**
     * @param input     what ran and for whom (source, caller)
     * @param startedAt when the execution started
     * @param result    the result as shown, secrets scrubbed
     */
    void executed(ExecutionInput input, Instant startedAt, ActionResult result);
}
