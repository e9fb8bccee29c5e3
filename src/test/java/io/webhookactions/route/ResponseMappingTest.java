package io.webhookactions.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.response.ActionResult;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Upstream;
import io.webhookactions.runtime.Settings;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Status groups, success rules, outputs, types and the default attributes (SPEC §1, §4), against a real upstream. */
class ResponseMappingTest {

    private Upstream upstream;
    private Engine engine;

    @BeforeEach
    void start() throws IOException {
        upstream = new Upstream();
        engine = new Engine().property("upstream", upstream.url(""));
    }

    @AfterEach
    void stop() {
        engine.close();
        upstream.close();
    }

    @ParameterizedTest(name = "{0} -> success {1}")
    @CsvSource({"200, true", "201, true", "204, true", "302, true", "400, false", "404, false", "500, false", "503, false"})
    void eachStatusGroupHasItsDefaultSuccess(int status, boolean success) {
        upstream.on("/s", (exchange, body) -> Upstream.respond(exchange, status, "application/json", status == 204 ? "" : "{}"));
        engine.load("check");

        ActionResult result = engine.execute("check");

        assertThat(result.success()).isEqualTo(success);
        assertThat(result.statusCode()).isEqualTo(status);
        assertThat(result.attribute(Context.USER, "check_action_success").booleanValue()).isEqualTo(success);
        assertThat(result.attribute(Context.USER, "action_success").booleanValue()).isEqualTo(success);
        assertThat(result.attribute(Context.USER, "check_status_code").intValue()).isEqualTo(status);
        assertThat(result.error()).isNull();
    }

    @Test
    void redirectIsNotFollowedAndMapsAs3xx() {
        upstream.on("/old", (exchange, body) -> {
            exchange.getResponseHeaders().set("Location", upstream.url("/new"));
            Upstream.respond(exchange, 301, null, "");
        });
        upstream.on("/new", Upstream.json(200, "{}"));
        engine.load("moved");

        ActionResult result = engine.execute("moved");

        assertThat(result.statusCode()).isEqualTo(301);
        assertThat(result.success()).isFalse();
        assertThat(result.response().header("Location")).isEqualTo(upstream.url("/new"));
        assertThat(upstream.requests()).extracting(Upstream.Received::uri).containsExactly("/old");
    }

