package io.webhookactions.route;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * An action's steps as the one processor of its route: render, authenticate, call, map; any failure on the way goes to
 * {@link FailureResult}. This is what the route was as Camel's {@code doTry} with one {@code process} per step and a
 * {@code doCatch(Exception.class)}, as plain Java: Camel builds, starts and keeps each EIP of every route (a channel,
 * advices, a pipeline, the try and catch processors), which at ten thousand actions was a fifth of the time to load
 * them, and none of it did anything a {@code try} does not.
 *
 * <p>What the steps see is what Camel gave them: one exchange passed along, a step's exception (or
 * {@link LinkageError}, which Camel wrapped) ends the steps and is put where Camel's catch puts it,
 * {@link Exchange#EXCEPTION_CAUGHT}, for {@link FailureResult}; any other {@link Error} goes to the caller, as it did.
 */
final class ActionSteps extends ServiceSupport implements Processor {

    private final Processor[] steps;
    private final FailureResult failure;
    /** The steps with a lifecycle (the call step closes an mTLS action's own connections), run with the route's. */
    private final RetryAndReauthenticate call;

    ActionSteps(RenderRequest render, Authenticate authenticate, RetryAndReauthenticate call, MapResponse map,
                FailureResult failure) {
        this.steps = new Processor[] {render, authenticate, call, map};
        this.call = call;
        this.failure = failure;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        try {
            for (Processor step : steps) {
                step.process(exchange);
            }
        } catch (Exception | LinkageError e) {
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT,
                    e instanceof Exception exception ? exception : CamelExecutionException.wrapCamelExecutionException(exchange, e));
            failure.process(exchange);
        }
    }

    @Override
    protected void doStart() {
        ServiceHelper.startService(call);
    }

    @Override
    protected void doStop() {
        ServiceHelper.stopService(call);
    }

    @Override
    protected void doShutdown() {
        ServiceHelper.stopAndShutdownService(call);
    }
}
