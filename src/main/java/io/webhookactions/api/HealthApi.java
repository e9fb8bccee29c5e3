package io.webhookactions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.support.Json;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * {@code GET /observe/health} (SPEC §10, §11): UP once the service runs and Camel's own checks pass; the
 * definitions are OK, or DEGRADED with the number of broken files (their last good versions keep running, so
 * the service stays UP). Open to everyone, answered on the server's own thread, never behind executions.
 */
final class HealthApi {

    private final CamelContext context;
    private final WebhookActions actions;

    HealthApi(CamelContext context, WebhookActions actions) {
        this.context = context;
        this.actions = actions;
    }

    void handle(RoutingContext ctx) {
        boolean up = context.getStatus().isStarted()
                && HealthCheckHelper.invoke(context).stream().noneMatch(result -> result.getState() == HealthCheck.State.DOWN);
        int problems = actions.problems().count();
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("status", up ? "UP" : "DOWN");
        json.put("definitions", problems == 0 ? "OK" : "DEGRADED");
        json.put("problems", problems);
        json.put("actions", actions.registry().all().size());
        Replies.json(ctx, up ? 200 : 503, json);
    }
}
