package io.webhookactions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.support.Json;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * {@code GET /observe/health} (SPEC §10, §11): UP once the service runs and Camel's own checks pass; the
 * definitions are OK, or DEGRADED with the number of broken files (their last good versions keep running, so
 * the service stays UP). Open to everyone, answered on the server's own thread, never behind executions.
 */
final class HealthApi {

    /** How Camel names the checks of an action route and its consumer: {@code route:} or {@code consumer:}, then its id. */
    private static final String ACTION_ROUTE_CHECK = "route:" + ActionRoutes.ROUTE_ID_PREFIX;
    private static final String ACTION_CONSUMER_CHECK = "consumer:" + ActionRoutes.ROUTE_ID_PREFIX;

    private final CamelContext context;
    private final WebhookActions actions;

    HealthApi(CamelContext context, WebhookActions actions) {
        this.context = context;
        this.actions = actions;
    }

    /**
     * Camel's checks of one action route: the route's (always UP: an action route does not start with the context, so
     * Camel counts it as managed elsewhere) and its {@code direct:} consumer's. Calling them says nothing and costs:
     * at 10 000 actions they made each probe take about 300 ms (each consumer check sanitises its endpoint's URI
     * anew), near the one-second timeout of a Kubernetes probe. The actions' own state is in {@code actions} and
     * {@code definitions}.
     */
    static boolean isActionRouteCheck(HealthCheck check) {
        String id = check.getId();
        return id != null && (id.startsWith(ACTION_ROUTE_CHECK) || id.startsWith(ACTION_CONSUMER_CHECK));
    }

    void handle(RoutingContext ctx) {
        boolean up = context.getStatus().isStarted()
                && HealthCheckHelper.invoke(context, check -> Map.of(HealthCheck.CHECK_KIND, HealthCheck.Kind.ALL),
                        HealthApi::isActionRouteCheck, null)
                .stream().noneMatch(result -> result.getState() == HealthCheck.State.DOWN);
        int problems = actions.problems().count();
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("status", up ? "UP" : "DOWN");
        json.put("definitions", problems == 0 ? "OK" : "DEGRADED");
        json.put("problems", problems);
        json.put("actions", actions.registry().all().size());
        Replies.json(ctx, up ? 200 : 503, json);
    }
}
