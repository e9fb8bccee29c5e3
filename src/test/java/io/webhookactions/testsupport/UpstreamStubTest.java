package io.webhookactions.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.component.WebhookActionConstants;
import io.webhookactions.response.ActionResult;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A host's CamelTestSupport runs actions against a stub upstream without network: {@link UpstreamStub} listens on
 * loopback, the definitions' {@code {{upstream}}} points at it, and each request the action really sends is
 * answered by a Camel endpoint of the test.
 */
class UpstreamStubTest extends CamelTestSupport {

    private static UpstreamStub stub;

    @BeforeAll
    static void startStub() throws Exception {
        stub = UpstreamStub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                getContext().getPropertiesComponent().addInitialProperty("upstream", stub.url());
                getContext().getPropertiesComponent().addInitialProperty("closed", "http://127.0.0.1:1");
                getContext().getPropertiesComponent().addInitialProperty("webhook.secret.api_token", "stub-token-1234");
                getContext().getPropertiesComponent().addInitialProperty("webhook.secret.signing_key", "stub-key-5678");
                getContext().getPropertiesComponent().addInitialProperty("partner.id", "partner-9");
                for (String name : new String[] {"greet", "signed_ping"}) {
                    PluginHelper.getRoutesLoader(getContext()).loadRoutes(ResourceHelper.resolveMandatoryResource(getContext(),
                            "file:" + Path.of("src/test/resources/host/routes", name + ".webhook.json")));
                }
                stub.forwardTo(getContext(), "direct:crm");
                from("direct:crm").choice()
                        .when(header(Exchange.HTTP_PATH).isEqualTo("/ping")).to("mock:ping")
                        .otherwise()
                            .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(404))
                            .setHeader("X-Stub", constant("yes"))
                            .setBody(constant("{\"error\": \"stubbed: no such user\"}"));
            }
        };
    }

    @Test
    void actionSendsItsRealRequestToTheStubAndMapsWhatTheTestEndpointReplies() throws Exception {
        MockEndpoint ping = getMockEndpoint("mock:ping");
        ping.expectedMessageCount(1);
        ping.expectedHeaderReceived(Exchange.HTTP_METHOD, "POST");
        ping.expectedHeaderReceived("Authorization", "Bearer stub-token-1234");
        ping.expectedHeaderReceived("X-Partner", "partner-9");
        ping.expectedBodiesReceived("{\"ping\":\"hello\"}");
        ping.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody("{\"echo\": \"from the test\"}"));

        ActionResult result = template.requestBody("webhook-action:signed_ping", Map.of("user", Map.of("ping", "hello")),
                ActionResult.class);

        ping.assertIsSatisfied();
        assertThat(result.success()).isTrue();
        assertThat(result.attributesJson().path("user").path("echo").asText()).isEqualTo("from the test");
        assertThat(ping.getExchanges().get(0).getMessage().getHeader("X-Signature", String.class)).matches("[0-9a-f]{64}");
    }

    @Test
    void replyStatusHeadersAndBodyBecomeTheUpstreamResponse() {
        Exchange exchange = template.request("webhook-action:greet",
                e -> e.getMessage().setBody("{\"user\": {\"name\": \"nobody\"}}"));

        ActionResult result = exchange.getMessage().getBody(ActionResult.class);
        assertThat(exchange.getMessage().getHeader(WebhookActionConstants.STATUS_CODE)).isEqualTo(404);
        assertThat(result.success()).isFalse();
        assertThat(result.attributesJson().path("user").path("reason").asText()).isEqualTo("stubbed: no such user");
        assertThat(result.response().header("X-Stub")).isEqualTo("yes");
        assertThat(result.response().header("Authorization")).as("request headers are not echoed back").isNull();
    }
}
