package io.webhookactions.route;

import io.webhookactions.definition.WebhookActionDefinition;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.builder.RouteBuilder;

/**
 * Builds the Camel route of one webhook action. The route is the whole story of an execution, in order:
 * <pre>
 *   render request -> authenticate -> call upstream -> map response
 * </pre>
 * and any failure on the way becomes a result with {@code N_error} instead of an exception.
 */
public final class ActionRouteBuilder extends RouteBuilder {

    private final WebhookActionDefinition definition;

    public ActionRouteBuilder(WebhookActionDefinition definition) {
        this.definition = definition;
    }

    @Override
    public void configure() {
        WebhookActions actions = WebhookActions.in(getContext());
        WebhookActionsSettings settings = actions.settings();
        CompiledAction action = CompiledAction.compile(definition, WebhookActions.properties(getContext()), settings);
        int timeoutMs = definition.timeoutMs(settings.defaultTimeoutMs());
        ActionAuthentication auth = ActionAuthentication.of(action, actions, getContext());
        HttpEndpoint http = getContext().getEndpoint(WebhookHttp.endpointUri(timeoutMs)
                + auth.endpointOptions(), HttpEndpoint.class);

        // No custom node ids: Camel 4.18 checks every route's custom ids against every other route's at
        // startup, with list look-ups; with ids on each step, loading 10 000 actions took minutes.
        from(CompiledAction.entryUri(action.name()))
                .routeId(action.routeId())
                .routeDescription(definition.description().isEmpty() ? action.name() : definition.description())
                // The body is an in-memory request object, never a stream: nothing to cache.
                .noStreamCaching()
                .onException(Exception.class).handled(true).process(new FailureResult(action, actions.metrics())).end()
                .process(new RenderRequest(action, settings))
                .process(new Authenticate(auth.authenticator()))
                .process(new CallUpstream(http, auth.authenticator(), auth.connections(), definition.retry(), timeoutMs,
                        settings.maxResponseBytes()))
                .process(new MapResponse(action, actions.metrics()));

        actions.registry().register(action, getContext().getEndpoint(CompiledAction.entryUri(action.name())));
    }
}
