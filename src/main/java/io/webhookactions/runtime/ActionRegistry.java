package io.webhookactions.runtime;

import io.webhookactions.definition.ActionPlan;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ServiceStatus;

/**
 * The actions loaded into one Camel context, by name. An entry counts only while its route is started, so
 * an action whose route was stopped or removed disappears without extra bookkeeping.
 */
public final class ActionRegistry {

    private final CamelContext context;
    /** By name: each action with the endpoint its route consumes from, resolved once: resolving it per call showed in every profile. */
    private final Map<String, Registered> actions = new ConcurrentHashMap<>();

    private record Registered(ActionPlan plan, Endpoint entry) {
    }

    ActionRegistry(CamelContext context) {
        this.context = context;
    }

    /** Records {@code plan} as served by the route consuming from {@code entry}. */
    public void register(ActionPlan plan, Endpoint entry) {
        actions.put(plan.name(), new Registered(plan, entry));
    }

    public void unregister(String name) {
        actions.remove(name);
    }

    /** The endpoint the route of action {@code name} consumes from. */
    Endpoint entry(String name) {
        Registered registered = actions.get(name);
        return registered != null ? registered.entry() : context.getEndpoint(ActionRoutes.entryUri(name));
    }

    /**
     * The action, waiting up to {@code patience} while its route is being replaced (a reload removes the
     * old route and adds the new one; a call in between should not fail).
     */
    Optional<ActionPlan> await(String name, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<ActionPlan> found = find(name);
            if (found.isPresent() || !actions.containsKey(name) || System.nanoTime() > deadline) {
                return found;
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    /**
     * Whether an action of that name was loaded, started or not yet: while a context starts, its routes are
     * configured (and so registered) before any is started, and endpoints are created in between.
     */
    public boolean isDefined(String name) {
        return actions.containsKey(name);
    }

    /** The names of every loaded action, started or not. */
    public java.util.Set<String> definedNames() {
        return new java.util.TreeSet<>(actions.keySet());
    }

    public Optional<ActionPlan> find(String name) {
        Registered registered = actions.get(name);
        return registered != null && isLive(name) ? Optional.of(registered.plan()) : Optional.empty();
    }

    /**
     * Whether the action's route runs: a status look-up by id (getRoute would copy the route list under a
     * lock on every execution). A route being stopped or removed no longer counts, so no call is sent to
     * an entry endpoint whose consumer is going away.
     */
    private boolean isLive(String name) {
        ServiceStatus status = context.getRouteController().getRouteStatus(ActionRoutes.routeId(name));
        return status != null && status.isStarted();
    }

    /** Every action registered, whether its route runs now or not (a reload may have removed it). */
    public List<ActionPlan> lastLoaded() {
        return actions.values().stream().map(Registered::plan).toList();
    }

    /** Every live action, by name. */
    public List<ActionPlan> all() {
        return actions.values().stream()
                .map(Registered::plan)
                .filter(plan -> isLive(plan.name()))
                .sorted(Comparator.comparing(ActionPlan::name))
                .toList();
    }
}
