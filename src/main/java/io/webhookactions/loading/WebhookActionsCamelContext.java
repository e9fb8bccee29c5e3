package io.webhookactions.loading;

import io.webhookactions.runtime.ActionRegistry;
import io.webhookactions.runtime.ActionRoutes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Consumer;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.StartupListener;
import org.apache.camel.component.direct.DirectEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.engine.DefaultRouteError;
import org.apache.camel.impl.engine.DefaultRouteStartupOrder;
import org.apache.camel.impl.engine.RouteService;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteDefinitionHelper;
import org.apache.camel.spi.LifecycleStrategy;
import org.apache.camel.spi.RouteError;
import org.apache.camel.support.RouteWatcherReloadStrategy;

/**
 * A Camel context that loads tens of thousands of action routes in time linear in their number. Camel 4.18 spends
 * time that grows with the square of the number of routes in several places this context steps around, for action
 * routes only; every other route is added and started exactly as Camel does:
 * <ul>
 *   <li>Camel Main checks every route id it is given against the list of all of them (one scan per route). Action
 *       routes given before the context initialises join its model only then, in one call, where Main does not look.
 *       </li>
 *   <li>Every endpoint created before the context has started is kept, to be started late, in a copy-on-write set
 *       that is searched and copied on every add and remove. An action route's entry endpoint (an in-memory
 *       {@code direct:} endpoint, which its route starts anyway when it warms up) is started at once instead.</li>
 *   <li>Creating a route costs a fifth of a millisecond and more as routes accumulate (Camel collects the ids of every
 *       route for each call, resolves the entry URI, builds the route's services). An action's route is created by its
 *       first call instead, and until then the action is loaded with its definition in Camel's model (see
 *       {@link #startRouteDefinitions(List)}); a deployment of 10 000 actions may call a few hundred of them.</li>
 *   <li>Starting a route's consumer copies and scans the list of every route (checks for two consumers of one
 *       endpoint and for startup order clashes). Action routes are added with {@code autoStartup=false} and each is
 *       started by its first call (see {@link io.webhookactions.runtime.ActionRoute}), without that scan (see
 *       {@link #startActionRoute}).</li>
 *   <li>Starting routes checks each route's custom node ids against every route started in the same call, walking all
 *       their nodes. Action routes created with the context (those with custom node ids, which real ones never carry)
 *       are started in batches of at least {@value #BATCH} (about twice the square root of the number of routes), so
 *       that walk covers only a batch.</li>
 *   <li>Removing a route (a reload of one file removes the old route) gathers the endpoints of every route, walking
 *       all their services, up to three times. An action route is removed without it (see {@link #removeRoute}).</li>
 *   <li>Finding a route by id copies the list of every route and compares ids one by one; Camel does it for every
 *       route it starts or stops, and camel-micrometer's exchange notifier twice for every call. Here routes are also
 *       kept by id (see {@link #getRoute}).</li>
 *   <li>Every route created before the context has started adds a task to a copy-on-write list of the context, which
 *       is copied on every add. That list is replaced by one that is not ({@link BootstrapList}), for every route.</li>
 * </ul>
 * {@code serve} runs on this context; a host with many actions may use it too.
 */
public class WebhookActionsCamelContext extends DefaultCamelContext implements ActionRoutes.ScalingContext {

    /**
     * The fewest action routes started per call. Each call collects the ids of all routes (n), and checks each route
     * it starts against the others of the call (b x b): starting n routes in calls of b costs n x n / b + n x b, least
     * at b = sqrt(n) times a constant. With one processor per action route the constant is about 2 (ScaleBench 20 000:
     * 5.0 s in batches of 300, 5.7 s of 100, 8.1 s of 1 000); see {@link #batchSize}.
     */
    private static final int BATCH = 100;

    private static final Object NO_MODEL = new Object();

    /** Where Camel keeps the exception a route failed to start with (a route property). */
    private static final String START_EXCEPTION = "route.start.exception";

