package io.webhookactions.response;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
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
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §1 and §4: a V2 response mapped by the plan the loader compiled from a definition file: the status
 * group, {@code action_success}, outputs typed by the declared attribute types, the raw response and the
 * three default attributes. No HTTP: responses are built here.
 */
class StatusGroupMappingTest {

    private static final AttributeTypes TYPES = new AttributeTypes(Map.of(
            "age", AttributeType.INT, "bad_age", AttributeType.INT, "count", AttributeType.INT,
            "session.vip", AttributeType.BOOLEAN));

    private static final String PROFILE = "{\"age\": \"42\", \"bad\": \"forty\", \"vip\": \"yes\", \"tags\": [\"a\", \"b\"],"
            + " \"address\": {\"city\": \"Paris\"}, \"items\": [{\"id\": 1, \"name\": \"first\"}, {\"id\": 2, \"name\": \"second\"}],"
            + " \"empty\": null, \"name\": \"Ada\", \"count\": \"7\"}";

    private static ResponseMapping mapping(String definition) {
        return ResponseMapping.of(Definitions.plan(definition), TYPES);
    }

    private static UpstreamResponse response(int status, String body) {
        return new UpstreamResponse(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
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

    private static ObjectNode session(ResponseMapping.Mapped mapped) {
        return mapped.attributes().get(Context.SESSION);
    }

    @ParameterizedTest(name = "{0} -> success {1}")
    @CsvSource({"100, true", "199, true", "200, true", "299, true", "300, true", "399, true",
        "400, false", "499, false", "500, false", "599, false"})
    void withoutAResponseBlockEachGroupMapsByItsDefault(int status, boolean success) {
        ResponseMapping.Mapped mapped = mapping("mapping_defaults").map(response(status, "{\"ok\": true}"));

        assertThat(mapped.success()).isEqualTo(success);
        assertThat(mapped.error()).isNull();
        assertThat(mapped.attributes()).containsOnlyKeys(Context.USER);
        assertThat(user(mapped)).isEqualTo(json("{\"defaults_action_success\": " + success + ", \"action_success\": " + success
                + ", \"defaults_status_code\": " + status + "}"));
    }

    @ParameterizedTest(name = "{0} -> group {1}, success {2}")
    @CsvSource({"100, 1xx, false", "199, 1xx, false", "200, 2xx, true", "299, 2xx, true", "300, 3xx, false", "399, 3xx, false",
        "400, 4xx, true", "499, 4xx, true", "500, 5xx, false", "599, 5xx, false"})
    void theStatusCodeChoosesTheRuleOfItsGroup(int status, String group, boolean success) {
        ResponseMapping.Mapped mapped = mapping("mapping_every_group").map(response(status, "answer " + status));

        assertThat(mapped.success()).isEqualTo(success);
        assertThat(user(mapped)).isEqualTo(json("{\"group_" + group + "\": \"answer " + status + "\", \"groups_action_success\": "
                + success + ", \"action_success\": " + success + ", \"groups_status_code\": " + status + "}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(ints = {0, 99, 600, 999})
    void aStatusOutsideEveryGroupIsAFailureThatMapsNothing(int status) {
        ResponseMapping.Mapped mapped = mapping("mapping_every_group").map(response(status, "answer"));

        assertThat(mapped.success()).isFalse();
        assertThat(mapped.error()).isNull();
        assertThat(user(mapped)).isEqualTo(json("{\"groups_action_success\": false, \"action_success\": false,"
                + " \"groups_status_code\": " + status + "}"));
    }

    @Test
    void aConstantSuccessIgnoresTheBodyWhileOutputsAreStillMapped() {
        ResponseMapping.Mapped mapped = mapping("mapping_success_rules").map(response(302, "{\"ok\": true}"));

        assertThat(mapped.success()).isFalse();
        assertThat(user(mapped).get("ok")).isEqualTo(BooleanNode.TRUE);
        assertThat(user(mapped).get("rule_action_success")).isEqualTo(BooleanNode.FALSE);
    }

    @ParameterizedTest(name = "{1} on {0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "200 | {\"ok\": true}                         | true",
        "200 | {\"ok\": false}                        | false",
        "422 | {\"error\": {\"retryable\": false}}    | true",
        "422 | {\"error\": {\"retryable\": true}}     | false",
        "422 | {\"error\": {}}                        | false",
    })
    void aSuccessExpressionDecidesByTheBooleanItYields(int status, String body, boolean success) {
        ResponseMapping.Mapped mapped = mapping("mapping_success_rules").map(response(status, body));

        assertThat(mapped.success()).isEqualTo(success);
        assertThat(user(mapped).get("rule_action_success")).isEqualTo(BooleanNode.valueOf(success));
        assertThat(user(mapped).get("action_success")).isEqualTo(BooleanNode.valueOf(success));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"ok\": \"yes\"}", "{\"ok\": \"true\"}", "{\"ok\": 1}", "{\"ok\": [true]}", "{\"ok\": null}", "{}",
        "[true]", "true", "not json", ""})
    void aSuccessExpressionThatYieldsNoBooleanCountsAsFailure(String body) {
        ResponseMapping.Mapped mapped = mapping("mapping_success_rules").map(response(200, body));

        assertThat(mapped.success()).isFalse();
        assertThat(mapped.error()).isNull();
        assertThat(user(mapped).get("rule_action_success")).isEqualTo(BooleanNode.FALSE);
    }

    @Test
    void outputsAreCoercedToTheirDeclaredType() {
        ResponseMapping.Mapped mapped = mapping("mapping_outputs").map(response(200, PROFILE));

        assertThat(user(mapped).get("age")).as("\"42\" declared int").isEqualTo(LongNode.valueOf(42));
        assertThat(user(mapped).get("count")).as("a JSONPath output, \"7\" declared int").isEqualTo(LongNode.valueOf(7));
        assertThat(session(mapped).get("vip")).as("\"yes\" declared session boolean").isEqualTo(BooleanNode.TRUE);
    }

    @Test
    void anOutputThatCannotTakeItsDeclaredTypeIsLeftEmpty() {
        ResponseMapping.Mapped mapped = mapping("mapping_outputs").map(response(200, PROFILE));

        assertThat(user(mapped).has("bad_age")).as("\"forty\" declared int").isFalse();
    }

    @Test
    void undeclaredOutputsKeepTheirJsonType() {
        ResponseMapping.Mapped mapped = mapping("mapping_outputs").map(response(200, PROFILE));

        assertThat(user(mapped).get("tags")).isEqualTo(json("[\"a\", \"b\"]"));
        assertThat(user(mapped).get("address")).isEqualTo(json("{\"city\": \"Paris\"}"));
        assertThat(user(mapped).get("first_id")).isEqualTo(IntNode.valueOf(1));
    }

    @Test
    void jsonPathOutputsReadTheBodyLikeJmesPathOnes() {
        ResponseMapping.Mapped mapped = mapping("mapping_outputs").map(response(200, PROFILE));

        assertThat(user(mapped).get("ids")).isEqualTo(json("[1, 2]"));
        assertThat(user(mapped).get("first_name")).isEqualTo(TextNode.valueOf("first"));
    }

    @Test
    void anOutputWhoseExpressionMatchesNothingOrNullIsLeftEmpty() {
        ResponseMapping.Mapped mapped = mapping("mapping_outputs").map(response(200, PROFILE));

        assertThat(user(mapped).has("missing")).as("JMESPath matching nothing").isFalse();
        assertThat(user(mapped).has("nothing")).as("JMESPath matching a JSON null").isFalse();
        assertThat(user(mapped).has("absent")).as("JSONPath matching nothing").isFalse();
    }

    @Test
    void anOutputWhoseExpressionFailsOnTheBodysTypesIsLeftEmpty() {
        ResponseMapping.Mapped mapped = mapping("mapping_outputs").map(response(200, PROFILE));

        assertThat(user(mapped).has("wrong_type")).as("abs() of a string").isFalse();
        assertThat(user(mapped).get("age")).as("the other outputs are still mapped").isEqualTo(LongNode.valueOf(42));
    }

    @Test
    void aJsonPathFunctionThatFailsOnTheBodyLeavesItsOutputEmptyLikeJmesPath() {
        // Jayway's functions throw on their own, whatever SUPPRESS_EXCEPTIONS says: avg() of strings, first() of [].
        ResponseMapping.Mapped mapped = mapping("mapping_outputs").map(response(200, PROFILE.substring(0, PROFILE.length() - 1) + ", \"empty_list\": []}"));

        assertThat(mapped.success()).isTrue();
        assertThat(mapped.error()).isNull();
        assertThat(user(mapped).has("average_tag")).as("avg() of strings").isFalse();
        assertThat(user(mapped).has("first_of_nothing")).as("first() of an empty list").isFalse();
        assertThat(user(mapped).get("ids")).as("the other outputs are still mapped").isEqualTo(json("[1, 2]"));
    }

    @Test
    void eachOutputAndTheRawResponseGoToTheirTargetContext() {
        ResponseMapping.Mapped mapped = mapping("mapping_outputs").map(response(200, PROFILE));

        assertThat(user(mapped).fieldNames()).toIterable().containsExactlyInAnyOrder("age", "tags", "address", "first_id", "ids",
                "first_name", "count", "profile_action_success", "action_success", "profile_status_code");
        assertThat(session(mapped).fieldNames()).toIterable().containsExactlyInAnyOrder("vip", "raw");
        assertThat(session(mapped).get("raw")).isEqualTo(TextNode.valueOf(PROFILE));
    }

    @Test
    void aNonJsonBodyMapsNoOutputsButKeepsTheRawResponse() {
        ResponseMapping.Mapped mapped = mapping("mapping_outputs").map(
                new UpstreamResponse(200, Map.of("Content-Type", "text/html"), "<h1>hi</h1>".getBytes(StandardCharsets.UTF_8)));

        assertThat(mapped.success()).isTrue();
        assertThat(user(mapped)).isEqualTo(json("{\"profile_action_success\": true, \"action_success\": true,"
                + " \"profile_status_code\": 200}"));
        assertThat(session(mapped)).isEqualTo(json("{\"raw\": \"<h1>hi</h1>\"}"));
    }

    @Test
    void anEmptyBodyMapsNoOutputsAndStoresAnEmptyRawResponse() {
        ResponseMapping.Mapped mapped = mapping("mapping_outputs").map(new UpstreamResponse(204, Map.of(), new byte[0]));

        assertThat(user(mapped)).isEqualTo(json("{\"profile_action_success\": true, \"action_success\": true,"
                + " \"profile_status_code\": 204}"));
        assertThat(session(mapped)).isEqualTo(json("{\"raw\": \"\"}"));
    }

    @Test
    void onlyTheGroupOfTheStatusMapsItsOutputs() {
        ResponseMapping.Mapped mapped = mapping("mapping_outputs").map(response(503, "{\"error\": {\"message\": \"down\"}, \"age\": \"42\"}"));

        assertThat(mapped.success()).isFalse();
        assertThat(user(mapped)).isEqualTo(json("{\"reason\": \"down\", \"profile_action_success\": false, \"action_success\": false,"
                + " \"profile_status_code\": 503}"));
        assertThat(mapped.attributes()).doesNotContainKey(Context.SESSION);
    }

    @Test
    void anExecutionWithoutAResponseSetsTheErrorAndNoStatusCode() {
        ResponseMapping.Mapped mapped = mapping("mapping_outputs").failure("timed out after 500 ms");

        assertThat(mapped.success()).isFalse();
        assertThat(mapped.error()).isEqualTo("timed out after 500 ms");
        assertThat(mapped.attributes()).containsOnlyKeys(Context.USER);
        assertThat(user(mapped)).isEqualTo(json("{\"profile_action_success\": false, \"action_success\": false,"
                + " \"profile_error\": \"timed out after 500 ms\"}"));
    }
}
