package io.webhookactions.route;

import io.webhookactions.definition.ActionPlan;
import io.webhookactions.response.ResponseMapping;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.runtime.Settings;
import io.webhookactions.runtime.WebhookActions;
import org.apache.camel.builder.RouteBuilder;

/**
 * Builds the Camel route of one webhook action from its compiled plan. The route is the whole story of an
 * execution, in order:
 * <pre>
 *   render request -> authenticate -> call (retry, one re-authentication after 401) -> map response
 * </pre>
 * and any failure on the way becomes a result with {@code N_error} instead of an exception.
 */
public final class ActionRouteBuilder extends RouteBuilder {

    private final ActionPlan plan;

    public ActionRouteBuilder(ActionPlan plan) {
        this.plan = plan;
    }

    @Override
    public void configure() {
        WebhookActions actions = WebhookActions.in(getContext());
        Settings settings = actions.settings();
        ActionAuthentication auth = ActionAuthentication.of(plan, actions);
        CallUpstream call = new CallUpstream(auth.call(), plan.timeoutMs(settings.defaultTimeoutMs()), settings.maxResponseBytes());
        MapResponse results = new MapResponse(plan, ResponseMapping.of(plan, settings.types()), actions);

        // No custom node ids: Camel 4.18 checks every route's custom ids against every other route's at
        // startup with list look-ups, which grows with the square of the number of routes.
        from(ActionRoutes.entryUri(plan.name()))
                .routeId(ActionRoutes.routeId(plan.name()))
                .routeDescription(plan.description().isEmpty() ? plan.name() : plan.description())
                // The body is an in-memory request object, never a stream: nothing to cache.
                .noStreamCaching()
                .onException(Exception.class).handled(true).process(new FailureResult(plan.name(), results)).end()
                .process(new RenderRequest(plan, settings))
                .process(new Authenticate(auth.authenticator(), plan.authentication().hosts()))
                .process(new RetryAndReauthenticate(call, plan.retry(), auth.authenticator(), auth.ownConnections()))
                .process(results);

        actions.registry().register(plan, getContext().getEndpoint(ActionRoutes.entryUri(plan.name())));
    }
}