    /**
     * Startup orders of action routes started on their first call. Camel numbers routes from 1 000 up, one per route it
     * prepares, and refuses two started routes with one number; this range is far above what its counter reaches and
     * below the Kafka bridge's (stopped first). Shutdown goes from the highest number down, as for Camel's numbers.
     */
    private final AtomicInteger nextStartupOrder = new AtomicInteger(500_000_000);

    /** Action routes given before the context initialised, added as it does. */
    private final List<RouteDefinition> deferred = new ArrayList<>();
    /** Action routes in the model whose route is created by their first call (see {@link #startRouteDefinitions(List)}). */
    private final Map<String, RouteDefinition> uncreated = new ConcurrentHashMap<>();
    /** Those of them an operator (or Camel) stopped: calls do not create them, only a start does. Under the lock. */
    private final Set<String> stoppedUncreated = new HashSet<>();
    /** Whether this thread is starting action routes while the context runs (see {@link #getStartupListeners}). */
    private final ThreadLocal<Boolean> startingActionRoutes = new ThreadLocal<>();
    /** The routes Camel holds (see {@link #getRoutes}), by id: the first one added of an id, as Camel's search finds. */
    private final Map<String, Route> routesById = new ConcurrentHashMap<>();
    private volatile Object model;

    public WebhookActionsCamelContext() {
        super();
        BootstrapList.install(this);
    }

    /** @param init whether to initialise at once, as {@link DefaultCamelContext#DefaultCamelContext(boolean)} */
    public WebhookActionsCamelContext(boolean init) {
        super(init);
        // Before any route is created: building the context creates none.
        BootstrapList.install(this);
    }

    @Override
    public synchronized boolean deferActionRoutes(List<RouteDefinition> routes) {
        if (!isNew() && !isBuild()) {
            return false;
        }
        deferred.addAll(routes);
        return true;
    }

    /** Called once as the context initialises: the action routes given so far join the model here, in one call. */
    @Override
    public void startRouteDefinitions() throws Exception {
        List<RouteDefinition> routes;
        synchronized (this) {
            routes = new ArrayList<>(deferred);
            deferred.clear();
        }
        if (!routes.isEmpty()) {
            // Not started yet: the model only takes them; they are created below with every other route.
            addRouteDefinitions(routes);
        }
        super.startRouteDefinitions();
    }

    /**
     * Creates the routes of these definitions, as Camel does, except action routes: their route is created (and started)
     * by their first call, and until then the action counts as loaded with its definition in Camel's model. Creating a
     * route costs Camel about a fifth of a millisecond and more as routes accumulate: at 10 000 actions that was two
     * seconds of every start, for routes most of which a deployment may never call.
     */
    @Override
    public void startRouteDefinitions(List<RouteDefinition> routeDefinitions) throws Exception {
        List<RouteDefinition> created = new ArrayList<>(routeDefinitions.size());
        for (RouteDefinition route : routeDefinitions) {
            if (createdOnFirstCall(route) && ActionRegistry.awaitCreation(route)) {
                // Created and started by the call, which starts it itself (see startActionRoute).
                route.setAutoStartup("false");
                uncreated.put(route.getRouteId(), route);
            } else {
                created.add(route);
            }
        }
        if (!created.isEmpty()) {
            createRoutes(created);
        }
    }

    /**
     * An action's route (built with the registry's lifecycle) that Camel's creation checks have nothing to say about:
     * no precondition, and no custom node ids to check against other routes.
     */
    private static boolean createdOnFirstCall(RouteDefinition route) {
        if (route.getRouteId() == null || ActionRoutes.actionOf(route.getRouteId()) == null || !ActionRegistry.tracks(route)
                || route.getPrecondition() != null) {
            return false;
        }
        List<String> nodeIds = new ArrayList<>();
        for (ProcessorDefinition<?> output : route.getOutputs()) {
            ProcessorDefinitionHelper.gatherAllNodeIds(output, nodeIds, true, false);
        }
        return nodeIds.isEmpty();
    }

