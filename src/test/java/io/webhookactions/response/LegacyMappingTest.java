package io.webhookactions.response;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.webhookactions.attribute.AttributeType;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Context;
import io.webhookactions.call.UpstreamResponse;
import io.webhookactions.support.Json;
import io.webhookactions.testing.Definitions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §9: the answer of a legacy action mapped by the plan compiled from
 * {@code definitions/mapping_legacy.webhook.json} (outputs user_name, session.plan, score, age).
 */
class LegacyMappingTest {

    private static final AttributeTypes TYPES = new AttributeTypes(Map.of("age", AttributeType.INT, "score", AttributeType.FLOAT));
    private static final ResponseMapping MAPPING = ResponseMapping.of(Definitions.plan("mapping_legacy"), TYPES);

    private static ResponseMapping.Mapped answer(int status, String body) {
        return MAPPING.map(new UpstreamResponse(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode user(ResponseMapping.Mapped mapped) {
        return mapped.attributes().get(Context.USER);
    }

    @Test
    void aSuccessfulAnswerSetsTheListedOutputsTyped() {
        ResponseMapping.Mapped mapped = answer(200, "{\"successful\": true, \"output_data\": {\"attributes\": {\"user_name\": \"Ada\","
                + " \"plan\": \"pro\", \"score\": \"9.5\", \"age\": \"36\", \"ignored\": 1}}}");

        assertThat(mapped.success()).isTrue();
        assertThat(mapped.error()).isNull();
        assertThat(user(mapped).get("user_name")).isEqualTo(TextNode.valueOf("Ada"));
        assertThat(user(mapped).get("score")).isEqualTo(DecimalNode.valueOf(new BigDecimal("9.5")));
        assertThat(user(mapped).get("age")).isEqualTo(LongNode.valueOf(36));
        assertThat(mapped.attributes().get(Context.SESSION)).isEqualTo(json("{\"plan\": \"pro\"}"));
        assertThat(user(mapped).fieldNames()).toIterable().containsExactlyInAnyOrder("user_name", "score", "age",
                "lookup_action_success", "action_success", "lookup_status_code");
    }

    @Test
    void theThreeDefaultAttributesFollowSuccessful() {
        ResponseMapping.Mapped mapped = answer(200, "{\"successful\": true}");

        assertThat(user(mapped)).isEqualTo(json("{\"lookup_action_success\": true, \"action_success\": true,"
                + " \"lookup_status_code\": 200}"));
    }

    @Test
    void aNullOutputRemovesTheAttribute() {
        ResponseMapping.Mapped mapped = answer(200, "{\"successful\": true, \"output_data\": {\"attributes\": {\"user_name\": null}}}");

        assertThat(user(mapped).get("user_name")).isEqualTo(NullNode.getInstance());
    }

    @Test
    void anOutputThatCannotTakeItsDeclaredTypeIsNotSet() {
        ResponseMapping.Mapped mapped = answer(200, "{\"successful\": true, \"output_data\": {\"attributes\": {\"age\": \"old\","
                + " \"user_name\": \"Ada\"}}}");

        assertThat(user(mapped).has("age")).isFalse();
        assertThat(user(mapped).get("user_name")).isEqualTo(TextNode.valueOf("Ada"));
    }

    @Test
    void theStatusCodeIsKeptButDecidesNothing() {
        ResponseMapping.Mapped mapped = answer(500, "{\"successful\": true, \"output_data\": {\"attributes\": {\"user_name\": \"Ada\"}}}");

        assertThat(mapped.success()).isTrue();
        assertThat(user(mapped).get("lookup_status_code").intValue()).isEqualTo(500);
        assertThat(user(mapped).get("user_name")).isEqualTo(TextNode.valueOf("Ada"));
    }

    @Test
    void anUnsuccessfulAnswerJoinsItsErrorMessagesAndSetsNoOutputs() {
        ResponseMapping.Mapped mapped = answer(200, "{\"successful\": false, \"errors\": [{\"message\": \"card declined\"},"
                + " {\"message\": \"try later\"}], \"output_data\": {\"attributes\": {\"user_name\": \"Ada\"}}}");

        assertThat(mapped.success()).isFalse();
        assertThat(mapped.error()).isEqualTo("card declined; try later");
        assertThat(user(mapped)).isEqualTo(json("{\"lookup_action_success\": false, \"action_success\": false,"
                + " \"lookup_status_code\": 200, \"lookup_error\": \"card declined; try later\"}"));
        assertThat(mapped.attributes()).doesNotContainKey(Context.SESSION);
    }

    @Test
    void errorsMayBePlainStringsAndBlankMessagesAreSkipped() {
        ResponseMapping.Mapped mapped = answer(200, "{\"successful\": false, \"errors\": [\"busy\", {\"message\": \" \"}, {\"code\": 7},"
                + " {\"message\": \"again later\"}]}");

        assertThat(mapped.error()).isEqualTo("busy; again later");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"successful\": false}", "{\"successful\": false, \"errors\": []}",
        "{\"successful\": false, \"errors\": {\"code\": 7}}", "{\"successful\": false, \"errors\": [{\"message\": \"\"}]}"})
    void anUnsuccessfulAnswerWithoutMessagesSaysSo(String body) {
        ResponseMapping.Mapped mapped = answer(200, body);

        assertThat(mapped.success()).isFalse();
        assertThat(mapped.error()).isEqualTo("the legacy action reported a failure without a message");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"<html>busy</html>", "[{\"successful\": true}]", "\"successful\"", ""})
    void aBodyThatIsNotAJsonObjectIsAFailureThatSaysWhy(String body) {
        ResponseMapping.Mapped mapped = answer(502, body);

        assertThat(mapped.success()).isFalse();
        assertThat(mapped.error()).isEqualTo("the legacy action answered 502 with a body that is not a JSON object");
        assertThat(user(mapped).get("lookup_error").asText()).isEqualTo(mapped.error());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"output_data\": {}}", "{\"successful\": \"true\"}", "{\"successful\": 1}", "{\"successful\": null}"})
    void successfulMustBeTrueOrFalse(String body) {
        ResponseMapping.Mapped mapped = answer(200, body);

        assertThat(mapped.success()).isFalse();
        assertThat(mapped.error()).isEqualTo("the legacy action's answer has no \"successful\" true/false");
    }

    @Test
    void anExecutionWithoutAResponseSetsTheErrorAndNoStatusCode() {
        ResponseMapping.Mapped mapped = MAPPING.failure("could not connect to legacy.example.com:443");

        assertThat(mapped.success()).isFalse();
        assertThat(user(mapped)).isEqualTo(json("{\"lookup_action_success\": false, \"action_success\": false,"
                + " \"lookup_error\": \"could not connect to legacy.example.com:443\"}"));
    }
}
