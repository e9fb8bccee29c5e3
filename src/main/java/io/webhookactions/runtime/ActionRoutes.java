package io.webhookactions.runtime;

/** How an action's Camel route is named and entered: one place for the ids every package uses. */
public final class ActionRoutes {

    /** Every action route's id starts with this. */
    public static final String ROUTE_ID_PREFIX = "webhook-action:";

    private ActionRoutes() {
    }

    /** The Camel route id of action {@code name}. */
    public static String routeId(String name) {
        return ROUTE_ID_PREFIX + name;
    }

    /** The action name of a route id, or null when the route is not an action's. */
    public static String actionOf(String routeId) {
        return routeId != null && routeId.startsWith(ROUTE_ID_PREFIX) ? routeId.substring(ROUTE_ID_PREFIX.length()) : null;
    }

    /**
     * The internal endpoint the action's route consumes from. A call waits at most 2 s for its consumer
     * (a reload swaps the route), not direct's default 30 s: a removed action must fail fast.
     */
    public static String entryUri(String name) {
        return "direct:webhook-action." + name + "?timeout=2000";
    }
}
