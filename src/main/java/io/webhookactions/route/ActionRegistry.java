package io.webhookactions.route;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;

/**
 * The actions loaded into one Camel context, by name. An entry counts only while its route exists, so
 * an action whose file was deleted (route removed) disappears without extra bookkeeping.
 */
public final class ActionRegistry {

    private final CamelContext context;
    private final Map<String, CompiledAction> actions = new ConcurrentHashMap<>();

    ActionRegistry(CamelContext context) {
        this.context = context;
    }

    void register(CompiledAction action) {
        actions.put(action.name(), action);
    }

    public Optional<CompiledAction> find(String name) {
        CompiledAction action = actions.get(name);
        return action != null && context.getRoute(action.routeId()) != null ? Optional.of(action) : Optional.empty();
    }

    /** Every live action, by name. */
    public List<CompiledAction> all() {
        return actions.values().stream()
                .filter(action -> context.getRoute(action.routeId()) != null)
                .sorted(Comparator.comparing(CompiledAction::name))
                .toList();
    }
}