    /** rule_retryable: {@code error.retryable == `false`}; rule_ok: {@code ok}. */
    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "rule_retryable | {\"error\": {\"retryable\": false}} | true",
        "rule_retryable | {\"error\": {\"retryable\": true}}  | false",
        "rule_ok        | {\"ok\": \"yes\"}                    | false",
        "rule_ok        | {}                                   | false",
        "rule_ok        | not json                             | false",
    })
    void jmesPathSuccessMustYieldABoolean(String definition, String body, boolean success) {
        upstream.on("/e", Upstream.json(422, body));
        engine.load(definition);

        assertThat(engine.execute(definition).success()).isEqualTo(success);
    }

    @Test
    void outputsAreTypedByDeclarationAndEmptyWhenTheyCannotBe() throws IOException {
        try (Engine typed = new Engine(Settings.defaults(io.webhookactions.attribute.SecretSource.none()).withTypes(new io.webhookactions.attribute.AttributeTypes(java.util.Map.of(
                        "age", io.webhookactions.attribute.AttributeType.INT,
                        "bad_age", io.webhookactions.attribute.AttributeType.INT,
                        "session.vip", io.webhookactions.attribute.AttributeType.BOOLEAN))))) {
            upstream.on("/u", Upstream.json(200, "{\"age\": \"42\", \"bad\": \"forty\", \"vip\": \"yes\", \"tags\": [\"a\",\"b\"],"
                    + " \"items\": [{\"id\": 1}, {\"id\": 2}]}"));
            typed.property("upstream", upstream.url("")).load("typed");

            ActionResult result = typed.execute("typed");

            assertThat(result.attribute(Context.USER, "age").isIntegralNumber()).isTrue();
            assertThat(result.attribute(Context.USER, "age").intValue()).isEqualTo(42);
            assertThat(result.attribute(Context.USER, "bad_age")).as("not coercible -> absent").isNull();
            assertThat(result.attribute(Context.USER, "missing")).as("matches nothing -> absent").isNull();
            assertThat(result.attribute(Context.SESSION, "vip").booleanValue()).isTrue();
            assertThat(result.attribute(Context.USER, "tags").toString()).isEqualTo("[\"a\",\"b\"]");
            assertThat(result.attribute(Context.USER, "ids").toString()).isEqualTo("[1,2]");
            assertThat(result.attribute(Context.USER, "first_id").intValue()).isEqualTo(1);
            assertThat(result.contexts().get(Context.SESSION, "vip").booleanValue()).isTrue();
        }
    }

    @Test
    void rawResponseIsStoredEvenWhenTheBodyIsNotJson() {
        upstream.on("/html", (exchange, body) -> Upstream.respond(exchange, 200, "text/html", "<h1>hi</h1>"));
        engine.load("page");

        ActionResult result = engine.execute("page");

        assertThat(result.success()).isTrue();
        assertThat(result.attribute(Context.USER, "title")).isNull();
        assertThat(result.attribute(Context.SESSION, "page").asText()).isEqualTo("<h1>hi</h1>");
        assertThat(result.response().bodyText()).isEqualTo("<h1>hi</h1>");
    }

    @Test
    void emptyBodyMapsNoOutputsButKeepsTheDefaults() {
        upstream.on("/empty", (exchange, body) -> Upstream.respond(exchange, 204, null, ""));
        engine.load("empty");

        ActionResult result = engine.execute("empty");

        assertThat(result.attribute(Context.USER, "x")).isNull();
        assertThat(result.attribute(Context.USER, "raw").asText()).isEmpty();
        assertThat(result.attribute(Context.USER, "empty_status_code").intValue()).isEqualTo(204);
        assertThat(result.response().bodyText()).isNull();
    }

    @Test
    void deeplyNestedResponseIsTreatedAsNonJsonWithoutCrashing() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        upstream.on("/deep", Upstream.json(200, deep));
        engine.load("deep_array");

        ActionResult result = engine.execute("deep_array");

        assertThat(result.success()).isTrue();
        assertThat(result.attribute(Context.USER, "x")).isNull();
    }

    @Test
    void requestAndResponseAreReportedAsSentAndReceived() {
        upstream.on("/echo", (exchange, body) -> {
            exchange.getResponseHeaders().set("X-Upstream", "yes");
            Upstream.respond(exchange, 201, "application/json", "{\"got\": " + body + "}");
        });
        engine.load("post_it");

        ActionResult result = engine.execute("post_it", "{\"user\": {\"id\": \"7\", \"n\": 3}}");

        assertThat(result.request().method()).isEqualTo("POST");
        assertThat(result.request().url()).isEqualTo(upstream.url("/echo?id=7"));
        assertThat(result.request().headers()).containsEntry("X-Trace", "t-7");
        assertThat(result.request().body().toString()).isEqualTo("{\"id\":\"7\",\"n\":3}");
        Upstream.Received received = upstream.last();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(received.header("X-Trace")).isEqualTo("t-7");
        assertThat(received.body()).isEqualTo("{\"id\":\"7\",\"n\":3}");
        assertThat(result.response().header("X-Upstream")).isEqualTo("yes");
        JsonNode json = result.toJson();
        assertThat(json.path("response").path("body").asText()).isEqualTo("{\"got\": {\"id\":\"7\",\"n\":3}}");
        assertThat(json.path("status_code").asInt()).isEqualTo(201);
    }

    @Test
    void getWithABodySendsItAsGiven() {
        upstream.on("/search", Upstream.json(200, "{}"));
        engine.load("search");

        engine.execute("search", "{\"user\": {\"q\": \"cats\"}}");

        assertThat(upstream.last().method()).isEqualTo("GET");
        assertThat(upstream.last().body()).isEqualTo("{\"q\":\"cats\"}");
    }
}
