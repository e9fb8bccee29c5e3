package io.webhookactions.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.component.WebhookActionConstants;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.WebhookActions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A host's CamelTestSupport stubs a whole action with AdviceWith: on the action's own route (id
 * {@code webhook-action:NAME}) through {@link ActionStubs}, or on the host's route by replacing its
 * {@code webhook-action:} endpoint. Nothing is sent: the definition points at a port nothing listens on.
 */
class ActionStubsTest extends CamelTestSupport {

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                getContext().getPropertiesComponent().addInitialProperty("upstream", "http://127.0.0.1:1");
                PluginHelper.getRoutesLoader(getContext()).loadRoutes(ResourceHelper.resolveMandatoryResource(getContext(),
                        "file:" + Path.of("src/test/resources/host/routes/greet.webhook.json")));
                from("direct:greet").routeId("host-greet").to("webhook-action:greet");
            }
        };
    }

    @Test
    void stubbedActionRouteAnswersEveryCallerWithTheTestsResult() throws Exception {
        ActionStubs.stub(context, "greet", true, 200, Map.of("greeting", "stubbed hello", "session.greeted", "yes"));
        context.start();

        Exchange viaHostRoute = template.request("direct:greet", e -> e.getMessage().setBody("{\"user\": {\"name\": \"ada\"}}"));
        List<ActionResult> viaPipeline = WebhookActions.in(context).pipeline(List.of("greet"),
                io.webhookactions.runtime.ExecutionInput.of(io.webhookactions.attribute.Contexts.empty(), "pipeline"));

        assertThat(viaHostRoute.getMessage().getHeader(WebhookActionConstants.SUCCESS)).isEqualTo(true);
        assertThat(viaHostRoute.getMessage().getHeader(WebhookActionConstants.STATUS_CODE)).isEqualTo(200);
        ActionResult result = viaHostRoute.getMessage().getBody(ActionResult.class);
        assertThat(result.attributesJson().path("user").path("greeting").asText()).isEqualTo("stubbed hello");
        assertThat(result.attributesJson().path("user").path("greet_action_success").asBoolean()).isTrue();
        assertThat(result.attributesJson().path("session").path("greeted").asText()).isEqualTo("yes");
        assertThat(result.contexts().get(io.webhookactions.attribute.Context.USER, "name").asText()).isEqualTo("ada");
        assertThat(viaPipeline.get(0).attributesJson().path("user").path("greeting").asText()).isEqualTo("stubbed hello");
    }

    @Test
    void hostRouteReplacesItsWebhookActionEndpointWithAMock() throws Exception {
        AdviceWith.adviceWith(context, "host-greet", advice -> advice.weaveByToUri("webhook-action:greet").replace()
                .to("mock:greet").setHeader(WebhookActionConstants.SUCCESS, advice.constant(true)));
        getMockEndpoint("mock:greet").expectedBodiesReceived("{\"user\": {\"name\": \"ada\"}}");
        context.start();

        Exchange exchange = template.request("direct:greet", e -> e.getMessage().setBody("{\"user\": {\"name\": \"ada\"}}"));

        getMockEndpoint("mock:greet").assertIsSatisfied();
        assertThat(exchange.getMessage().getHeader(WebhookActionConstants.SUCCESS)).isEqualTo(true);
    }
}
