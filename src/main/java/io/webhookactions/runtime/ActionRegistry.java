package io.webhookactions.runtime;

import io.webhookactions.definition.ActionPlan;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;

/**
 * The actions loaded into one Camel context, by name: the plan each definition was configured with, and the route
 * that runs it once Camel created it. A route tells the registry itself when it is created, started, stopped and
 * removed (through the {@link #lifecycle} policy on it), so an action whose route was stopped or removed stops
 * counting without extra bookkeeping, and one whose route waits for its first call counts as loaded.
 */
public final class ActionRegistry {

    private final CamelContext context;
    /** The plan each name was last configured with; a reload configures the new plan before it replaces the route. */
    private final Map<String, ActionPlan> defined = new ConcurrentHashMap<>();
    /** The route that runs each action, from its creation to its removal. */
    private final Map<String, ActionRoute> routes = new ConcurrentHashMap<>();
    /** Counts changes of which actions calls can run: {@link #all} sorts them again only after one. */
    private final AtomicLong changes = new AtomicLong();
    private volatile Serving serving = new Serving(-1, List.of());

    /** The actions calls could run as of change {@code version}, by name. */
    private record Serving(long version, List<ActionPlan> plans) {
    }

    ActionRegistry(CamelContext context) {
        this.context = context;
    }

    /**
     * Records {@code plan} as configured and returns the policy its route carries: Camel calls it when the route is
     * created, started, stopped and removed. It is no Camel service, so adding it to thousands of routes costs nothing
     * per route (Camel keeps its services in a list it searches on every add).
     */
    public RoutePolicy lifecycle(ActionPlan plan) {
        defined.put(plan.name(), plan);
        return new Lifecycle(plan);
    }

    /** Whether {@code route} is an action's route, built with its {@link #lifecycle} policy (calls can start it). */
    public static boolean tracks(RouteDefinition route) {
        return lifecycleOf(route) != null;
    }

    /**
     * Counts the action of {@code route} (an action route, see {@link #tracks}) as loaded before Camel creates its route:
     * an {@link ActionRoutes.ScalingContext} creates it on the action's first call. False when the route is no action's.
     */
    public static boolean awaitCreation(RouteDefinition route) {
        Lifecycle lifecycle = lifecycleOf(route);
        if (lifecycle == null) {
            return false;
        }
        lifecycle.awaitCreation(route.getRouteId());
        return true;
    }

    /**
     * The route of an action route definition that Camel never created was stopped (by an operator, or as its file is
     * reloaded): calls no longer start it; Camel's {@code startRoute} still creates and starts it.
     */
    public static void stoppedBeforeCreation(RouteDefinition route) {
        Lifecycle lifecycle = lifecycleOf(route);
        if (lifecycle != null) {
            lifecycle.stoppedBeforeCreation();
        }
    }

    /** The definition of an action route whose route Camel never created was removed: the action is gone. */
    public static void removedBeforeCreation(RouteDefinition route) {
        Lifecycle lifecycle = lifecycleOf(route);
        if (lifecycle != null) {
            lifecycle.removedBeforeCreation();
        }
    }

    private static Lifecycle lifecycleOf(RouteDefinition route) {
        if (route.getRoutePolicies() != null) {
            for (RoutePolicy policy : route.getRoutePolicies()) {
                if (policy instanceof Lifecycle lifecycle) {
                    return lifecycle;
                }
            }
        }
        return null;
    }

    /**
     * Stops sending calls to the action's current route (its file is being reloaded): calls from now on wait for the
     * route that replaces it. Waits up to {@code patience} for the calls already inside; true when none is left (or
     * the action has no route).
     */
    public boolean retire(String name, Duration patience) {
        ActionRoute current = routes.get(name);
        if (current == null) {
            return true;
        }
        current.retire();
        // After the route stopped taking calls: a listing sorted meanwhile is marked with the version before this.
        changes.incrementAndGet();
        return current.drain(patience.toNanos());
    }

    /** Forgets the action at once: calls from now on answer that there is no such action (its file was deleted). */
    public void unregister(String name) {
        defined.remove(name);
        ActionRoute removed = routes.remove(name);
        changes.incrementAndGet();
        if (removed != null) {
            removed.removed();
        }
    }

    /**
     * The action's route, ready to run: started, or started now when it waits for its first call. Waits up to
     * {@code patience} while the route is being replaced (a reload removes the old route and adds the new one; a call
     * in between should not fail). Empty when no action of that name is loaded, or its route does not come back.
     */
    Optional<ActionRoute> ready(String name, Duration patience) {
        return await(name, patience, true);
    }

    /** The action, waiting up to {@code patience} while its route is being replaced; starts nothing. */
    Optional<ActionPlan> await(String name, Duration patience) {
        return await(name, patience, false).map(ActionRoute::plan);
    }

