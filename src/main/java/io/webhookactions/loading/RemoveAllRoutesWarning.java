package io.webhookactions.loading;

import io.webhookactions.runtime.ActionRoutes;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.StartupListener;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns once, when the context has started, that Camel's route reloading would remove the host's own routes: with
 * {@code camel.main.routes-reload-remove-all-routes=true} (Camel's default) the first edit of a definition file
 * removes every route of the context and reloads only the files, so routes that are not webhook actions are gone
 * until a restart. Silent when reloading is off, when it reloads only the changed file, or when every route is an
 * action's.
 */
final class RemoveAllRoutesWarning implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(RemoveAllRoutesWarning.class);
    private static final String BEAN = "webhookActionsRemoveAllRoutesWarning";

    private RemoveAllRoutesWarning() {
    }

    /** Registers the check in {@code context}, once however many definitions are loaded. */
    static synchronized void register(CamelContext context) {
        if (context.getRegistry().lookupByName(BEAN) == null) {
            RemoveAllRoutesWarning warning = new RemoveAllRoutesWarning();
            context.getRegistry().bind(BEAN, warning);
            try {
                context.addStartupListener(warning);
            } catch (Exception e) {
                throw new IllegalStateException("cannot register the route reload check", e);
            }
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // The routes are all there once the context is fully started.
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        boolean removesAll = context.hasServices(RouteWatcherReloadStrategy.class).stream()
                .anyMatch(RouteWatcherReloadStrategy::isRemoveAllRoutes);
        if (!removesAll) {
            return;
        }
        List<String> hostRoutes = context.getRoutes().stream().map(Route::getRouteId)
                .filter(id -> ActionRoutes.actionOf(id) == null).sorted().toList();
        if (!hostRoutes.isEmpty() && hostRoutes.size() < context.getRoutes().size()) {
            LOG.warn("route reloading is on with camel.main.routes-reload-remove-all-routes=true (Camel's default): the first"
                    + " edit of a webhook action file would remove the {} other route(s) of this context ({}) until a restart;"
                    + " set camel.main.routes-reload-remove-all-routes=false to reload only the edited file",
                    hostRoutes.size(), String.join(", ", hostRoutes.subList(0, Math.min(5, hostRoutes.size())))
                            + (hostRoutes.size() > 5 ? ", ..." : ""));
        }
    }
}
