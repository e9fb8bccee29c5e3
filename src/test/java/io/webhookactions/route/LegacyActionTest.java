package io.webhookactions.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.AttributeType;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.DefinitionReader;
import io.webhookactions.definition.LegacyConversion;
import io.webhookactions.definition.LoadResult;
import io.webhookactions.definition.Placeholders;
import io.webhookactions.response.ActionResult;
import io.webhookactions.support.Json;
import io.webhookactions.testing.Definitions;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Upstream;
import io.webhookactions.runtime.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §9 against a real upstream: legacy requests, responses, and conversion to V2 with the same outcome. */
class LegacyActionTest {

    private static final AttributeTypes TYPES = new AttributeTypes(Map.of("age", AttributeType.INT, "score", AttributeType.FLOAT));

    private Upstream upstream;
    private Engine engine;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);

    @BeforeEach
    void start() throws Exception {
        upstream = new Upstream().on("/legacy", (exchange, body) -> Upstream.respond(exchange, status.get(), "application/json", answer.get()));
        engine = new Engine(Settings.defaults(SecretSource.none()).withTypes(TYPES)).property("upstream", upstream.url(""));
    }

    @AfterEach
    void stop() {
        engine.close();
        upstream.close();
    }

    @Test
    void postsTheInputsTypedAndSetsTheOutputs() throws Exception {
        answer.set("{\"successful\": true, \"output_data\": {\"attributes\": {\"user_name\": \"Ada\", \"plan\": \"pro\", \"score\": \"9.5\","
                + " \"ignored\": 1}}}");
        engine.load("lookup");

        ActionResult result = engine.execute("lookup", "{\"user\": {\"user_id\": \"u1\", \"age\": \"36\"}, \"session\": {\"channel\": \"web\"},"
                + " \"global\": {\"tenant\": \"acme\"}}");

        Upstream.Received sent = upstream.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("X-Tenant")).isEqualTo("acme");
        assertThat(sent.body()).isEqualTo("{\"input_data\":{\"attributes\":{\"user_id\":\"u1\",\"age\":36,\"channel\":\"web\"}}}");
        assertThat(result.success()).isTrue();
        assertThat(result.attribute(Context.USER, "user_name").asText()).isEqualTo("Ada");
        assertThat(result.attribute(Context.SESSION, "plan").asText()).isEqualTo("pro");
        assertThat(result.attribute(Context.USER, "score").decimalValue()).isEqualByComparingTo("9.5");
        assertThat(result.attribute(Context.USER, "ignored")).isNull();
        assertThat(result.attribute(Context.USER, "lookup_action_success").booleanValue()).isTrue();
        assertThat(result.attribute(Context.USER, "lookup_status_code").intValue()).isEqualTo(200);
    }

    @Test
    void aNullOutputRemovesTheAttribute() {
        answer.set("{\"successful\": true, \"output_data\": {\"attributes\": {\"user_name\": null}}}");
        engine.load("forget");

        ActionResult result = engine.execute("forget", "{\"user\": {\"user_name\": \"Old Name\"}}");

        assertThat(result.attribute(Context.USER, "user_name").isNull()).isTrue();
        assertThat(result.contexts().get(Context.USER, "user_name").isMissingNode()).isTrue();
    }

    @Test
    void failureWithErrorsSetsNError() {
        status.set(200);
        answer.set("{\"successful\": false, \"errors\": [{\"message\": \"card declined\"}, {\"message\": \"try later\"}]}");
        engine.load("pay");

        ActionResult result = engine.execute("pay");

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo("card declined; try later");
        assertThat(result.attribute(Context.USER, "pay_error").asText()).isEqualTo("card declined; try later");
        assertThat(result.attribute(Context.USER, "pay_status_code").intValue()).isEqualTo(200);
        assertThat(result.response().status()).isEqualTo(200);
        assertThat(result.response().bodyText()).isEqualTo(answer.get());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<html>busy</html>       | the legacy action answered 200 with a body that is not a JSON object",
        "{\"output_data\": {}} | the legacy action's answer has no \"successful\" true/false",
    })
    void nonJsonOrMissingSuccessfulIsAFailureThatSaysWhy(String body, String error) {
        answer.set(body);
        engine.load("odd");

        ActionResult result = engine.execute("odd");

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo(error);
    }

    @Test
    void legacyDefinitionsMayNotUseV2Fields() {
        LoadResult result = new DefinitionLoader().load(Definitions.file("legacy_with_v2_fields"));

        assertThat(result.errors()).extracting(e -> e.pointer()).containsExactlyInAnyOrder("/method", "/inputs/1", "/outputs/0");
    }

    /** Three legacy definitions and their conversions give the same attributes against the same answers. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "old_profile | {\"successful\": true, \"output_data\": {\"attributes\": {\"user_name\": \"Ada\", \"plan\": \"pro\"}}}",
        "old_score   | {\"successful\": true, \"output_data\": {\"attributes\": {\"score\": \"4.5\"}}}",
        "old_payment | {\"successful\": false, \"errors\": [{\"message\": \"card declined\"}]}",
    })
    void convertedDefinitionYieldsTheSameAttributes(String definition, String legacyAnswer) throws Exception {
        answer.set(legacyAnswer);
        Map<String, String> properties = Map.of("upstream", upstream.url(""));
        ObjectNode converted = LegacyConversion.toV2(Json.mapper().readTree(Definitions.file(definition).toFile()),
                Definitions.plan(definition, properties));
        try (Engine v2 = new Engine(Settings.defaults(SecretSource.none()).withTypes(TYPES)).property("upstream", upstream.url(""))) {
            engine.load(definition);
            // The V2 definition is what the conversion generates at run time: added as text, not kept as a file.
            v2.add(converted.toString());
            String contexts = "{\"user\": {\"user_id\": \"u1\", \"age\": \"36\"}, \"session\": {\"channel\": \"web\"}, \"global\": {\"tenant\": \"t\"}}";

            ActionResult fromLegacy = engine.execute(definition, contexts);
            String legacyRequest = upstream.last().body();
            ActionResult fromV2 = v2.execute(definition, contexts);

            assertThat(new DefinitionLoader(Placeholders.of(properties::get), null)
                    .load(converted.toString().getBytes(StandardCharsets.UTF_8), "v2", null).errors()).isEmpty();
            assertThat(upstream.last().body()).isEqualTo(legacyRequest);
            assertThat(fromV2.attributesJson()).isEqualTo(fromLegacy.attributesJson());
            assertThat(fromV2.success()).isEqualTo(fromLegacy.success());
            JsonNode user = fromV2.attributesJson().path("user");
            assertThat(user.path(definition + "_action_success").asBoolean()).isEqualTo(fromLegacy.success());
        }
    }
}
