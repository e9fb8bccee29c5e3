package io.webhookactions.runtime;

/** How an action's Camel route is named and entered: one place for the ids every package uses. */
public final class ActionRoutes {

    /** Every action route's id starts with this. */
    public static final String ROUTE_ID_PREFIX = "webhook-action:";

    private static final String ENTRY_KEY_PREFIX = "webhook-action.";

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
     * The internal endpoint the action's route consumes from. A call never waits inside it for a consumer
     * ({@code block=false}): while a reload swaps the route, {@link WebhookActions#execute} waits for the new route
     * itself (at most 2 s), and a removed action fails at once.
     */
    public static String entryUri(String name) {
        return "direct:" + ENTRY_KEY_PREFIX + name + "?block=false";
    }

    /** Whether {@code uri} ({@code direct:NAME} or Camel's normalised {@code direct://NAME}) is an action route's entry. */
    public static boolean isEntry(String uri) {
        String name = uri == null ? null : uri.startsWith("direct://") ? uri.substring(9) : uri.startsWith("direct:") ? uri.substring(7) : null;
        return name != null && name.startsWith(ENTRY_KEY_PREFIX);
    }

    /**
     * A Camel context that handles action routes itself where Camel's own handling grows with the number of routes (see
     * {@code WebhookActionsCamelContext}).
     */
    public interface ScalingContext {

        /**
         * Takes {@code routes} to add as the context initialises; false when it has initialised already (add them now).
         * Camel's work on routes added while a context starts grows with the square of their number.
         */
        boolean deferActionRoutes(java.util.List<org.apache.camel.model.RouteDefinition> routes);

        /**
         * Starts the route of a call that waits for it. Camel calls every startup listener of the context for each route
         * started, and one of Camel's own adds an event notifier each time (then consulted on every exchange).
         */
        void startActionRoute(String routeId) throws Exception;
    }
}
