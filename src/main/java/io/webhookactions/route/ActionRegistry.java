package io.webhookactions.route;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;

/**
 * The actions loaded into one Camel context, by name. An entry counts only while its route is started, so
 * an action whose route was stopped or removed disappears without extra bookkeeping.
 */
public final class ActionRegistry {

    private final CamelContext context;
    /** By name: each action with the endpoint its route consumes from, resolved once (per call it cost 4 %). */
    private final Map<String, Registered> actions = new ConcurrentHashMap<>();

    private record Registered(CompiledAction action, Endpoint entry) {
    }

    ActionRegistry(CamelContext context) {
        this.context = context;
    }

    void register(CompiledAction action, Endpoint entry) {
        actions.put(action.name(), new Registered(action, entry));
    }

    void unregister(String name) {
        actions.remove(name);
    }

    /** The endpoint {@code action}'s route consumes from. */
    Endpoint entry(CompiledAction action) {
        Registered registered = actions.get(action.name());
        return registered != null && registered.action() == action ? registered.entry()
                : context.getEndpoint(CompiledAction.entryUri(action.name()));
    }

    /**
     * The action, waiting up to {@code patience} while its route is being replaced (a reload removes the
     * old route and adds the new one; a call in between should not fail).
     */
    Optional<CompiledAction> await(String name, java.time.Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<CompiledAction> found = find(name);
            if (found.isPresent() || !actions.containsKey(name) || System.nanoTime() > deadline) {
                return found;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    public Optional<CompiledAction> find(String name) {
        Registered registered = actions.get(name);
        return registered != null && isLive(registered.action()) ? Optional.of(registered.action()) : Optional.empty();
    }

    /**
     * Whether the action's route runs: a status look-up by id (getRoute would copy the route list under a
     * lock on every execution). A route being stopped or removed no longer counts, so no call is sent to
     * an entry endpoint whose consumer is going away.
     */
    private boolean isLive(CompiledAction action) {
        org.apache.camel.ServiceStatus status = context.getRouteController().getRouteStatus(action.routeId());
        return status != null && status.isStarted();
    }

    /** Every live action, by name. */
    public List<CompiledAction> all() {
        return actions.values().stream()
                .map(Registered::action)
                .filter(this::isLive)
                .sorted(Comparator.comparing(CompiledAction::name))
                .toList();
    }
}