    private void createRoutes(List<RouteDefinition> routeDefinitions) throws Exception {
        List<RouteDefinition> others = new ArrayList<>();
        List<RouteDefinition> actions = new ArrayList<>();
        for (RouteDefinition route : routeDefinitions) {
            (ActionRoutes.actionOf(route.getRouteId()) != null ? actions : others).add(route);
            if (ActionRegistry.tracks(route)) {
                // Started by its first call (ActionRoute.ensureStarted), not with the others.
                route.setAutoStartup("false");
            }
        }
        if (actions.size() <= 1) {
            whileStartingActionRoutes(!actions.isEmpty() && others.isEmpty(), () -> super.startRouteDefinitions(routeDefinitions));
            return;
        }
        if (!others.isEmpty()) {
            super.startRouteDefinitions(others);
        }
        int size = batchSize(getRouteDefinitions().size());
        for (int from = 0; from < actions.size(); from += size) {
            List<RouteDefinition> batch = new ArrayList<>(actions.subList(from, Math.min(actions.size(), from + size)));
            whileStartingActionRoutes(true, () -> super.startRouteDefinitions(batch));
        }
    }

    /** Action routes per start call on a context of {@code routes} routes: the least total cost (see {@link #BATCH}). */
    static int batchSize(int routes) {
        return Math.max(BATCH, (int) (2 * Math.sqrt(routes)));
    }

    /**
     * Starts an action route on its first call as Camel's {@code startRoute} does, minus Camel's check that no other
     * started route consumes from the same endpoint: that check copies the list of every route and looks up the status
     * of each (a millisecond or more per start at 10 000 routes). An action route's entry is a {@code direct:} endpoint,
     * which refuses a second consumer by itself ({@code DirectComponent.addConsumer}), so the check adds nothing here.
     * Any other case (a route suspended by an operator, another kind of entry, a context not running) goes through Camel.
     */
    @Override
    public void startActionRoute(String routeId) throws Exception {
        startActionRoute(routeId, false);
    }

    /** @param byStart whether Camel's {@code startRoute} asks (which starts a stopped route), not a call */
    private void startActionRoute(String routeId, boolean byStart) throws Exception {
        Object model = model();
        if (model == null || getLock() instanceof ReentrantLock lock && lock.isHeldByCurrentThread()) {
            // Under the context's lock already (Camel's resumeRoute starts a route that cannot be suspended under it):
            // taking the model's monitor now would invert Camel's order and deadlock with a reload. The lock alone
            // keeps a reload from removing the route meanwhile (its removal needs the lock).
            startCreatedActionRoute(routeId, byStart);
            return;
        }
        // Camel's order: the model's monitor first (a reload adds and removes definitions under it), then the lock.
        synchronized (model) {
            startCreatedActionRoute(routeId, byStart);
        }
    }

    private void startCreatedActionRoute(String routeId, boolean byStart) throws Exception {
        getLock().lock();
        try {
            RouteDefinition definition = uncreated.get(routeId);
            if (definition != null && stoppedUncreated.contains(routeId)) {
                if (!byStart) {
                    return; // stopped while this call waited for the lock: the stop holds
                }
                stoppedUncreated.remove(routeId);
            }
            if (definition != null) {
                if (isStopping() || isStopped()) {
                    throw new IllegalStateException("the service is stopping");
                }
                // Listed as not created until Camel holds the route, so its status never reads as "no such route" (a
                // deletion seeing that would leave the route behind).
                try {
                    whileStartingActionRoutes(true, () -> createActionRoute(definition));
                } finally {
                    if (getRouteServices().containsKey(routeId)) {
                        uncreated.remove(routeId, definition);
                    }
                    // Otherwise left to be created by the next call, which then says the same.
                }
            }
            RouteService service = getRouteServices().get(routeId);
            if (service == null || !startsOnItsOwn(service)) {
                whileStartingActionRoutes(true, () -> getRouteController().startRoute(routeId));
                return;
            }
            Route route = service.getRoute();
            route.setLastError(null);
            boolean alreadyStarting = isStartingRoutes();
            setStartingRoutes(true);
            try {
                startConsumerAndRoute(service, route);
            } catch (Exception e) {
                DefaultRouteError.set(this, routeId, RouteError.Phase.START, e);
                throw e;
            } finally {
                if (!alreadyStarting) {
                    setStartingRoutes(false);
                }
            }
            logRouteState(route, "Started", LoggingLevel.INFO, 0);
        } finally {
            getLock().unlock();
        }
    }