    private Optional<ActionRoute> await(String name, Duration patience, boolean start) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            ActionRoute route = routes.get(name);
            if (route != null && (start ? route.ensureStarted() : route.isServing())) {
                return Optional.of(route);
            }
            if (!defined.containsKey(name) || System.nanoTime() > deadline) {
                return Optional.empty();
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    /**
     * Whether an action of that name was loaded, its route created or not yet: while a context starts, its routes are
     * configured (and so defined here) before any is created, and endpoints are created in between.
     */
    public boolean isDefined(String name) {
        return defined.containsKey(name);
    }

    /** The names of every loaded action, its route created or not. */
    public Set<String> definedNames() {
        return new TreeSet<>(defined.keySet());
    }

    /** The action if calls can run it now: its route runs, or waits for its first call. Starts nothing. */
    public Optional<ActionPlan> find(String name) {
        ActionRoute route = routes.get(name);
        return route != null && route.isServing() ? Optional.of(route.plan()) : Optional.empty();
    }

    /** Every action configured, whether its route runs now or not (a reload may have removed it). */
    public List<ActionPlan> lastLoaded() {
        return List.copyOf(defined.values());
    }

    /**
     * Every action calls can run (started, or waiting for its first call), by name. Sorted once per change rather than
     * for every listing: at 10 000 actions the sort was a quarter of {@code GET /api/actions}.
     */
    public List<ActionPlan> all() {
        long version = changes.get();
        Serving current = serving;
        if (current.version() == version) {
            return current.plans();
        }
        // A change while this sorts leaves the list marked with the version before it: the next call sorts again.
        List<ActionPlan> plans = routes.values().stream()
                .filter(ActionRoute::isServing)
                .map(ActionRoute::plan)
                .sorted(Comparator.comparing(ActionPlan::name))
                .toList();
        serving = new Serving(version, plans);
        return plans;
    }

    /** How many actions calls can run, and how many of their routes run now. */
    public int[] counts() {
        int serving = 0;
        int started = 0;
        for (ActionRoute route : routes.values()) {
            serving += route.isServing() ? 1 : 0;
            started += route.isStarted() ? 1 : 0;
        }
        return new int[] {serving, started};
    }

    /** Binds an action to the route Camel created for it, and lets go of it when Camel removes that route. */
    private final class Lifecycle implements RoutePolicy {

        private final ActionPlan plan;

        Lifecycle(ActionPlan plan) {
            this.plan = plan;
        }

        /** The binding of {@code route}, if it is still this action's current route. */
        private ActionRoute bound(Route route) {
            ActionRoute current = routes.get(plan.name());
            return current != null && current.route() == route ? current : null;
        }

        void awaitCreation(String routeId) {
            routes.put(plan.name(), ActionRoute.awaitingCreation(context, plan, routeId));
            changes.incrementAndGet();
        }

        void stoppedBeforeCreation() {
            ActionRoute current = routes.get(plan.name());
            if (current != null && current.plan() == plan && current.route() == null) {
                current.stopped();
                changes.incrementAndGet();
            }
        }

        void removedBeforeCreation() {
            ActionRoute current = routes.get(plan.name());
            if (current != null && current.plan() == plan && current.route() == null && routes.remove(plan.name(), current)) {
                current.removed();
                changes.incrementAndGet();
            }
        }

        @Override
        public void onInit(Route route) {
            if (defined.get(plan.name()) != plan) {
                // Created for a version no longer defined (its file was deleted or edited meanwhile): that change
                // removes this route, and no call may reach it until then.
                return;
            }
            ActionRoute current = routes.get(plan.name());
            if (current != null && current.plan() == plan && current.awaitsRoute(route.getRouteId())) {
                // Created by the action's first call: the binding the call holds gets its route.
                current.bind(route);
            } else {
                routes.put(plan.name(), new ActionRoute(context, plan, route));
                changes.incrementAndGet();
            }
        }

        @Override
        public void onRemove(Route route) {
            ActionRoute current = bound(route);
            if (current != null) {
                routes.remove(plan.name(), current);
                changes.incrementAndGet();
                current.removed();
            }
        }

        @Override
        public void onStart(Route route) {
            ActionRoute current = bound(route);
            if (current != null) {
                current.started();
                changes.incrementAndGet();
            }
        }

        @Override
        public void onStop(Route route) {
            ActionRoute current = bound(route);
            if (current != null) {
                current.stopped();
                changes.incrementAndGet();
            }
        }

        @Override
        public void onSuspend(Route route) {
            ActionRoute current = bound(route);
            if (current != null) {
                current.suspended();
                changes.incrementAndGet();
            }
        }

        @Override
        public void onResume(Route route) {
            onStart(route);
        }

        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            // nothing per call
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            // nothing per call
        }
    }
}
