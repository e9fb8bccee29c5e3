package io.webhookactions.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.response.ActionResult;
import io.webhookactions.route.ActionRouteBuilder;
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
