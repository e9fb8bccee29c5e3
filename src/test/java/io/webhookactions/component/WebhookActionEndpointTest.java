package io.webhookactions.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.UnknownActionException;
import io.webhookactions.support.Json;
import io.webhookactions.testing.Upstream;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoint contract of SPEC §12: contexts in, headers and an ActionResult out, options, unknown names. */
class WebhookActionEndpointTest extends CamelTestSupport {

    private static Upstream upstream;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = HostRoutes.upstream();
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
                HostRoutes.properties(getContext(), upstream);
                // Host routes first, definitions after: endpoints are created when routes start, once all are loaded.
                from("direct:greet").to("webhook-action:greet");
                HostRoutes.load(getContext(), "greet");
                HostRoutes.load(getContext(), "unreachable");
            }
        };
    }

    private Exchange greet(String uri, Object body, Object contextsHeader) {
        return template.request(uri, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader(WebhookActionConstants.CONTEXTS, contextsHeader);
        });
    }

    @Test
    void bodyBecomesTheActionResultAndTheHeadersSumItUp() {
        Exchange exchange = greet("direct:greet", "{\"user\": {\"name\": \"ada\"}}", null);

        ActionResult result = exchange.getMessage().getBody(ActionResult.class);
        assertThat(result.success()).isTrue();
        assertThat(result.attributesJson().path("user").path("greeting").asText()).isEqualTo("hello ada");
        assertThat(exchange.getMessage().getHeader(WebhookActionConstants.SUCCESS)).isEqualTo(Boolean.TRUE);
        assertThat(exchange.getMessage().getHeader(WebhookActionConstants.STATUS_CODE)).isEqualTo(200);
        assertThat(exchange.getMessage().getHeader(WebhookActionConstants.ERROR)).isNull();
        Map<?, ?> attributes = exchange.getMessage().getHeader(WebhookActionConstants.ATTRIBUTES, Map.class);
        assertThat(((Map<?, ?>) attributes.get("user")).get("greeting")).isEqualTo("hello ada");
        assertThat(((Map<?, ?>) attributes.get("session")).get("greeted")).isEqualTo("hello ada");
    }

    @Test
    void contextsHeaderWinsOverTheBody() {
        Exchange exchange = greet("direct:greet", "not contexts at all", Map.of("user", Map.of("name", "grace")));

        assertThat(upstream.last().uri()).endsWith("name=grace");
        assertThat(exchange.getMessage().getBody(ActionResult.class).success()).isTrue();
    }

    @Test
    void bodyContextsMayBeAMapAJsonTreeOrJsonText() throws Exception {
        JsonNode tree = Json.mapper().readTree("{\"user\": {\"name\": \"tree\"}}");
        for (Object body : new Object[] {Map.of("user", Map.of("name", "map")), tree, "{\"user\": {\"name\": \"text\"}}"}) {
            greet("direct:greet", body, null);
            assertThat(upstream.last().uri()).doesNotEndWith("name=");
        }
        assertThat(upstream.requests().stream().map(Upstream.Received::uri))
                .contains("/greet?name=map", "/greet?name=tree", "/greet?name=text");
    }

    @Test
    void resultConvertsToMapJsonTreeAndJsonTextOfTheTestResponse() {
        ActionResult result = greet("direct:greet", "{\"user\": {\"name\": \"ada\"}}", null).getMessage().getBody(ActionResult.class);

        JsonNode json = context.getTypeConverter().convertTo(JsonNode.class, result);
        Map<String, Object> map = ActionResultConverters.toMap(result);
        assertThat(context.getTypeConverter().convertTo(Map.class, result)).isEqualTo(map);
        String text = context.getTypeConverter().convertTo(String.class, result);
        assertThat(json).isEqualTo(result.toJson());
        assertThat(text).isEqualTo(result.toJson().toString());
        assertThat(map.keySet()).containsExactly("action", "success", "status_code", "duration_ms", "attributes", "request",
                "response", "error");
        assertThat(map.get("status_code")).isEqualTo(200);
    }

    @Test
    void keepBodyLeavesTheBodyAndStillSetsTheHeaders() {
        Exchange exchange = greet("webhook-action:greet?keepBody=true", "original body", Map.of("user", Map.of("name", "kim")));

        assertThat(exchange.getMessage().getBody()).isEqualTo("original body");
        assertThat(exchange.getMessage().getHeader(WebhookActionConstants.STATUS_CODE)).isEqualTo(200);
    }

    @Test
    void unsuccessfulActionIsAResultUnlessThrowExceptionOnFailureIsSet() {
        Exchange quiet = greet("webhook-action:greet", "{\"user\": {\"name\": \"nobody\"}}", null);
        Exchange loud = greet("webhook-action:greet?throwExceptionOnFailure=true", "{\"user\": {\"name\": \"nobody\"}}", null);

        assertThat(quiet.getException()).isNull();
        assertThat(quiet.getMessage().getHeader(WebhookActionConstants.SUCCESS)).isEqualTo(Boolean.FALSE);
        assertThat(quiet.getMessage().getHeader(WebhookActionConstants.STATUS_CODE)).isEqualTo(404);
        assertThat(loud.getException()).isInstanceOf(WebhookActionFailedException.class)
                .hasMessageContaining("\"greet\" did not succeed").hasMessageContaining("404");
        WebhookActionFailedException failure = (WebhookActionFailedException) loud.getException();
        assertThat(failure.getResult().attributesJson().path("user").path("reason").asText()).isEqualTo("no such user");
    }

    @Test
    void nothingReceivedLeavesTheStatusCodeNullAndNamesTheError() {
        Exchange exchange = greet("webhook-action:unreachable", null, null);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeaders()).containsKey(WebhookActionConstants.STATUS_CODE);
        assertThat(exchange.getMessage().getHeader(WebhookActionConstants.STATUS_CODE)).isNull();
        assertThat(exchange.getMessage().getHeader(WebhookActionConstants.SUCCESS)).isEqualTo(Boolean.FALSE);
        assertThat(exchange.getMessage().getHeader(WebhookActionConstants.ERROR, String.class)).contains("127.0.0.1:1");
    }

    @Test
    void includeExchangeFalseLeavesRequestAndResponseOut() {
        ActionResult result = greet("webhook-action:greet?includeExchange=false", "{\"user\": {\"name\": \"bob\"}}", null)
                .getMessage().getBody(ActionResult.class);

        assertThat(result.request()).isNull();
        assertThat(result.response()).isNull();
        assertThat(result.toJson().path("attributes").path("user").path("greeting").asText()).isEqualTo("hello bob");
    }

    @Test
    void unknownNameFailsWhenTheEndpointIsCreatedWithASuggestion() {
        assertThatThrownBy(() -> context.getEndpoint("webhook-action:gret"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasRootCauseInstanceOf(UnknownActionException.class)
                .rootCause().hasMessage("no webhook action named \"gret\"; did you mean \"greet\"?");
    }

    @Test
    void routeAddedToARunningContextForAnUnknownActionFailsWhenAdded() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:later").to("webhook-action:not_loaded");
            }
        })).isInstanceOf(FailedToCreateRouteException.class).hasStackTraceContaining("no webhook action named \"not_loaded\"");
    }
}