    /**
     * Creates the route of an action's definition as Camel's {@code startRouteDefinitions} creates one, minus its first
     * step: collecting the id of every route definition of the context, to give routes without an id one that no other
     * route has. An action route has its action's id (unique: the loader refuses a name taken twice) and no other custom
     * id ({@link #createdOnFirstCall}), and that collection was a third of a first call at 10 000 actions.
     */
    private void createActionRoute(RouteDefinition definition) throws Exception {
        boolean alreadyStarting = isStartingRoutes();
        setStartingRoutes(true);
        try {
            if (!definition.isPrepared()) {
                RouteDefinitionHelper.prepareRoute(this, definition);
                definition.markPrepared();
            }
            RouteDefinitionHelper.forceAssignIds(this, definition.getInput());
            RouteDefinitionHelper.forceAssignIds(this, definition);
            getCamelContextExtension().createRoute(definition.getRouteId());
            Route route = getModelReifierFactory().createRoute(this, definition);
            startRouteService(new RouteService(route), true);
        } finally {
            if (!alreadyStarting) {
                setStartingRoutes(false);
            }
            getCamelContextExtension().createRoute(null);
        }
    }

    /**
     * A route on a {@code direct:} endpoint, never started (a route started once is in Camel's startup order list, which
     * only Camel's own start checks without a walk), on a running context.
     */
    private boolean startsOnItsOwn(RouteService service) {
        return shouldStartRoutes() && service.getRoute().getEndpoint() instanceof DirectEndpoint
                && (service.isNew() || service.isBuild() || service.isInit());
    }

    /** Camel's steps for one route ({@code InternalRouteStartupManager.safelyStartRouteServices}), in its order. */
    private void startConsumerAndRoute(RouteService service, Route route) throws Exception {
        service.setUp();
        service.warmUp();
        // (Camel calls the startup listeners here: none for action routes, see getStartupListeners.)
        Consumer consumer = service.getInput();
        for (LifecycleStrategy strategy : getLifecycleStrategies()) {
            strategy.onServiceAdd(getCamelContextReference(), consumer, route);
        }
        try {
            CamelContextAware.trySetCamelContext(consumer, getCamelContextReference());
            ServiceHelper.startService(consumer);
            route.getProperties().remove(START_EXCEPTION);
        } catch (Exception e) {
            route.getProperties().put(START_EXCEPTION, e);
            throw e;
        }
        // Never started, so not in the list yet (Camel searches the list first, to not add a restarted route twice).
        getCamelContextExtension().getRouteStartupOrder()
                .add(new DefaultRouteStartupOrder(nextStartupOrder.getAndIncrement(), route, service));
        try {
            service.start();
            route.getProperties().remove(START_EXCEPTION);
        } catch (Exception e) {
            route.getProperties().put(START_EXCEPTION, e);
            throw e;
        }
    }

    /**
     * The startup listeners Camel calls for every route it starts. While the context runs, action routes are started
     * one at a time (first calls, reloads) and Camel's listeners have nothing to do for them; camel-platform-http-main's
     * adds an event notifier to the context each time it is called (one more notifier consulted on every exchange per
     * action ever started) and logs the server's endpoints again. So they are not called for action routes then.
     */
    @Override
    protected List<StartupListener> getStartupListeners() {
        return Boolean.TRUE.equals(startingActionRoutes.get()) ? new ArrayList<>() : super.getStartupListeners();
    }

    private interface RouteWork {
        void run() throws Exception;
    }

