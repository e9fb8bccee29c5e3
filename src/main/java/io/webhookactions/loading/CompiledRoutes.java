package io.webhookactions.loading;

import io.webhookactions.definition.ActionPlan;
import io.webhookactions.route.ActionRouteBuilder;
import io.webhookactions.runtime.ActionRoutes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceLoader;
import org.apache.camel.support.PluginHelper;

/**
 * The routes of definition files {@code serve} compiled and checked before it started Camel, added as they are: Camel's
 * routes collector would walk the folder again and the routes loader read every file a second time to learn what the
 * check already knows (half a second at 10 000 files). Each action keeps its file as its source and the file is watched
 * for deletion, as when the routes loader loads it; an edit reloads through the routes loader
 * ({@link WebhookJsonRoutesLoader}).
 */
public final class CompiledRoutes implements RoutesBuilder {

    private final List<ActionPlan> plans;

    /** @param plans actions compiled from their files, names unique, each one route */
    public CompiledRoutes(List<ActionPlan> plans) {
        this.plans = List.copyOf(plans);
    }

    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        builder(context).addRoutesToCamelContext(context);
    }

    @Override
    public void addTemplatedRoutesToCamelContext(CamelContext context) {
        // no route templates
    }

    @Override
    public Set<String> updateRoutesToCamelContext(CamelContext context) throws Exception {
        return builder(context).updateRoutesToCamelContext(context);
    }

    private ActionRouteBuilder builder(CamelContext context) {
        ResourceLoader resources = PluginHelper.getResourceLoader(context);
        DeletedDefinitionWatcher watcher = DeletedDefinitionWatcher.in(context);
        Map<String, Resource> sources = new HashMap<>();
        for (ActionPlan plan : plans) {
            if (plan.source() != null) {
                sources.put(plan.name(), resources.resolveResource("file:" + plan.source()));
                watcher.watch(plan.source(), ActionRoutes.routeId(plan.name()));
            }
        }
        RemoveAllRoutesWarning.register(context);
        return new ActionRouteBuilder(plans, sources);
    }
}
