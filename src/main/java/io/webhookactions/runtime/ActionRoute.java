package io.webhookactions.runtime;

import io.webhookactions.definition.ActionPlan;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Producer;
import org.apache.camel.Route;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The Camel route that runs one loaded action, as calls see it. Camel tells it when the route starts, stops,
 * suspends or resumes (see {@link ActionRegistry#lifecycle}), so asking whether it runs costs a field read.
 *
 * <p>A route that was not started with its context ({@code autoStartup=false}: starting ten thousand routes one by one
 * costs Camel time that grows with the square of their number) is started by its first call, exactly once however many
 * calls arrive together. In a {@link ActionRoutes.ScalingContext} (as {@code serve} runs) the route is not even created
 * before that call: the action is bound to its route id only, and to the route once the call had Camel create it. A
 * route that was stopped or suspended is never started by a call: it is being reloaded or removed, or an operator
 * stopped it (and may start it again).
 */
public final class ActionRoute {

    private enum State { NEW, STARTED, PAUSED, ENDED }

    private final CamelContext context;
    private final ActionPlan plan;
    private final String routeId;
    /** Null until Camel created the route (see {@link #awaitingCreation}). */
    private volatile Route route;
    private final boolean lazy;
    private volatile State state = State.NEW;
    /** Calls inside the route now (through {@link #call}). */
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    /** Sends to the route's entry: made on the first call, kept while the route lives (no producer template per call). */
    private volatile Producer producer;

    ActionRoute(CamelContext context, ActionPlan plan, Route route) {
        this.context = context;
        this.plan = plan;
        this.routeId = route.getRouteId();
        this.route = route;
        this.lazy = !route.isAutoStartup();
    }

    private ActionRoute(CamelContext context, ActionPlan plan, String routeId) {
        this.context = context;
        this.plan = plan;
        this.routeId = routeId;
        this.lazy = true;
    }

    /** An action whose route the context creates on its first call (see {@link ActionRoutes.ScalingContext}). */
    static ActionRoute awaitingCreation(CamelContext context, ActionPlan plan, String routeId) {
        return new ActionRoute(context, plan, routeId);
    }

    /** Whether this is the action's binding to route id {@code id} that waits for Camel to create its route. */
    boolean awaitsRoute(String id) {
        return route == null && state == State.NEW && routeId.equals(id);
    }

    /** Camel created the route this binding waited for. */
    void bind(Route created) {
        route = created;
    }

    public ActionPlan plan() {
        return plan;
    }

    Route route() {
        return route;
    }

    /** The endpoint the route consumes from. */
    Endpoint entry() {
        return route.getEndpoint();
    }

    /** Whether the route runs now. */
    public boolean isStarted() {
        return state == State.STARTED;
    }

    /** Whether calls can run it: it runs, or it is waiting for its first call to start it. */
    boolean isServing() {
        State current = state;
        return current == State.STARTED || current == State.NEW && lazy;
    }

    /**
     * Makes sure the route runs, starting it when it waits for its first call; false when it cannot serve (stopped,
     * suspended, being replaced). Concurrent first calls wait for the one start.
     */
    boolean ensureStarted() {
        if (state == State.STARTED) {
            return true;
        }
        if (!lazy || state != State.NEW) {
            return false;
        }
        synchronized (this) {
            if (state == State.NEW) {
                try {
                    // Starts the route of this id: ours, unless it is being replaced right now; then Camel's reload stops
                    // and removes it again, and this state says ENDED.
                    if (context instanceof ActionRoutes.ScalingContext scaling) {
                        scaling.startActionRoute(routeId);
                    } else {
                        context.getRouteController().startRoute(routeId);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the route of action " + plan.name() + ": " + e.getMessage(), e);
                }
            }
            return state == State.STARTED;
        }
    }

    /**
     * Runs the route once with {@code input}; the exchange holds the result, or the exception. Null when the route
     * stopped taking calls first (it is being replaced): nothing ran, look the action up again.
     */
    Exchange call(ExecutionInput input) {
        // Counted before the state is read, so a retirement that reads the count after setting the state sees this call.
        calls.incrementAndGet();
        try {
            if (state != State.STARTED) {
                return null;
            }
            Exchange exchange = entry().createExchange(ExchangePattern.InOut);
            exchange.getIn().setBody(input);
            try {
                producer().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            return exchange;
        } finally {
            calls.decrementAndGet();
        }
    }

    /** Takes no more calls: the action's file is being reloaded (then see {@link #drain}). */
    void retire() {
        state = State.ENDED;
    }

    /** Waits up to {@code patience} for the calls already inside to finish; true when none is left. */
    boolean drain(long patienceNanos) {
        long deadline = System.nanoTime() + patienceNanos;
        while (calls.get() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(500_000);
        }
        return calls.get() == 0;
    }

    private Producer producer() throws Exception {
        Producer current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    current = entry().createProducer();
                    ServiceHelper.startService(current);
                    producer = current;
                }
            }
        }
        return current;
    }

    void started() {
        state = State.STARTED;
    }

    void suspended() {
        state = State.PAUSED;
    }

    void stopped() {
        state = State.ENDED;
    }

    /** The route is gone: its producer too. */
    void removed() {
        stopped();
        Producer current = producer;
        producer = null;
        ServiceHelper.stopAndShutdownService(current);
    }
}