    private void whileStartingActionRoutes(boolean actionsOnly, RouteWork work) throws Exception {
        if (!actionsOnly || !isStarted() || startingActionRoutes.get() != null) {
            work.run();
            return;
        }
        startingActionRoutes.set(Boolean.TRUE);
        try {
            work.run();
        } finally {
            startingActionRoutes.remove();
        }
    }

    @Override
    public void addRoute(Route route) {
        super.addRoute(route);
        routesById.putIfAbsent(route.getId(), route);
    }

    @Override
    public void removeRoute(Route route) {
        super.removeRoute(route);
        // Only this route: Camel does not hold two routes of one id (no walk over the others, which made stopping a
        // context of 10 000 routes quadratic).
        routesById.remove(route.getId(), route);
    }

    /** The status of the route of this id; an action route waiting for its first call to create it counts as stopped. */
    @Override
    public ServiceStatus getRouteStatus(String key) {
        // Which waits first: its entry goes only once Camel holds the route, so one of the two answers.
        boolean waiting = key != null && uncreated.containsKey(key);
        ServiceStatus status = super.getRouteStatus(key);
        return status == null && waiting ? ServiceStatus.Stopped : status;
    }

    /**
     * Stops the route of this id; an action route not created yet has nothing to stop, and calls no longer create and
     * start it (an operator's stop, or a reload's), until Camel's {@code startRoute} does.
     */
    @Override
    protected void doShutdownRoute(String routeId, long timeout, TimeUnit timeUnit, boolean removingRoutes,
            LoggingLevel loggingLevel) throws Exception {
        getLock().lock();
        try {
            if (!stopUncreated(routeId)) {
                super.doShutdownRoute(routeId, timeout, timeUnit, removingRoutes, loggingLevel);
            }
        } finally {
            getLock().unlock();
        }
    }

    /** Camel's stop with a timeout that may abort (JMX's {@code stop(timeout, abort)}), for a route not created yet too. */
    @Override
    public boolean stopRoute(String routeId, long timeout, TimeUnit timeUnit, boolean abortAfterTimeout, LoggingLevel loggingLevel)
            throws Exception {
        getLock().lock();
        try {
            return stopUncreated(routeId) || super.stopRoute(routeId, timeout, timeUnit, abortAfterTimeout, loggingLevel);
        } finally {
            getLock().unlock();
        }
    }

    /**
     * Stops an action route not created yet, under the lock (a first call waiting for it then sees the stop): calls no
     * longer create it, Camel's {@code startRoute} or {@code startAllRoutes} does. False when the route is not such.
     */
    private boolean stopUncreated(String routeId) {
        RouteDefinition definition = routeId == null ? null : uncreated.get(routeId);
        if (definition == null || getRouteServices().containsKey(routeId)) {
            return false;
        }
        stoppedUncreated.add(routeId);
        ActionRegistry.stoppedBeforeCreation(definition);
        return true;
    }

    /** Starts every route, as Camel does; action routes stopped before their creation wait for their first call again. */
    @Override
    public void startAllRoutes() throws Exception {
        super.startAllRoutes();
        getLock().lock();
        try {
            for (String routeId : List.copyOf(stoppedUncreated)) {
                RouteDefinition definition = uncreated.get(routeId);
                stoppedUncreated.remove(routeId);
                if (definition != null) {
                    ActionRegistry.awaitCreation(definition);
                }
            }
        } finally {
            getLock().unlock();
        }
    }

    /** Stops every route, as Camel does, and every action route not created yet with it (see {@link #doShutdownRoute}). */
    @Override
    public void stopAllRoutes() throws Exception {
        super.stopAllRoutes();
        for (String routeId : List.copyOf(uncreated.keySet())) {
            stopRoute(routeId, LoggingLevel.DEBUG);
        }
    }

    /**
     * Removes every route, as Camel does, and every action route not created yet with it; except when Camel's route
     * reload (with {@code routes-reload-remove-all-routes}) asks: it reloads the files of the routes it lists, which
     * leaves out routes never created, so those stay as they are (the same definitions a reload of their files makes).
     */
    @Override
    public void removeAllRoutes() throws Exception {
        super.removeAllRoutes();
        if (calledByRouteReload()) {
            return;
        }
        for (String routeId : List.copyOf(uncreated.keySet())) {
            removeRoute(routeId, LoggingLevel.DEBUG);
        }
    }

