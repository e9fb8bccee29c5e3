package io.webhookactions.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.attribute.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a request record must look like, and the reason a dead letter carries when it does not. */
class RequestRecordTest {

    @Test
    void aRequestNamesItsIdItsActionAndItsContexts() {
        RequestRecord request = RequestRecord.parse("{\"id\": \"r-1\", \"action\": \"get_user\","
                + " \"context\": {\"user\": {\"user_id\": \"42\"}, \"global\": {\"api_version\": \"v1\"}}}", 20);

        assertThat(request.id()).isEqualTo("r-1");
        assertThat(request.actions()).containsExactly("get_user");
        assertThat(request.pipeline()).isFalse();
        assertThat(request.contexts().get(Context.USER, "user_id").asText()).isEqualTo("42");
        assertThat(request.contexts().get(Context.GLOBAL, "api_version").asText()).isEqualTo("v1");
    }

    @Test
    void aPipelineNamesItsActionsInOrder() {
        RequestRecord request = RequestRecord.parse("{\"id\": \"p-1\", \"actions\": [\"b\", \"a\", \"b\"]}", 20);

        assertThat(request.actions()).containsExactly("b", "a", "b");
        assertThat(request.pipeline()).isTrue();
    }

    @Test
    void aRequestWithoutContextRunsWithNoAttributes() {
        RequestRecord request = RequestRecord.parse("{\"id\": \"r-2\", \"action\": \"ping\"}", 20);

        assertThat(request.contexts().toJson()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON at all                  | hello                                                  | not JSON: Unrecognized token 'hello'
            empty                            | ''                                                     | a request is a JSON object {"id": ..., "action": ..., "context": {...}}
            an array                         | [1, 2]                                                 | a request is a JSON object {"id": ..., "action": ..., "context": {...}}
            two values                       | {"id": "a", "action": "x"} {}                          | not JSON: Trailing token (of type START_OBJECT) found after value
            a duplicate key                  | {"id": "a", "id": "b", "action": "x"}                  | not JSON: Duplicate field 'id'
            no id                            | {"action": "x"}                                        | "id" must be a non-empty string: the result carries it back
            a number as id                   | {"id": 7, "action": "x"}                               | "id" must be a non-empty string: the result carries it back
            a blank id                       | {"id": " ", "action": "x"}                             | "id" must be a non-empty string: the result carries it back
            another field                    | {"id": "a", "action": "x", "contexts": {}}             | unknown field contexts: a request has id, action or actions, and context
            neither action nor actions       | {"id": "a"}                                            | a request names either "action" (one action) or "actions" (a pipeline), not neither
            both action and actions          | {"id": "a", "action": "x", "actions": ["x"]}           | a request names either "action" (one action) or "actions" (a pipeline), not both
            an empty pipeline                | {"id": "a", "actions": []}                             | "actions" must be a non-empty array of action names
            a pipeline that is a string      | {"id": "a", "actions": "x"}                            | "actions" must be a non-empty array of action names
            a name that is not a string      | {"id": "a", "actions": ["x", 3]}                       | an action name must be a non-empty string, not 3
            an action that is an object      | {"id": "a", "action": {}}                              | an action name must be a non-empty string, not {}
            a context that is not one        | {"id": "a", "action": "x", "context": {"secret": {}}}  | context: unknown context secret: contexts are user, session, global and conversation (secret, _auth and _webhook cannot be supplied)
            contexts that are not an object  | {"id": "a", "action": "x", "context": [1]}             | context: contexts must be a JSON object such as {"user": {"user_id": "42"}}
            """)
    void aRecordThatIsNotARequestIsRefusedWithItsReason(String what, String payload, String reason) {
        assertThatThrownBy(() -> RequestRecord.parse(payload, 20)).isInstanceOf(RejectedRequest.class)
                .satisfies(refused -> assertThat(refused.getMessage()).startsWith(reason));
    }

    @Test
    void theRefusalNamesTheIdWhenTheRecordGotThatFar() {
        assertThatThrownBy(() -> RequestRecord.parse("{\"id\": \"r-9\", \"action\": \"x\", \"extra\": 1}", 20))
                .isInstanceOfSatisfying(RejectedRequest.class, refused -> assertThat(refused.id()).isEqualTo("r-9"));
        assertThatThrownBy(() -> RequestRecord.parse("nope", 20))
                .isInstanceOfSatisfying(RejectedRequest.class, refused -> assertThat(refused.id()).isNull());
    }

    @Test
    void aPipelineLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> RequestRecord.parse("{\"id\": \"a\", \"actions\": [\"x\", \"y\", \"z\"]}", 2))
                .hasMessage("a pipeline runs at most 2 actions (webhook.pipelines.max-actions); this one has 3");
    }

    @Test
    void anIdLongerThanTwoHundredCharactersIsRefused() {
        assertThatThrownBy(() -> RequestRecord.parse("{\"id\": \"" + "i".repeat(201) + "\", \"action\": \"x\"}", 20))
                .hasMessage("\"id\" is longer than 200 characters");
    }
}
