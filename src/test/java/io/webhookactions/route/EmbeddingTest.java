package io.webhookactions.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Upstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Camel host that adds the jar: it loads a {@code *.webhook.json} file through its routes loader and
 * calls the action with {@code to("webhook-action:NAME")}, with the contexts as JSON or as a Map.
 */
class EmbeddingTest extends CamelTestSupport {

    @TempDir
    static Path routes;

    private static Upstream upstream;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new Upstream().on("/greet", (exchange, body) -> Upstream.respond(exchange, 200, "application/json",
                "{\"greeting\": \"hello " + exchange.getRequestURI().getQuery().substring(5) + "\"}"));
        Files.copy(Engine.DEFINITIONS.resolve("embedding/greet.webhook.json"), routes.resolve("greet.webhook.json"));
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                getContext().getPropertiesComponent().addInitialProperty("greet.base", upstream.url(""));
                PluginHelper.getRoutesLoader(getContext()).loadRoutes(
                        ResourceHelper.resolveMandatoryResource(getContext(), "file:" + routes.resolve("greet.webhook.json")));
                from("direct:greet").to("webhook-action:greet");
                from("direct:greet-slim").to("webhook-action:greet?includeExchange=false");
            }
        };
    }

    @Test
    void hostCallsTheActionWithJsonContexts() {
        Map<?, ?> result = template.requestBody("direct:greet", "{\"user\": {\"name\": \"ada\"}}", Map.class);

        assertThat(result.get("success")).isEqualTo(true);
        assertThat(result.get("status_code")).isEqualTo(200);
        Map<?, ?> user = (Map<?, ?>) ((Map<?, ?>) result.get("attributes")).get("user");
        assertThat(user.get("greeting")).isEqualTo("hello ada");
        Map<?, ?> request = (Map<?, ?>) result.get("request");
        assertThat(request.get("method")).isEqualTo("GET");
        assertThat(request.get("url")).isEqualTo(upstream.url("/greet?name=ada"));
        assertThat(context.getRouteController().getRouteStatus("webhook-action:greet")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void hostCallsTheActionWithAMapAndTheSlimShape() {
        Map<?, ?> result = template.requestBody("direct:greet-slim", Map.of("user", Map.of("name", "bob")), Map.class);

        Map<?, ?> user = (Map<?, ?>) ((Map<?, ?>) result.get("attributes")).get("user");
        assertThat(user.get("greeting")).isEqualTo("hello bob");
        assertThat(result.keySet().stream().map(String::valueOf).toList()).as("no request or response")
                .containsExactlyInAnyOrder("action", "success", "status_code", "duration_ms", "attributes", "error");
    }

    @Test
    void unknownActionFailsTheHostExchangeWithItsName() {
        Exception error = template.send("webhook-action:nope", exchange -> exchange.getMessage().setBody("{}")).getException();

        assertThat(error).hasMessageContaining("no webhook action named \"nope\"");
    }
}
