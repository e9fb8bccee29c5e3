package io.webhookactions.kafka;

import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.runtime.UnknownActionException;
import io.webhookactions.runtime.WebhookActions;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the request's action, or its actions as a pipeline, once per id on this instance (through the
 * {@link IdempotencyGuard}) and, with the {@link SharedGuard}, once per id across instances while its result is
 * stored; leaves the result record as the body. An unknown action refuses the request. Any other
 * exception fails the exchange so the record is polled again; after {@value #MAX_ATTEMPTS} such failures within the
 * guard's window the request is refused instead, so one request that always breaks cannot hold up its partition.
 *
 * <p>Executions are recorded as SPEC §13 names them: source {@code component} for one action, {@code pipeline} for
 * several, and the consumer group as the caller ({@code kafka:GROUP}).
 */
final class ExecuteRequest implements Processor {

    static final int MAX_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ExecuteRequest.class);

    /** How a request runs: its action, or its actions as a pipeline. */
    @FunctionalInterface
    interface Runner {
        List<ActionResult> run(RequestRecord request);

        /** On this context's actions, recorded with {@code caller}. */
        static Runner on(WebhookActions actions, String caller) {
            return request -> request.pipeline()
                    ? actions.pipeline(request.actions(), new ExecutionInput(request.contexts(), "pipeline", caller))
                    : List.of(actions.execute(request.actions().get(0), new ExecutionInput(request.contexts(), "component", caller)));
        }
    }

    private final Runner runner;
    private final IdempotencyGuard guard;
    /** Null: this instance's guard only. */
    private final SharedGuard shared;

    ExecuteRequest(Runner runner, IdempotencyGuard guard) {
        this(runner, guard, null);
    }

    /** @param shared consulted when {@code guard} does not know the id; null for this instance's guard only */
    ExecuteRequest(Runner runner, IdempotencyGuard guard, SharedGuard shared) {
        this.runner = runner;
        this.guard = guard;
        this.shared = shared;
    }

    @Override
    public void process(Exchange exchange) {
        RequestRecord request = exchange.getProperty(KafkaRoutes.REQUEST, RequestRecord.class);
        IdempotencyGuard.Outcome outcome;
        try {
            Supplier<String> execution = () -> ResultRecord.of(request, runner.run(request));
            outcome = shared == null ? guard.resultOf(request, execution) : guard.answer(request, () -> shared.resultOf(request, execution));
        } catch (UnknownActionException e) {
            throw new RejectedRequest(request.id(), e.getMessage(), e);
        } catch (RejectedRequest e) {
            throw e;
        } catch (RuntimeException e) {
            int attempts = guard.failed(request.id());
            if (attempts >= MAX_ATTEMPTS) {
                throw new RejectedRequest(request.id(), "execution failed " + attempts + " times: " + e, e);
            }
            throw e;
        }
        if (outcome.remembered()) {
            LOG.debug("kafka request {} was executed before (on this instance, or by one whose result the shared guard stored);"
                    + " its result is written again", request.id());
        }
        exchange.getMessage().setBody(outcome.result());
    }
}
