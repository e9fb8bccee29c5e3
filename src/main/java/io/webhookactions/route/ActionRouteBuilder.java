package io.webhookactions.route;

import io.webhookactions.definition.ActionPlan;
import io.webhookactions.response.ResponseMapping;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.runtime.Settings;
import io.webhookactions.runtime.WebhookActions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;

/**
 * Builds the Camel route of each webhook action from its compiled plan. The route is the whole story of an
 * execution, in order:
 * <pre>
 *   render request -> authenticate -> call (retry, one re-authentication after 401) -> map response
 * </pre>
 * and any failure on the way becomes a result with {@code N_error} instead of an exception. The steps run in one
 * processor ({@link ActionSteps}), so each route is a single EIP for Camel to create and start.
 *
 * <p>One builder may carry many actions: Camel's model then takes them in one call, which costs time linear in their
 * number (one call per action costs Camel a scan of every route it holds, each time). A context that adds action routes
 * itself as it initialises ({@link ActionRoutes.ScalingContext}) gets them then.
 */
public final class ActionRouteBuilder extends RouteBuilder {

    /** How long a reload waits for calls already inside an action's old route before it swaps the route anyway. */
    private static final Duration DRAIN = Duration.ofSeconds(1);

    private final List<ActionPlan> plans;
    private final Map<String, Resource> resources;

    public ActionRouteBuilder(ActionPlan plan) {
        this(List.of(plan), Map.of());
    }

    /**
     * @param plans     the actions, one route each
     * @param resources the file each action was loaded from, by action name (Camel's reload reads it again); may
     *                  leave actions out
     */
    public ActionRouteBuilder(List<ActionPlan> plans, Map<String, Resource> resources) {
        this.plans = List.copyOf(plans);
        this.resources = Map.copyOf(resources);
    }

    @Override
    public void configure() {
        WebhookActions actions = WebhookActions.in(getContext());
        for (ActionPlan plan : plans) {
            configure(plan, actions);
        }
        actions.metrics().bind();
    }

    private void configure(ActionPlan plan, WebhookActions actions) {
        Settings settings = actions.settings();
        ActionAuthentication auth = ActionAuthentication.of(plan, actions);
        CallUpstream call = new CallUpstream(auth.call(), plan.timeoutMs(settings.defaultTimeoutMs()), settings.maxResponseBytes());
        MapResponse results = new MapResponse(plan, ResponseMapping.of(plan, settings.types()), actions);

        // No custom node ids: Camel 4.18 checks every route's custom ids against every other route's at
        // startup with list look-ups, which grows with the square of the number of routes.
        from(ActionRoutes.entryUri(plan.name()))
                .routeId(ActionRoutes.routeId(plan.name()))
                .routeDescription(plan.description().isEmpty() ? plan.name() : plan.description())
                // Tells the registry when Camel creates, starts, stops and removes this route.
                .routePolicy(actions.registry().lifecycle(plan))
                // The body is an in-memory request object, never a stream: nothing to cache.
                .noStreamCaching()
                // A failure becomes a result (below) and retries are the call step's own: no error handler around each
                // step. Without one, a call already inside the route when a reload stops it also runs to its end.
                .errorHandler(noErrorHandler())
                // The steps and their failure handling in one processor: one EIP per route for Camel to create and start.
                .process(new ActionSteps(new RenderRequest(plan, settings),
                        new Authenticate(auth.authenticator(), plan.authentication().hosts()),
                        new RetryAndReauthenticate(call, plan.retry(), auth.authenticator(), auth.ownConnections()),
                        results, new FailureResult(plan.name(), results)));
    }

    @Override
    protected void populateRoutes() throws Exception {
        rememberSources();
        if (getContext() instanceof ActionRoutes.ScalingContext context && context.deferActionRoutes(getRouteCollection().getRoutes())) {
            return;
        }
        super.populateRoutes();
    }

    /**
     * A reload replaces each action's route. Camel stops the old route gracefully: it keeps taking calls and checks once
     * a second whether none is in flight, so under steady calls a reload waits seconds. Here the old route is retired
     * first (calls from now on wait for the new route) and the calls already inside are waited for, briefly; one still
     * running after that finishes on the old route while Camel swaps it without waiting for it.
     */
    @Override
    protected void populateOrUpdateRoutes() throws Exception {
        rememberSources();
        WebhookActions actions = WebhookActions.in(getContext());
        for (RouteDefinition route : getRouteCollection().getRoutes()) {
            String name = ActionRoutes.actionOf(route.getRouteId());
            if (name != null && !actions.registry().retire(name, DRAIN)) {
                getContext().getRouteController().stopRoute(route.getRouteId(), 1, TimeUnit.MILLISECONDS);
            }
        }
        super.populateOrUpdateRoutes();
    }

    /**
     * Each route remembers its own file (Camel's reload with remove-all-routes reads every route's file again);
     * Camel's preparation gives every route of a builder the builder's one resource, so this runs after it.
     */
    private void rememberSources() {
        if (resources.isEmpty()) {
            return;
        }
        List<RouteDefinition> routes = new ArrayList<>(getRouteCollection().getRoutes());
        for (RouteDefinition route : routes) {
            Resource resource = resources.get(ActionRoutes.actionOf(route.getRouteId()));
            if (resource != null) {
                route.setResource(resource);
            }
        }
    }
}
