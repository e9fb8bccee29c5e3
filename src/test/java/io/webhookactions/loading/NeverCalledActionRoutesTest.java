package io.webhookactions.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.runtime.Settings;
import io.webhookactions.runtime.UnknownActionException;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.Upstream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.engine.AbstractCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An action whose route was never created (its first call has not come) is stopped, suspended, resumed, removed and
 * deleted through Camel's route controller as a created one is: the operator's word holds, nothing is left behind, and
 * no order of the context's locks deadlocks. Each case failed before these routes were handled (review of the lazy
 * creation).
 */
class NeverCalledActionRoutesTest {

    @Test
    void anOperatorsStopOrSuspendHoldsAgainstCallsUntilTheOperatorStartsTheRouteAgain() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            ItemActions.add(camel, "stopped", upstream.url("/items/1"));
            ItemActions.add(camel, "suspended", upstream.url("/items/2"));
            ItemActions.add(camel, "all", upstream.url("/items/3"));
            camel.start();

            camel.getRouteController().stopRoute(ActionRoutes.routeId("stopped"));
            camel.getRouteController().suspendRoute(ActionRoutes.routeId("suspended"));

            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("stopped"))).isEqualTo(ServiceStatus.Stopped);
            assertThatThrownBy(() -> actions.execute("stopped", Contexts.empty())).isInstanceOf(UnknownActionException.class);
            assertThatThrownBy(() -> actions.execute("suspended", Contexts.empty())).isInstanceOf(UnknownActionException.class);
            assertThat(actions.registry().all()).extracting(plan -> plan.name()).containsExactly("all");

            camel.getRouteController().stopAllRoutes();
            assertThatThrownBy(() -> actions.execute("all", Contexts.empty())).isInstanceOf(UnknownActionException.class);

            camel.getRouteController().startRoute(ActionRoutes.routeId("stopped"));
            camel.getRouteController().resumeRoute(ActionRoutes.routeId("suspended"));
            assertThat(actions.execute("stopped", Contexts.empty()).success()).isTrue();
            assertThat(actions.execute("suspended", Contexts.empty()).success()).isTrue();
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("suspended"))).isEqualTo(ServiceStatus.Started);
        }
    }

    /** After stopAllRoutes, startAllRoutes brings actions never called back to waiting for their first call. */
    @Test
    void startingAllRoutesAfterStoppingThemAllLetsCallsRunActionsNeverCalled() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            ItemActions.add(camel, "called", upstream.url("/items/1"));
            ItemActions.add(camel, "never", upstream.url("/items/2"));
            camel.start();
            actions.execute("called", Contexts.empty());

            camel.getRouteController().stopAllRoutes();
            camel.getRouteController().startAllRoutes();

            assertThat(actions.execute("called", Contexts.empty()).success()).isTrue();
            assertThat(actions.execute("never", Contexts.empty()).success()).isTrue();
        }
    }

    /** JMX's stop with a timeout that may abort takes another way through Camel; it holds too. */
    @Test
    void aStopThatMayAbortHoldsToo() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            ItemActions.add(camel, "item", upstream.url("/items/1"));
            camel.start();

            assertThat(camel.getRouteController().stopRoute(ActionRoutes.routeId("item"), 5, java.util.concurrent.TimeUnit.SECONDS, true))
                    .isTrue();

            assertThatThrownBy(() -> actions.execute("item", Contexts.empty())).isInstanceOf(UnknownActionException.class);
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("item"))).isEqualTo(ServiceStatus.Stopped);
        }
    }

    /**
     * An operator's stop that comes while a first call waits to create the route (the call holds the model's monitor and
     * queues for the context's lock, which the stop holds): the stop holds, the call does not create the route.
     */
    @Test
    void aStopWhileAFirstCallWaitsToCreateTheRouteHolds() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            ItemActions.add(camel, "item", upstream.url("/items/1"));
            camel.start();
            ReentrantLock lock = contextLock(camel);
            java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
            Thread firstCall = new Thread(() -> {
                try {
                    outcome.set(actions.execute("item", Contexts.empty()));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            }, "first-call");

            lock.lock();
            try {
                firstCall.start();
                waitUntilQueued(lock, firstCall);
                camel.getRouteController().stopRoute(ActionRoutes.routeId("item"));
            } finally {
                lock.unlock();
            }
            firstCall.join(10_000);

            assertThat(outcome.get()).isInstanceOf(UnknownActionException.class);
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("item"))).isEqualTo(ServiceStatus.Stopped);
            assertThat(camel.getRoute(ActionRoutes.routeId("item"))).isNull();
        }
    }

    /**
     * Camel's reload with remove-all-routes removes every route and reloads the files of the routes it listed, which
     * leaves out routes never created: those stay as they are, and the edited file's new version runs.
     */
    @Test
    void aReloadThatRemovesAllRoutesKeepsTheActionsNeverCalled(@TempDir Path dir) throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            for (String name : java.util.List.of("alpha", "beta", "gamma")) {
                java.nio.file.Files.writeString(dir.resolve(name + ".webhook.json"), ItemActions.definition(name, upstream.url("/items/1"), "item_name"));
            }
            camel.addRoutes(new CompiledRoutes(new DefinitionLoader().loadAll(java.util.List.of(dir)).plans()));
            camel.start();
            actions.execute("alpha", Contexts.empty());
            Path beta = java.nio.file.Files.writeString(dir.resolve("beta.webhook.json"), ItemActions.definition("beta", upstream.url("/items/1"), "item_name_v2"));
            RemoveAllReload reload = new RemoveAllReload(dir);
            reload.setCamelContext(camel);

            reload.reload(org.apache.camel.support.PluginHelper.getResourceLoader(camel).resolveResource("file:" + beta));

            assertThat(actions.execute("gamma", Contexts.empty()).success()).as("never called before the reload").isTrue();
            assertThat(actions.execute("alpha", Contexts.empty()).success()).isTrue();
            assertThat(actions.execute("beta", Contexts.empty()).attribute(io.webhookactions.attribute.Context.USER, "item_name_v2"))
                    .isNotNull();
        }
    }

    /** Camel's route reload, removing all routes first, for one changed file. */
    private static final class RemoveAllReload extends org.apache.camel.support.RouteWatcherReloadStrategy {
        RemoveAllReload(Path dir) {
            super(dir.toString());
            setRemoveAllRoutes(true);
        }

        void reload(org.apache.camel.spi.Resource changed) {
            onRouteReload(java.util.List.of(changed), false);
        }
    }

    /** Camel's reload with remove-all-routes removes every route; an action never called goes with them. */
    @Test
    void removingAllRoutesRemovesTheActionsNeverCalled() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            ItemActions.add(camel, "called", upstream.url("/items/1"));
            ItemActions.add(camel, "never", upstream.url("/items/1"));
            camel.start();
            actions.execute("called", Contexts.empty());

            camel.getRouteController().removeAllRoutes();

            assertThat(((ModelCamelContext) camel).getRouteDefinitions()).isEmpty();
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("never"))).isNull();
            assertThat(actions.registry().all()).isEmpty();
            assertThatThrownBy(() -> actions.execute("never", Contexts.empty())).isInstanceOf(UnknownActionException.class);
        }
    }

    /**
     * Camel's resumeRoute holds the context's lock when it starts a route that cannot be suspended; a first call takes
     * the model's monitor, then that lock. Here the resume queues for the lock first, then a first call of another action
     * takes the model and queues too: with the model's monitor taken inside the lock, both waited for ever.
     */
    @Test
    void resumingAnActionNeverCalledBesideAFirstCallDoesNotDeadlock() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            ItemActions.add(camel, "resumed", upstream.url("/items/1"));
            ItemActions.add(camel, "called", upstream.url("/items/1"));
            camel.start();
            ReentrantLock lock = contextLock(camel);
            Thread resume = new Thread(() -> {
                try {
                    camel.getRouteController().resumeRoute(ActionRoutes.routeId("resumed"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "resume");
            Thread firstCall = new Thread(() -> actions.execute("called", Contexts.empty()), "first-call");
            resume.setDaemon(true);
            firstCall.setDaemon(true);

            lock.lock();
            try {
                resume.start();
                waitUntilQueued(lock, resume);
                firstCall.start();
                waitUntilQueued(lock, firstCall);
            } finally {
                lock.unlock();
            }
            resume.join(10_000);
            firstCall.join(10_000);

            assertThat(ManagementFactory.getThreadMXBean().findDeadlockedThreads()).isNull();
            assertThat(resume.isAlive() || firstCall.isAlive()).as("resume or first call still blocked").isFalse();
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("resumed"))).isEqualTo(ServiceStatus.Started);
        }
    }

    /**
     * A deletion (the watcher's unregister, stop, remove) racing the first call that creates the route: whichever
     * wins, nothing of the action is left. While the route was being created its status read as "no such route", so
     * the deletion skipped it and the created route was bound again, running and listed.
     */
    @Test
    void aDeletionRacingTheFirstCallLeavesNothingBehind() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            camel.start();
            DeletedDefinitionWatcher watcher = DeletedDefinitionWatcher.in(camel);
            java.lang.reflect.Method delete = DeletedDefinitionWatcher.class.getDeclaredMethod("removeRoute", Path.class, String.class);
            delete.setAccessible(true);
            // 40 rounds: the race was lost in about one round in eight (19 of 150 left something behind).
            for (int i = 0; i < 40; i++) {
                String name = "item_" + i;
                String id = ActionRoutes.routeId(name);
                ItemActions.add(camel, name, upstream.url("/items/1"));
                CountDownLatch go = new CountDownLatch(1);
                Thread caller = new Thread(() -> {
                    try {
                        go.await();
                        actions.execute(name, Contexts.empty());
                    } catch (UnknownActionException | InterruptedException deletedFirst) {
                        // the deletion won
                    }
                });
                caller.start();
                go.countDown();
                if (i % 2 == 0) {
                    // Every other round the deletion starts a little later, so the call is caught at more points.
                    LockSupport.parkNanos(200_000);
                }
                delete.invoke(watcher, Path.of("/nowhere/" + name + ".webhook.json"), id);
                caller.join(10_000);

                assertThat(((ModelCamelContext) camel).getRouteDefinition(id)).as("definition of %s", name).isNull();
                assertThat(camel.getRouteController().getRouteStatus(id)).as("route of %s", name).isNull();
                assertThat(actions.registry().find(name)).as("binding of %s", name).isEmpty();
            }
            assertThat(actions.registry().all()).isEmpty();
        }
    }

    private static ReentrantLock contextLock(CamelContext camel) throws ReflectiveOperationException {
        java.lang.reflect.Field field = AbstractCamelContext.class.getDeclaredField("lock");
        field.setAccessible(true);
        return (ReentrantLock) field.get(camel);
    }

    private static void waitUntilQueued(ReentrantLock lock, Thread thread) {
        Eventually.await(Duration.ofSeconds(10), thread.getName() + " waits for the context's lock", () -> lock.hasQueuedThread(thread));
    }
}
