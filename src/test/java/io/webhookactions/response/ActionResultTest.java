package io.webhookactions.response;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.call.FailureKind;
import io.webhookactions.call.SentRequest;
import io.webhookactions.call.UpstreamResponse;
import io.webhookactions.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The result of one execution as the test endpoint shows it (SPEC §7) and as a pipeline passes it on (§4). */
class ActionResultTest {

    private static final SentRequest SENT = new SentRequest("POST", "https://api.example.com/orders",
            headers("X-Tenant", "acme", "Content-Type", "application/json"), json("{\"item\": 7}"));

    @Test
    void anAnswerIsShownWithTheRequestAsSentAndTheResponseAsReceived() throws Exception {
        UpstreamResponse answer = new UpstreamResponse(201, headers("Location", "/orders/9", "Content-type", "application/json"),
                "{\"id\": 9}".getBytes(StandardCharsets.UTF_8));
        ActionResult result = new ActionResult("create_order", true, 201, 12,
                Map.of(Context.USER, object("{\"order_id\": 9}"), Context.SESSION, object("{\"last\": \"create_order\"}")),
                SENT, answer, null, null, Contexts.empty());

        assertThat(shown(result)).isEqualTo(json("""
                {"action": "create_order", "success": true, "status_code": 201, "duration_ms": 12,
                 "attributes": {"user": {"order_id": 9}, "session": {"last": "create_order"}},
                 "request": {"method": "POST", "url": "https://api.example.com/orders",
                             "headers": {"X-Tenant": "acme", "Content-Type": "application/json"}, "body": {"item": 7}},
                 "response": {"status": 201, "headers": {"Location": "/orders/9", "Content-type": "application/json"},
                              "body": "{\\"id\\": 9}"},
                 "error": null}"""));
    }

    @Test
    void nothingReceivedShowsNoStatusNoResponseAndTheError() throws Exception {
        SentRequest get = new SentRequest("GET", "https://api.example.com/x", Map.of(), null);
        ActionResult result = new ActionResult("get_x", false, null, 3000, Map.of(), get, null,
                "could not connect to api.example.com:443", FailureKind.CONNECT, Contexts.empty());

        assertThat(shown(result)).isEqualTo(json("""
                {"action": "get_x", "success": false, "status_code": null, "duration_ms": 3000,
                 "attributes": {"user": {}, "session": {}},
                 "request": {"method": "GET", "url": "https://api.example.com/x", "headers": {}, "body": null},
                 "response": null, "error": "could not connect to api.example.com:443"}"""));
    }

    @Test
    void aRequestThatCouldNotBeRenderedAndAnEmptyAnswerShowNull() throws Exception {
        ActionResult unrendered = new ActionResult("get_x", false, null, 0, Map.of(), null, null, "no value for {user.id}",
                FailureKind.RENDER, Contexts.empty());
        ActionResult empty = new ActionResult("get_x", true, 204, 1, Map.of(), SENT, new UpstreamResponse(204, Map.of(), new byte[0]),
                null, null, Contexts.empty());

        assertThat(unrendered.toJson().get("request").isNull()).isTrue();
        assertThat(empty.toJson().get("response")).isEqualTo(json("{\"status\": 204, \"headers\": {}, \"body\": null}"));
    }

    @Test
    void theNextActionOfAPipelineSeesTheInputWithWhatThisOneSetAndRemoved() throws Exception {
        Contexts input = Contexts.fromJson(json("{\"user\": {\"id\": 1, \"token\": \"t\"}, \"session\": {\"step\": 1}}"));
        ObjectNode user = object("{\"name\": \"Ada\"}");
        user.putNull("token");
        ActionResult result = new ActionResult("get_user", true, 200, 5, Map.of(Context.USER, user, Context.SESSION, object("{\"step\": 2}")),
                SENT, null, null, null, input);

        Contexts next = result.contexts();

        assertThat(next.get(Context.USER, "id").asInt()).isEqualTo(1);
        assertThat(next.get(Context.USER, "name").asText()).isEqualTo("Ada");
        assertThat(next.toJson().get("user").has("token")).as("removed").isFalse();
        assertThat(next.get(Context.SESSION, "step").asInt()).isEqualTo(2);
        assertThat(result.attribute(Context.USER, "name").asText()).isEqualTo("Ada");
        assertThat(result.attribute(Context.SESSION, "absent")).isNull();
        assertThat(new ActionResult("a", true, 200, 1, Map.of(), SENT, null, null, null, input).attribute(Context.USER, "name")).isNull();
    }

    @Test
    void theAttributesShownAreACopyThatCannotChangeTheResult() throws Exception {
        ActionResult result = new ActionResult("get_user", true, 200, 5, Map.of(Context.USER, object("{\"name\": \"Ada\"}")), SENT, null,
                null, null, Contexts.empty());

        ((ObjectNode) result.attributesJson().get("user")).put("name", "changed");
        ((ObjectNode) result.toJson().get("attributes").get("user")).put("name", "changed");

        assertThat(result.attribute(Context.USER, "name").asText()).isEqualTo("Ada");
        assertThat(result.attributesJson()).isEqualTo(json("{\"user\": {\"name\": \"Ada\"}, \"session\": {}}"));
    }

    /** As a client reads it: numbers compare by value, not by the node type that holds them. */
    private static JsonNode shown(ActionResult result) {
        return json(result.toJson().toString());
    }

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode object(String text) {
        return (ObjectNode) json(text);
    }

    @Test
    void jacksonWritesAResultInItsShownForm() throws Exception {
        // What a host's marshal().json() does with the body an endpoint left: Jackson's own walk of the record failed on
        // the contexts it holds (and would show the input unmasked).
        ActionResult result = new ActionResult("get_x", true, 200, 5, Map.of(Context.USER, object("{\"n\": 1}")),
                new SentRequest("GET", "https://api.example.com/x", Map.of(), null), null, null, null, Contexts.empty());

        assertThat(io.webhookactions.support.Json.mapper().writeValueAsString(result)).isEqualTo(result.toJson().toString());
    }
}
