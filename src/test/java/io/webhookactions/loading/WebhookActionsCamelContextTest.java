package io.webhookactions.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.response.ActionResult;
import io.webhookactions.route.ActionRouteBuilder;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.runtime.Settings;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.testing.Upstream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** The context {@code serve} runs on: action routes started in batches, every other route as Camel does. */
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

    @Test
    void startsManyActionsBesideOtherRoutesAndEveryOneRuns() throws Exception {
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
            for (int i = 0; i < count; i++) {
                String json = "{\"name\": \"item_" + i + "\", \"url\": \"" + upstream.url("/items/" + i) + "\","
                        + " \"response\": {\"2xx\": {\"outputs\": {\"item_name\": \"name\"}}}}";
                camel.addRoutes(new ActionRouteBuilder(new DefinitionLoader()
                        .load(json.getBytes(StandardCharsets.UTF_8), "item_" + i + ".webhook.json", null).orThrow()));
            }

            camel.start();

            assertThat(camel.getRoutes()).hasSize(count + 1);
            assertThat(camel.getRoutes()).allSatisfy(route ->
                    assertThat(camel.getRouteController().getRouteStatus(route.getRouteId())).isEqualTo(ServiceStatus.Started));
            for (int i : new int[] {0, 99, 100, 249}) {
                ActionResult result = actions.execute("item_" + i, Contexts.empty());
                assertThat(result.success()).as("item_%d", i).isTrue();
                assertThat(result.attribute(Context.USER, "item_name").asText()).isEqualTo("widget");
            }
            assertThat(camel.createProducerTemplate().requestBody("direct:host", "x", String.class)).isEqualTo("host");
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
