package io.webhookactions.loading;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * A Camel context that starts thousands of action routes in linear time. Camel 4.18 checks every route
 * it starts against every route started with it for duplicate custom node ids, walking all their
 * nodes: quadratic in the number of routes (10 000 actions spent most of two minutes there). Action
 * routes carry no custom node ids, so they are started in batches of {@value #BATCH} and that check
 * walks only a batch; every other route is started together with its peers, checked exactly as Camel
 * does. {@code serve}
 * runs on this context; a host with many actions may use it too.
 */
public class WebhookActionsCamelContext extends DefaultCamelContext {

    /**
     * Action routes started per call. Each call also collects the ids of all routes (linear), so one
     * route per call would be quadratic again; about the square root of 10 000 balances the two.
     */
    private static final int BATCH = 100;

    public WebhookActionsCamelContext() {
        super();
    }

    /** @param init whether to initialise at once, as {@link DefaultCamelContext#DefaultCamelContext(boolean)} */
    public WebhookActionsCamelContext(boolean init) {
        super(init);
    }

    @Override
    public void startRouteDefinitions(List<RouteDefinition> routeDefinitions) throws Exception {
        List<RouteDefinition> others = new ArrayList<>();
        List<RouteDefinition> actions = new ArrayList<>();
        for (RouteDefinition route : routeDefinitions) {
            String id = route.getRouteId();
            (id != null && id.startsWith(io.webhookactions.runtime.ActionRoutes.ROUTE_ID_PREFIX) ? actions : others).add(route);
        }
        if (actions.size() <= 1) {
            super.startRouteDefinitions(routeDefinitions);
            return;
        }
        if (!others.isEmpty()) {
            super.startRouteDefinitions(others);
        }
        for (int from = 0; from < actions.size(); from += BATCH) {
            super.startRouteDefinitions(new ArrayList<>(actions.subList(from, Math.min(actions.size(), from + BATCH))));
        }
    }
}