    private static boolean calledByRouteReload() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                frame -> frame.getClassName().equals(RouteWatcherReloadStrategy.class.getName())));
    }

    /** Starts the route of this id; an action route not created yet is created and started, as by its first call. */
    @Override
    public void startRoute(String routeId, LoggingLevel loggingLevel) throws Exception {
        if (routeId != null && uncreated.containsKey(routeId)) {
            startActionRoute(routeId, true);
            return;
        }
        super.startRoute(routeId, loggingLevel);
    }

    /** The route of this id, as Camel finds it, by a hash look-up instead of Camel's walk over a copy of every route. */
    @Override
    public Route getRoute(String id) {
        return id == null ? null : routesById.get(id);
    }

    @Override
    public void deferStartService(Object object, boolean stopOnShutdown) {
        if (object instanceof DirectEndpoint endpoint && !isStarted() && ActionRoutes.isEntry(endpoint.getEndpointUri())) {
            ServiceHelper.startService(endpoint);
            return;
        }
        super.deferStartService(object, stopOnShutdown);
    }

    /**
     * Removes a stopped route, as Camel does, except that for an action route Camel's search of every route's
     * endpoints (to find the ones only this route used) is skipped: an action route uses only its own entry endpoint.
     * Camel makes that search up to three times when one file is reloaded, each walking every service of every route
     * (a second per reload at 10 000 routes). A route that does not exist is not searched for at all.
     */
    @Override
    protected boolean removeRoute(String routeId, LoggingLevel loggingLevel) throws Exception {
        Object model = model();
        if (ActionRoutes.actionOf(routeId) == null || model == null) {
            return super.removeRoute(routeId, loggingLevel);
        }
        // Camel's order: the model's monitor first (against a concurrent addRoutes), then the context's lock.
        synchronized (model) {
            getLock().lock();
            try {
                RouteDefinition uncreatedRoute = uncreated.remove(routeId);
                if (uncreatedRoute != null) {
                    stoppedUncreated.remove(routeId);
                    // Never created: the action and its definition go, nothing else exists.
                    ActionRegistry.removedBeforeCreation(uncreatedRoute);
                    removeRouteDefinition(uncreatedRoute);
                    return true;
                }
                DefaultRouteError.reset(this, routeId);
                RouteService routeService = getRouteServices().get(routeId);
                if (routeService == null || !getRouteStatus(routeId).isStopped()) {
                    return false;
                }
                try {
                    routeService.setRemovingRoutes(true);
                    shutdownRouteService(routeService, loggingLevel);
                    getRouteServices().remove(routeId);
                    getCamelContextExtension().getRouteStartupOrder().removeIf(order -> order.getRoute().getId().equals(routeId));
                    removeEndpoints(routeService.getRoute().getEndpoint().getEndpointUri());
                } catch (Exception e) {
                    DefaultRouteError.set(this, routeId, RouteError.Phase.REMOVE, e);
                    throw e;
                }
                RouteDefinition definition = getRouteDefinition(routeId);
                if (definition != null) {
                    removeRouteDefinition(definition);
                }
                return true;
            } finally {
                getLock().unlock();
            }
        }
    }

    /**
     * The model {@link DefaultCamelContext} synchronises route removal on (a private field in Camel 4.18); null if a
     * later Camel moved it, and then routes are removed by Camel itself.
     */
    private Object model() {
        Object model = this.model;
        if (model == null) {
            try {
                java.lang.reflect.Field field = DefaultCamelContext.class.getDeclaredField("model");
                field.setAccessible(true);
                model = field.get(this);
            } catch (ReflectiveOperationException | RuntimeException e) {
                model = NO_MODEL;
            }
            this.model = model;
        }
        return model == NO_MODEL ? null : model;
    }
}
