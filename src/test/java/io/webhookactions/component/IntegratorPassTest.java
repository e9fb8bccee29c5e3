package io.webhookactions.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.response.ActionResult;
import io.webhookactions.testing.Upstream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an integrator runs into when embedding the component in a host of their own: sending the result on to another
 * endpoint, chaining two actions in one route, a contexts header that is wrong, and an action route an operator stopped.
 */
class IntegratorPassTest {

    private static Upstream upstream;

    @TempDir
    Path dir;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = HostRoutes.upstream();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    /** A started host whose {@code direct:lookup} calls the greet action. */
    private CamelContext lookupHost() throws Exception {
        return host(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookup").to("webhook-action:greet");
            }
        });
    }

    /** A started host with the greet action, {@code routes} and any definitions written to {@code dir} beforehand. */
    private CamelContext host(RouteBuilder routes, String... ownDefinitions) throws Exception {
        CamelContext context = new DefaultCamelContext();
        HostRoutes.properties(context, upstream);
        context.addRoutes(routes);
        HostRoutes.load(context, "greet");
        for (String name : ownDefinitions) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context,
                    "file:" + dir.resolve(name + ".webhook.json")));
        }
        context.start();
        return context;
    }

    @Test
    void resultBodyIsWrittenByAFileEndpointAsTheTestResponseJson() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        try (CamelContext context = host(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:save").to("webhook-action:greet").to("file:" + out + "?fileName=result.json");
            }
        })) {
            Exchange exchange = context.createProducerTemplate().request("direct:save",
                    e -> e.getMessage().setBody(Map.of("user", Map.of("name", "ada"))));

            assertThat(exchange.getException()).isNull();
            String written = Files.readString(out.resolve("result.json"));
            assertThat(written).startsWith("{\"action\":\"greet\",\"success\":true,\"status_code\":200");
            ActionResult result = context.createProducerTemplate().requestBody("webhook-action:greet",
                    Map.of("user", Map.of("name", "bob")), ActionResult.class);
            byte[] bytes = context.getTypeConverter().convertTo(byte[].class, result);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(result.toJson().toString());
            try (InputStream in = context.getTypeConverter().convertTo(InputStream.class, result)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(result.toJson().toString());
            }
        }
    }

    @Test
    void secondActionInARouteRunsWithTheContextsTheFirstLeft() throws Exception {
        // regreet sends the greeting the first action mapped into user.greeting.
        Files.writeString(dir.resolve("regreet.webhook.json"),
                "{\"name\": \"regreet\", \"url\": \"{{upstream}}/greet?name={user.greeting}\","
                        + " \"response\": {\"2xx\": {\"outputs\": {\"greeting\": \"greeting\"}}}}");
        try (CamelContext context = host(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:twice").to("webhook-action:greet").to("webhook-action:regreet");
            }
        }, "regreet")) {
            Exchange exchange = context.createProducerTemplate().request("direct:twice",
                    e -> e.getMessage().setBody("{\"user\": {\"name\": \"ada\"}}"));

            assertThat(exchange.getException()).isNull();
            assertThat(upstream.last().uri()).isEqualTo("/greet?name=hello%20ada");
            ActionResult second = exchange.getMessage().getBody(ActionResult.class);
            assertThat(second.action()).isEqualTo("regreet");
            assertThat(second.attributesJson().path("user").path("greeting").asText()).isEqualTo("hello hello ada");
        }
    }

    @Test
    void contextsHeaderThatIsNotContextsIsNamedInTheFailureInsteadOfTheBody() throws Exception {
        try (CamelContext context = lookupHost()) {
            Exchange exchange = context.createProducerTemplate().request("direct:lookup", e -> {
                e.getMessage().setBody(Map.of("user", Map.of("name", "ada")));
                e.getMessage().setHeader(WebhookActionConstants.CONTEXTS, "user_id=42");
            });

            assertThat(exchange.getException()).hasMessageContaining("header CamelWebhookActionContexts")
                    .hasMessageContaining("a Map of contexts such as {user={user_id=42}}")
                    .hasMessageNotContaining("No body available");
        }
    }

    @Test
    void bodyThatIsNotContextsSaysWhatABodyMayBe() throws Exception {
        try (CamelContext context = lookupHost()) {
            Exchange exchange = context.createProducerTemplate().request("direct:lookup",
                    e -> e.getMessage().setBody(new StringBuilder("user_id=42")));

            assertThat(exchange.getException()).isInstanceOf(InvalidPayloadException.class)
                    .hasMessageContaining("the body is not contexts")
                    .hasMessageContaining("a Map of contexts such as {user={user_id=42}}");
        }
    }

    @Test
    void callToAnActionWhoseRouteIsStoppedSaysTheRouteIsStoppedNotThatNoSuchActionExists() throws Exception {
        try (CamelContext context = lookupHost()) {
            context.getRouteController().stopRoute("webhook-action:greet");

            Exchange exchange = context.createProducerTemplate().request("direct:lookup",
                    e -> e.getMessage().setBody(Map.of("user", Map.of("name", "ada"))));

            assertThat(exchange.getException()).hasMessageNotContaining("no webhook action named")
                    .hasMessageContaining("route webhook-action:greet is Stopped")
                    .hasMessageContaining("startRoute(\"webhook-action:greet\")");
        }
    }
}
