package io.webhookactions.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.response.ActionResult;
import io.webhookactions.route.ActionRouteBuilder;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.runtime.Settings;
import io.webhookactions.runtime.UnknownActionException;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.testing.Upstream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * The context {@code serve} runs on: routes with action ids created in batches, action routes started by their first
 * call, every other route as Camel does.
 */
class WebhookActionsCamelContextTest {

    /**
     * {@code count} routes whose ids mark them as action routes; the routes at {@code first} and {@code second}
     * (in start order) carry the same custom node id. Real action routes carry no custom node ids; these do so
     * the batches become visible: Camel's duplicate node id check, which the batching limits to a batch, is
     * the quadratic walk the batching exists to avoid.
     */
    private static RouteBuilder actionRoutesSharingANodeId(int count, int first, int second) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < count; i++) {
                    String name = String.format("action_%04d", i);
                    var route = from("direct:" + name).routeId(ActionRoutes.routeId(name)).setBody(constant(name));
                    if (i == first || i == second) {
                        route.id("shared");
                    }
                }
            }
        };
    }

    /**
     * Fails on a plain {@code DefaultCamelContext}, which checks all 2 000 routes against each other in one
     * walk and finds the duplicate. Here routes 99 and 100 start in different batches of 100, so each batch
     * is checked on its own.
     */
    @Test
    void actionRoutesAreStartedInBatchesOfAHundred() throws Exception {
        try (CamelContext camel = new WebhookActionsCamelContext()) {
            camel.addRoutes(actionRoutesSharingANodeId(2000, 99, 100));

            camel.start();

            assertThat(camel.getRoutes()).hasSize(2000);
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("action_1999"))).isEqualTo(ServiceStatus.Started);
            assertThat(camel.createProducerTemplate().requestBody("direct:action_0100", "x", String.class)).isEqualTo("action_0100");
        }
    }

    /** The complement: within one batch (routes 100 to 199) action routes are checked as Camel checks them. */
    @Test
    void actionRoutesOfOneBatchAreStillCheckedForDuplicateNodeIds() throws Exception {
        try (CamelContext camel = new WebhookActionsCamelContext()) {
            camel.addRoutes(actionRoutesSharingANodeId(250, 100, 199));

            assertThatThrownBy(camel::start).hasStackTraceContaining("Duplicate id detected: shared");
        }
    }

    /**
     * Action routes are added with the context but each starts on its first call (starting ten thousand consumers one
     * by one is quadratic in Camel 4.18), and each is created by that call too (until then it is a definition in Camel's
     * model, its route stopped); they count as loaded all along, and other routes start as Camel starts them.
     */
    @Test
    void loadsManyActionsBesideOtherRoutesAndEachIsCreatedAndStartedByItsFirstCall() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:host").routeId("host-route").setBody(constant("host")).id("host-step");
                }
            });
            int count = 250;
            // 250 generated definitions, one name each: built here rather than kept as 250 files.
            addActions(camel, upstream, count);

            camel.start();

            assertThat(camel.getRoutes()).extracting(org.apache.camel.Route::getRouteId).containsExactly("host-route");
            assertThat(((org.apache.camel.model.ModelCamelContext) camel).getRouteDefinitions()).hasSize(count + 1);
            assertThat(camel.getRouteController().getRouteStatus("host-route")).isEqualTo(ServiceStatus.Started);
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("item_0"))).isEqualTo(ServiceStatus.Stopped);
            assertThat(actions.registry().all()).hasSize(count);
            assertThat(actions.registry().counts()).containsExactly(count, 0);
            for (int i : new int[] {0, 99, 100, 249}) {
                ActionResult result = actions.execute("item_" + i, Contexts.empty());
                assertThat(result.success()).as("item_%d", i).isTrue();
                assertThat(result.attribute(Context.USER, "item_name").asText()).isEqualTo("widget");
                assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("item_" + i))).isEqualTo(ServiceStatus.Started);
            }
            assertThat(actions.registry().counts()).containsExactly(count, 4);
            assertThat(camel.getRoutes()).hasSize(5);
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("item_1"))).isEqualTo(ServiceStatus.Stopped);
            assertThat(camel.createProducerTemplate().requestBody("direct:host", "x", String.class)).isEqualTo("host");
        }
    }

    /** The list of actions is sorted once per change of what calls can run, and every such change shows in it. */
    @Test
    void theListOfActionsIsSortedOncePerChangeAndFollowsEveryChange() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            addActions(camel, upstream, 3);
            camel.start();

            java.util.List<ActionPlan> listed = actions.registry().all();
            assertThat(listed).extracting(ActionPlan::name).containsExactly("item_0", "item_1", "item_2");
            assertThat(actions.registry().all()).as("nothing changed: the same list").isSameAs(listed);

            actions.execute("item_1", Contexts.empty());
            camel.getRouteController().stopRoute(ActionRoutes.routeId("item_1"));
            assertThat(actions.registry().all()).extracting(ActionPlan::name).containsExactly("item_0", "item_2");

            actions.registry().unregister("item_0");
            assertThat(actions.registry().all()).extracting(ActionPlan::name).containsExactly("item_2");

            actions.registry().retire("item_2", java.time.Duration.ZERO);
            assertThat(actions.registry().all()).isEmpty();
        }
    }

    /** However many calls arrive together, the route is started once, and every call gets its answer, none a refusal. */
    @Test
    void concurrentFirstCallsStartTheRouteOnceAndAllAreAnswered() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            ItemActions.add(camel, "first", upstream.url("/items/1"));
            ItemActions.add(camel, "second", upstream.url("/items/1"));
            java.util.List<String> started = routesStarted(camel);
            camel.start();
            int calls = 32;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(calls);
            try {
                java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
                java.util.List<java.util.concurrent.Future<ActionResult>> results = new java.util.ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    results.add(pool.submit(() -> {
                        gate.await();
                        return actions.execute("first", Contexts.empty());
                    }));
                }
                gate.countDown();
                for (java.util.concurrent.Future<ActionResult> result : results) {
                    assertThat(result.get().success()).isTrue();
                    assertThat(result.get().attribute(Context.USER, "item_name").asText()).isEqualTo("widget");
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(started).containsExactly(ActionRoutes.routeId("first"));
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("second"))).isNotEqualTo(ServiceStatus.Started);
        }
    }

    /** A call never starts a route that was stopped (an operator, a reload or a removal stopped it): it waits, then says so. */
    @Test
    void aCallDoesNotStartARouteThatWasStopped() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            String json = "{\"name\": \"item\", \"url\": \"" + upstream.url("/items/1") + "\"}";
            camel.addRoutes(new ActionRouteBuilder(new DefinitionLoader()
                    .load(json.getBytes(StandardCharsets.UTF_8), "item.webhook.json", null).orThrow()));
            camel.start();
            assertThat(actions.execute("item", Contexts.empty()).success()).isTrue();

            camel.getRouteController().stopRoute(ActionRoutes.routeId("item"));

            assertThatThrownBy(() -> actions.execute("item", Contexts.empty())).isInstanceOf(UnknownActionException.class);
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("item"))).isEqualTo(ServiceStatus.Stopped);
            assertThat(actions.registry().all()).isEmpty();

            camel.getRouteController().startRoute(ActionRoutes.routeId("item"));

            assertThat(actions.execute("item", Contexts.empty()).success()).as("started again by the operator").isTrue();
        }
    }

    /** Counts what Camel's own route start does once per route of the context: status look-ups and copies of the route list. */
    private static final class CountingContext extends WebhookActionsCamelContext {
        final java.util.concurrent.atomic.AtomicInteger statusLookUps = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger routeListCopies = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger definitionListReads = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public java.util.List<org.apache.camel.model.RouteDefinition> getRouteDefinitions() {
            definitionListReads.incrementAndGet();
            return super.getRouteDefinitions();
        }

        @Override
        public ServiceStatus getRouteStatus(String key) {
            statusLookUps.incrementAndGet();
            return super.getRouteStatus(key);
        }

        @Override
        public java.util.List<org.apache.camel.Route> getRoutes() {
            routeListCopies.incrementAndGet();
            return super.getRoutes();
        }
    }

    /** Actions item_0 .. item_{count-1}, each calling its own path of {@code upstream} and mapping {@code item_name}. */
    private static void addActions(CamelContext camel, Upstream upstream, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            ItemActions.add(camel, "item_" + i, upstream.url("/items/" + i));
        }
    }

    /** The ids of the routes {@code camel} starts from now on, in the order they start. */
    private static java.util.List<String> routesStarted(CamelContext camel) {
        java.util.List<String> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        camel.getManagementStrategy().addEventNotifier(new org.apache.camel.support.EventNotifierSupport() {
            @Override
            public void notify(org.apache.camel.spi.CamelEvent event) {
                if (event instanceof org.apache.camel.spi.CamelEvent.RouteStartedEvent routeStarted) {
                    started.add(routeStarted.getRoute().getRouteId());
                }
            }
        });
        return started;
    }

    /**
     * Camel's start of one route looks up the status of every route of the context and copies their list (twice): at
     * 10 000 actions that made a first call milliseconds slower, and Camel's creation of a route collects the id of every
     * route definition. A first call here creates and starts its route looking at no other route, and leaves it as
     * Camel's start does: started, with its event, in the startup order (so it stops with the context).
     */
    @Test
    void aFirstCallStartsItsRouteWithoutLookingAtEveryOtherRoute() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CountingContext camel = new CountingContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            addActions(camel, upstream, 300);
            java.util.List<String> started = routesStarted(camel);
            camel.start();
            camel.statusLookUps.set(0);
            camel.routeListCopies.set(0);
            camel.definitionListReads.set(0);

            ActionResult first = actions.execute("item_7", Contexts.empty());
            ActionResult second = actions.execute("item_8", Contexts.empty());

            assertThat(first.success()).isTrue();
            assertThat(second.attribute(Context.USER, "item_name").asText()).isEqualTo("widget");
            assertThat(camel.statusLookUps).as("route status look-ups for two first calls").hasValueLessThan(10);
            assertThat(camel.routeListCopies).as("copies of the route list for two first calls").hasValue(0);
            assertThat(camel.definitionListReads).as("reads of the list of every route definition for two first calls").hasValue(0);
            assertThat(started).containsExactly(ActionRoutes.routeId("item_7"), ActionRoutes.routeId("item_8"));
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("item_7"))).isEqualTo(ServiceStatus.Started);
            java.util.List<Integer> orders = camel.getCamelContextExtension().getRouteStartupOrder().stream()
                    .filter(order -> order.getRoute().getId().startsWith(ActionRoutes.routeId("item_")))
                    .map(org.apache.camel.spi.RouteStartupOrder::getStartupOrder).toList();
            assertThat(orders).hasSize(2).doesNotHaveDuplicates().allMatch(order -> order >= 500_000_000 && order < 1_000_000_000);

            camel.stop();

            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("item_7"))).isEqualTo(ServiceStatus.Stopped);
        }
    }

    /** Routes are found by id in a map kept as Camel adds and removes them, not by a walk over a copy of them all. */
    @Test
    void routesAreFoundByIdAsTheyComeAndGoWithoutCopyingTheirList() throws Exception {
        try (Upstream upstream = new Upstream().on("/items/", Upstream.json(200, "{\"name\": \"widget\"}"));
             CountingContext camel = new CountingContext()) {
            WebhookActions actions = WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            addActions(camel, upstream, 3);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:host").routeId("host-route").setBody(constant("host"));
                }
            });
            camel.start();
            assertThat(camel.getRoute(ActionRoutes.routeId("item_2"))).as("created by its first call").isNull();
            assertThat(actions.execute("item_2", Contexts.empty()).success()).isTrue();
            camel.routeListCopies.set(0);

            assertThat(camel.getRoute("host-route").getEndpoint().getEndpointUri()).isEqualTo("direct://host");
            assertThat(camel.getRoute(ActionRoutes.routeId("item_2")).getId()).isEqualTo(ActionRoutes.routeId("item_2"));
            assertThat(camel.getRoute("no-such-route")).isNull();
            assertThat(camel.getRoute(null)).isNull();
            assertThat(camel.routeListCopies).hasValue(0);

            camel.getRouteController().stopRoute("host-route");
            camel.removeRoute("host-route");
            assertThat(camel.getRoute("host-route")).isNull();

            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:host").routeId("host-route").setBody(constant("host again"));
                }
            });
            assertThat(camel.getRoute("host-route")).isNotNull().isSameAs(camel.getRoutes().stream()
                    .filter(route -> route.getId().equals("host-route")).findFirst().orElseThrow());
            assertThat(camel.createProducerTemplate().requestBody("direct:host", "x", String.class)).isEqualTo("host again");
        }
    }

    @Test
    void otherRoutesAreStillCheckedForDuplicateNodeIds() throws Exception {
        try (CamelContext camel = new WebhookActionsCamelContext()) {
            WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:a").routeId("a").log("a").id("same");
                    from("direct:b").routeId("b").log("b").id("same");
                }
            });

            assertThatThrownBy(camel::start).hasStackTraceContaining("Duplicate id detected: same");
        }
    }
}
