package io.webhookactions.kafka;

import static io.webhookactions.kafka.KafkaRequestsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.call.FailureKind;
import io.webhookactions.response.ActionResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record a request gets on the results topic: one action's summary, or a pipeline's merged attributes. */
class ResultRecordTest {

    @Test
    void oneActionsResultCarriesTheIdTheSummaryAndTheAttributesItSet() {
        RequestRecord request = RequestRecord.parse("{\"id\": \"r-1\", \"action\": \"get_user\"}", 20);
        ActionResult result = result("get_user", true, 200, null, "{\"user_name\": \"Ada\"}", "{\"plan\": \"pro\"}");

        String record = ResultRecord.of(request, List.of(result));

        assertThat(json(record)).isEqualTo(json("{\"id\": \"r-1\", \"action\": \"get_user\", \"success\": true, \"status_code\": 200,"
                + " \"error\": null, \"duration_ms\": 7, \"attributes\": {\"user\": {\"user_name\": \"Ada\"}, \"session\": {\"plan\": \"pro\"}}}"));
    }

    @Test
    void anActionThatReceivedNothingHasNoStatusCodeAndItsError() {
        RequestRecord request = RequestRecord.parse("{\"id\": \"r-2\", \"action\": \"get_user\"}", 20);

        String record = ResultRecord.of(request, List.of(result("get_user", false, null, "could not connect to api.example.com", "{}", "{}")));

        assertThat(json(record).get("status_code").isNull()).isTrue();
        assertThat(json(record).get("error").asText()).isEqualTo("could not connect to api.example.com");
        assertThat(json(record).get("success").booleanValue()).isFalse();
    }

    @Test
    void aPipelinesResultMergesTheAttributesLaterActionsWinningAndSumsUpEachAction() {
        RequestRecord request = RequestRecord.parse("{\"id\": \"p-1\", \"actions\": [\"first\", \"second\", \"third\"]}", 20);
        List<ActionResult> results = List.of(
                result("first", true, 200, null, "{\"a\": 1, \"shared\": \"first\"}", "{}"),
                result("second", false, null, "timed out after 10000 ms", "{\"b\": 2}", "{\"s\": true}"),
                result("third", false, 404, null, "{\"shared\": \"third\"}", "{}"));

        String record = ResultRecord.of(request, results);

        assertThat(json(record)).isEqualTo(json("{\"id\": \"p-1\", \"actions\": [\"first\", \"second\", \"third\"], \"success\": false,"
                + " \"status_code\": 404, \"error\": \"second: timed out after 10000 ms\", \"duration_ms\": 21,"
                + " \"attributes\": {\"user\": {\"a\": 1, \"shared\": \"third\", \"b\": 2}, \"session\": {\"s\": true}},"
                + " \"results\": ["
                + "{\"action\": \"first\", \"success\": true, \"status_code\": 200, \"error\": null, \"duration_ms\": 7},"
                + "{\"action\": \"second\", \"success\": false, \"status_code\": null, \"error\": \"timed out after 10000 ms\", \"duration_ms\": 7},"
                + "{\"action\": \"third\", \"success\": false, \"status_code\": 404, \"error\": null, \"duration_ms\": 7}]}"));
    }

    @Test
    void aPipelineSucceedsWhenEveryActionDid() {
        RequestRecord request = RequestRecord.parse("{\"id\": \"p-2\", \"actions\": [\"first\", \"second\"]}", 20);

        String record = ResultRecord.of(request, List.of(result("first", true, 200, null, "{}", "{}"),
                result("second", true, 201, null, "{}", "{}")));

        assertThat(json(record).get("success").booleanValue()).isTrue();
        assertThat(json(record).get("error").isNull()).isTrue();
        assertThat(json(record).get("status_code").intValue()).isEqualTo(201);
    }

    private static ActionResult result(String action, boolean success, Integer status, String error, String user, String session) {
        return new ActionResult(action, success, status, 7, Map.of(Context.USER, (ObjectNode) json(user),
                Context.SESSION, (ObjectNode) json(session)), null, null, error, error == null ? null : FailureKind.TIMEOUT,
                Contexts.empty());
    }
}
