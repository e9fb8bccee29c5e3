package org.apache.camel.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The patch in {@code docs/upstream/camel-4.18-route-start-hash-sets.patch}, shown on a copy of Camel's class in the test
 * sources ({@link PatchedInternalRouteStartupManager}) next to Camel's own: starting routes on a running context checks
 * each route's consumer against the started routes with one pass over the context's routes per call (a batch) or
 * without any status look-up for routes on other endpoints (one route), instead of a copy of every route and a status
 * look-up for each, per route started. A second consumer on a started endpoint is refused as before.
 */
class PatchedInternalRouteStartupManagerTest {

    private static final int ROUTES = 400;

    /** Counts route status look-ups: Camel's check makes one for every route of the context, per route it starts. */
    private static final class CountingContext extends DefaultCamelContext {
        final AtomicLong statusLookups = new AtomicLong();

        @Override
        public ServiceStatus getRouteStatus(String key) {
            statusLookups.incrementAndGet();
            return super.getRouteStatus(key);
        }
    }

    private CountingContext context;

    @BeforeEach
    void routes() throws Exception {
        context = new CountingContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:shared").routeId("first").log("first");
                from("direct:shared").routeId("second").autoStartup(false).log("second");
                for (int i = 0; i < ROUTES; i++) {
                    from("direct:route_" + i).routeId("route_" + i).autoStartup(false).log("route");
                }
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private Map<Integer, DefaultRouteStartupOrder> inputs(int from, int to) {
        Map<Integer, DefaultRouteStartupOrder> inputs = new TreeMap<>();
        for (int i = from; i < to; i++) {
            inputs.put(1000 + i, order("route_" + i, 1000 + i));
        }
        return inputs;
    }

    private DefaultRouteStartupOrder order(String routeId, int order) {
        RouteService service = context.getRouteServices().get(routeId);
        return new DefaultRouteStartupOrder(order, service.getRoute(), service);
    }

    private long statusLookupsWhile(ThrowingRunnable work) throws Exception {
        long before = context.statusLookups.get();
        work.run();
        return context.statusLookups.get() - before;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aBatchOfRoutesLooksUpEachRouteStatusOnceInsteadOfOncePerRouteStarted() throws Exception {
        long camels = statusLookupsWhile(() -> new InternalRouteStartupManager().doStartRouteConsumers(context, inputs(0, 50), false));
        long patched = statusLookupsWhile(() -> new PatchedInternalRouteStartupManager().doStartRouteConsumers(context, inputs(50, 100), false));

        assertThat(camels).isGreaterThanOrEqualTo(50L * ROUTES);
        assertThat(patched).isLessThanOrEqualTo(ROUTES + 2);
        for (int i = 0; i < 100; i++) {
            assertThat(context.getRouteStatus("route_" + i)).isEqualTo(ServiceStatus.Started);
        }
        assertThat(context.getCamelContextExtension().getRouteStartupOrder()).extracting(order -> order.getRoute().getId())
                .doesNotHaveDuplicates().contains("route_0", "route_99");
    }

    @Test
    void oneRouteStartedOnDemandLooksUpNoStatusOfRoutesOnOtherEndpoints() throws Exception {
        long camels = statusLookupsWhile(() -> new InternalRouteStartupManager().doStartRouteConsumers(context, inputs(0, 1), false));
        long patched = statusLookupsWhile(() -> new PatchedInternalRouteStartupManager().doStartRouteConsumers(context, inputs(1, 2), false));

        assertThat(camels).isGreaterThanOrEqualTo(ROUTES);
        assertThat(patched).isZero();
        assertThat(context.getRouteStatus("route_1")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aSecondConsumerOnAStartedEndpointIsStillRefused() {
        Map<Integer, DefaultRouteStartupOrder> alone = new TreeMap<>(Map.of(1, order("second", 1)));
        Map<Integer, DefaultRouteStartupOrder> inABatch = new TreeMap<>(inputs(0, 3));
        inABatch.put(1, order("second", 1));

        for (Map<Integer, DefaultRouteStartupOrder> inputs : java.util.List.of(alone, inABatch)) {
            assertThatThrownBy(() -> new PatchedInternalRouteStartupManager().doStartRouteConsumers(context, inputs, false))
                    .isInstanceOf(FailedToStartRouteException.class).hasMessageContaining("Multiple consumers for the same endpoint");
            assertThatThrownBy(() -> new InternalRouteStartupManager().doStartRouteConsumers(context, inputs, false))
                    .isInstanceOf(FailedToStartRouteException.class).hasMessageContaining("Multiple consumers for the same endpoint");
        }
        assertThat(context.getRouteStatus("second")).isNotEqualTo(ServiceStatus.Started);
    }
}
